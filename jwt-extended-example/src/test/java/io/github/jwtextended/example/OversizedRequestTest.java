package io.github.jwtextended.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.RawHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized requests over raw sockets (java.net.http refuses to send most of them): a body over
 * 64 KiB answers 413 by {@code Content-Length} or chunked, header fields over 8 KiB 431 and a
 * request line over it 414, on every route (open, guarded, unknown), each as {@code {"msg": ...}}
 * JSON and never a 500; the server keeps serving afterwards.
 */
class OversizedRequestTest {
    static final String BODY_413 = "{\"msg\":\"Request body too large (at most 65536 bytes)\"}";
    static Path dir;
    static Server server;
    static int port;
    static String access;

    @BeforeAll
    static void start() {
        dir = TestServers.tempDir("jwt-example-oversized");
        server = TestServers.start(TestServers.baseEnv(dir));
        port = server.port();
        JsonNode tokens = Client.json(new Client(port, false).login("testuser", "testpass"));
        access = tokens.get("access_token").asText();
    }

    @AfterAll
    static void stop() {
        server.stop();
        TestServers.delete(dir);
    }

    static String head(String method, String path, String... lines) {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close");
        for (String l : lines) {
            b.append("\r\n").append(l);
        }
        return b.toString();
    }

    static void json(RawHttp.Answer a, int status, String body) {
        assertThat(a.status()).as("%s", a).isEqualTo(status);
        assertThat(a.header("Content-Type")).as("%s", a).startsWith("application/json");
        assertThat(a.body()).isEqualTo(body);
    }

    static byte[] big(int n) {
        byte[] b = ("{\"username\": \"" + "a".repeat(n) + "\", \"password\": \"x\"}").getBytes(StandardCharsets.UTF_8);
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /login", "POST /protected", "GET /protected", "POST /refresh", "POST /logout", "GET /ping",
            "POST /nowhere", "PUT /admin", "GET /"})
    void aBodyOverTheLimitIs413ByContentLength(String route) {
        String[] mr = route.split(" ");
        byte[] body = big(200_000);
        json(RawHttp.send(port, head(mr[0], mr[1], "Content-Type: application/json", "Authorization: Bearer " + access,
                "Content-Length: " + body.length), body), 413, BODY_413);
        // Announced but not sent: refused on the announcement alone.
        json(RawHttp.send(port, head(mr[0], mr[1], "Content-Type: application/json", "Content-Length: 1000000000"), null), 413, BODY_413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /login", "POST /protected", "GET /protected", "POST /refresh", "POST /nowhere", "GET /ping"})
    void aChunkedBodyOverTheLimitIs413Too(String route) {
        String[] mr = route.split(" ");
        json(RawHttp.send(port, head(mr[0], mr[1], "Content-Type: application/json", "Authorization: Bearer " + access,
                "Transfer-Encoding: chunked"), RawHttp.chunked(big(1_000_000))), 413, BODY_413);
    }

    @Test
    void loginsOwnLimitIs16KiB() {
        byte[] body = big(20_000);
        String msg = "{\"msg\":\"Request body too large (at most 16384 bytes)\"}";
        json(RawHttp.send(port, head("POST", "/login", "Content-Type: application/json", "Content-Length: " + body.length), body), 413, msg);
        json(RawHttp.send(port, head("POST", "/login", "Content-Type: application/json", "Transfer-Encoding: chunked"),
                RawHttp.chunked(body)), 413, msg);
        byte[] ok = "{\"username\": \"testuser\", \"password\": \"testpass\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(RawHttp.send(port, head("POST", "/login", "Content-Type: application/json", "Transfer-Encoding: chunked"),
                RawHttp.chunked(ok)).status()).as("a small chunked login works").isEqualTo(200);
    }

    @Test
    void aGuardedRouteWithAValidTokenStillRefusesAHugeBody() {
        byte[] body = big(100_000);
        json(RawHttp.send(port, head("POST", "/protected", "Authorization: Bearer " + access, "Content-Type: application/json",
                "Content-Length: " + body.length), body), 413, BODY_413);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected", "/login", "/nowhere", "/ping"})
    void headerFieldsOverTheLimitAre431(String path) {
        String msg = "{\"msg\":\"Request Header Fields Too Large\"}";
        json(RawHttp.get(port, path, "X-Filler: " + "a".repeat(16 * 1024)), 431, msg);
        json(RawHttp.get(port, path, "Cookie: access_token_cookie=" + "a".repeat(64 * 1024)), 431, msg);
        json(RawHttp.get(port, path, "Authorization: Bearer " + "a".repeat(1024 * 1024)), 431, msg);
        String[] lines = new String[2000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "X-H" + i + ": v";
        }
        json(RawHttp.get(port, path, lines), 431, msg);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/protected?x=", "/nowhere/", "/login?"})
    void aRequestLineOverTheLimitIs414(String path) {
        json(RawHttp.get(port, path + "a".repeat(16 * 1024)), 414, "{\"msg\":\"URI Too Long\"}");
        json(RawHttp.get(port, path + "a".repeat(1024 * 1024)), 414, "{\"msg\":\"URI Too Long\"}");
    }

    @Test
    void justUnderTheLimitsIsServedNormally() {
        RawHttp.Answer a = RawHttp.get(port, "/protected", "Authorization: Bearer " + access, "X-Filler: " + "a".repeat(6 * 1024));
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        byte[] body = new byte[60 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        a = RawHttp.send(port, head("POST", "/protected", "Authorization: Bearer " + access, "Content-Type: application/json",
                "Content-Length: " + body.length), body);
        assertThat(a.status()).as("%s", a).isEqualTo(200);
    }

    @Test
    void oversizedRequestsAreRefusedQuickly() {
        String header = "Authorization: Bearer " + "a".repeat(1024 * 1024);
        byte[] chunked = RawHttp.chunked(big(1024 * 1024));
        java.util.List<Long> headerMs = new java.util.ArrayList<>();
        java.util.List<Long> chunkedMs = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long t = System.nanoTime();
            assertThat(RawHttp.get(port, "/protected", header).status()).isEqualTo(431);
            headerMs.add((System.nanoTime() - t) / 1_000_000);
            t = System.nanoTime();
            assertThat(RawHttp.send(port, head("POST", "/protected", "Transfer-Encoding: chunked"), chunked).status()).isEqualTo(413);
            chunkedMs.add((System.nanoTime() - t) / 1_000_000);
        }
        java.util.Collections.sort(headerMs);
        java.util.Collections.sort(chunkedMs);
        System.out.printf("oversized over loopback (21 each): 1 MiB Authorization -> 431 median %d ms max %d ms;"
                + " 1 MiB chunked body -> 413 median %d ms max %d ms%n", headerMs.get(10), headerMs.get(20), chunkedMs.get(10), chunkedMs.get(20));
        assertThat(headerMs.get(10)).as("median, 1 MiB header").isLessThan(500);
        assertThat(chunkedMs.get(10)).as("median, 1 MiB chunked body").isLessThan(500);
    }

    @Test
    void theServerKeepsServingAfterwards() {
        for (int i = 0; i < 5; i++) {
            RawHttp.get(port, "/protected", "X-Filler: " + "a".repeat(64 * 1024));
            byte[] body = big(100_000);
            RawHttp.send(port, head("POST", "/protected", "Transfer-Encoding: chunked"), RawHttp.chunked(body));
        }
        assertThat(RawHttp.get(port, "/ping").body()).isEqualTo("{\"status\":\"ok\"}");
    }

    /**
     * A keep-alive client sending refused bodies gets every 413 (the server reads and drops up to
     * 1 MiB instead of closing on unread bytes, which would reset the connection and lose the answer).
     */
    @Test
    void aKeepAliveClientGetsEveryRefusal() {
        Client c = new Client(port, false);
        String login = "{\"username\": \"" + "a".repeat(20_000) + "\", \"password\": \"x\"}";
        String other = "{\"x\": \"" + "a".repeat(70_000) + "\"}";
        for (int i = 0; i < 40; i++) {
            assertThat(c.post("/login", login).statusCode()).as("login round %d", i).isEqualTo(413);
            assertThat(c.post("/protected", other).statusCode()).as("protected round %d", i).isEqualTo(413);
        }
        assertThat(c.login("testuser", "testpass").statusCode()).isEqualTo(200);
    }

    /** A body that cannot be read is a 400, never a 500: malformed chunk sizes, or a body cut short. */
    @ParameterizedTest
    @ValueSource(strings = {"/login", "/protected", "/refresh", "/nowhere"})
    void anUnreadableBodyIs400(String path) {
        String chunkedHead = head("POST", path, "Content-Type: application/json", "Transfer-Encoding: chunked");
        json(RawHttp.send(port, chunkedHead, "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)), 400,
                "{\"msg\":\"Request body could not be read\"}");
    }
}
