package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Hostile HTTP/1.1 framing over raw sockets against a running example server ({@link RawFraming}:
 * lying or duplicated lengths, broken chunked bodies, {@code Content-Length} beside
 * {@code Transfer-Encoding}, bare line ends, folded and control-character fields, bodies cut
 * short, pipelined requests, flipped bytes). Each case goes on its own connection, which is then
 * half-closed. What must hold for every case:
 * <ul>
 *   <li>every answer is a well-formed HTTP/1.1 answer (or, to a request line without a version, an
 *       HTTP/0.9 one: the body alone), 4xx or 2xx/3xx; the only 5xx are those HTTP
 *       prescribes for a protocol the server does not speak: 505 for a request line it reads as
 *       another HTTP version and 501 for a method or transfer coding it does not implement (never
 *       500, 502, 503 or 504);</li>
 *   <li>every answer with a body is JSON, an error is exactly {@code {"msg": "..."}} (at most 200
 *       characters), and nothing in it names a class, an exception, the container, HTML or the
 *       token that was sent;</li>
 *   <li>the server closes the connection within 10 s of the client's end of input (no request
 *       holds a worker);</li>
 *   <li>afterwards it still logs in and guards routes as before.</li>
 * </ul>
 * A subclass says which server ({@link #start}). The seed is fixed, so CI is reproducible; a
 * failure names the case and its bytes. {@code -Djwt.fuzz.framing=N} sends N cases (default 1,500),
 * {@code -Djwt.fuzz.seed=<n>} shifts the seed.
 *
 * <p>Thread safety: JUnit runs it on one thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RawFramingContract {
    private static final List<String> LEAKS = List.of("exception", "at java.", ".java:", "org.apache", "org.eclipse",
            "springframework", "tomcat", "jetty", "javalin", "<html", "<!doctype", "caused by", "stack", "sqlite", "select ");

    private FlowContract.RunningServer server;
    private Path dir;
    protected int port;
    private String access;
    private String csrf;

    /** Starts a server of the kind under test with these environment-style settings. */
    protected abstract FlowContract.RunningServer start(Map<String, String> env);

    @BeforeAll
    void startServer() throws IOException {
        dir = Files.createTempDirectory("jwt-raw-framing");
        server = start(FlowContract.baseEnv(dir));
        port = server.port();
        Client c = new Client(port, true);
        JsonNode tokens = Client.json(c.login("testuser", "testpass"));
        access = tokens.get("access_token").asText();
        csrf = c.cookie("csrf_access_token");
        if (csrf == null) {
            csrf = "no-csrf-cookie";
        }
    }

    @AfterAll
    void stopServer() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    public void hostileFramingNeverGetsA500OrALeakAndTheServerKeepsServing() {
        int n = Integer.getInteger("jwt.fuzz.framing", 1_500);
        long seed = 20_261_128L + Long.getLong("jwt.fuzz.seed", 0L);
        RawFraming framing = new RawFraming(seed, "127.0.0.1:" + port, access, csrf);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        int silent = 0;
        int pipelinedServed = 0;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RawFraming.Case c = framing.next();
            List<RawHttp.Answer> answers;
            try {
                answers = RawHttp.answers(RawHttp.exchange(port, c.bytes()), "HEAD".equals(c.method()));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + c.index() + ": " + e.getMessage() + "\nsent: " + c.printable(), e);
            }
            if (answers.isEmpty()) {
                silent++;
            }
            for (RawHttp.Answer a : answers) {
                check(c, a);
                byStatus.merge(a.status(), 1, Integer::sum);
            }
            if (c.pipelinedPing() && !answers.isEmpty() && answers.get(answers.size() - 1).body().equals("{\"status\":\"ok\"}")) {
                pipelinedServed++;
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.println("raw framing fuzz (" + getClass().getSimpleName() + "): " + n + " connections in " + ms + " ms, answers by status "
                + byStatus + ", closed without an answer " + silent + ", pipelined /ping served " + pipelinedServed);

        assertThat(byStatus.keySet()).as("the generator reaches the routes, not only the parser").contains(200, 400, 401);
        Client c = new Client(port, false);
        assertThat(c.get("/ping").statusCode()).isEqualTo(200);
        JsonNode tokens = Client.json(c.login("testuser", "testpass"));
        assertThat(c.get("/protected", "Authorization", "Bearer " + tokens.get("access_token").asText()).statusCode()).isEqualTo(200);
    }

    /** A well-formed request behind a refused one on the same connection is answered on its own terms. */
    @Test
    public void aValidPipelineIsServedInOrder() {
        String access = Client.json(new Client(port, false).login("testuser", "testpass")).get("access_token").asText();
        String host = "Host: 127.0.0.1:" + port + "\r\n";
        String three = "GET /ping HTTP/1.1\r\n" + host + "\r\n"
                + "GET /protected HTTP/1.1\r\n" + host + "Authorization: Bearer " + access + "\r\n\r\n"
                + "GET /protected HTTP/1.1\r\n" + host + "\r\n";
        List<RawHttp.Answer> answers = RawHttp.answers(RawHttp.exchange(port, three.getBytes(StandardCharsets.US_ASCII)), false);
        assertThat(answers).extracting(RawHttp.Answer::status).containsExactly(200, 200, 401);
    }

    private void check(RawFraming.Case c, RawHttp.Answer a) {
        String where = "seed case " + c.index() + ", answer " + a.status() + " " + a.headers() + " " + a.body() + "\nsent: " + c.printable();
        if (a.status() >= 500) {
            // HTTP's own answers to a protocol the server does not speak: 505 to a request line read
            // as another version (also "GET  HTTP/1.1", read as HTTP/0.9), 501 to a method (CONNECT)
            // or a transfer coding it does not implement (RFC 9110 sections 9.1 and 15.6.2).
            boolean allowed = a.status() == 505 || a.status() == 501;
            if (!allowed) {
                fail("a 5xx for client input: " + where);
            }
        }
        String text = (String.join("\n", a.headers()) + "\n" + a.body()).toLowerCase(Locale.ROOT);
        for (String leak : LEAKS) {
            assertThat(text).as("no '%s' in the answer: %s", leak, where).doesNotContain(leak);
        }
        String signature = access.substring(access.lastIndexOf('.') + 1);
        assertThat(a.body()).as("the token sent is not echoed: %s", where).doesNotContain(signature);
        if (a.body().isEmpty()) {
            return;
        }
        if (a.status() != 0) {
            assertThat(a.header("content-type")).as("JSON: %s", where).isNotNull().startsWith("application/json");
        }
        JsonNode json;
        try {
            json = Client.JSON.readTree(a.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + where, e);
        }
        assertThat(json.isObject()).as(where).isTrue();
        if (a.status() >= 400 || json.has("msg")) {
            assertThat(json.size()).as("only msg: %s", where).isEqualTo(1);
            assertThat(json.path("msg").isTextual()).as("msg: %s", where).isTrue();
            assertThat(json.get("msg").asText().length()).as("short msg: %s", where).isBetween(1, 200);
        }
    }
}
