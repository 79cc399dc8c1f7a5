package io.github.jwtextended.conformance;

import io.github.jwtextended.JwtManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import io.github.jwtextended.fixtures.HostileHttp;
import io.github.jwtextended.fixtures.HostileInputs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance kit: every {@link ConformanceCases case} sent over real HTTP to a server of the
 * adapter under test, which must answer exactly as the case says (status, body bytes,
 * {@code WWW-Authenticate} lines, {@code Set-Cookie} lines, error {@code Content-Type}). An adapter's
 * test module subclasses this and starts its own application for a given manager. One server is
 * started per {@link ConformanceSetup} used, and all are stopped after the class.
 *
 * <p>The application must serve these routes (JSON bodies written compact with sorted keys, as
 * Jackson writes a {@code TreeMap}); "echo" fields are {@code id} (the identity claim's raw value),
 * {@code loc} (the location's wire name or null) and {@code type} (the {@code type} claim):
 * <table>
 *   <caption>routes</caption>
 *   <tr><td>{@code /protected}, every method</td><td>required</td><td>echo {@code id, loc}</td></tr>
 *   <tr><td>{@code GET /protected/deeper}</td><td>required</td><td>echo {@code id, loc}</td></tr>
 *   <tr><td>{@code GET, POST /optional}</td><td>optional</td><td>echo {@code id}</td></tr>
 *   <tr><td>{@code GET /fresh}</td><td>fresh</td><td>echo {@code id}</td></tr>
 *   <tr><td>{@code GET, POST /refresh}</td><td>refresh</td><td>echo {@code id}</td></tr>
 *   <tr><td>{@code GET /any-type}</td><td>required, verify type off</td><td>echo {@code id, type}</td></tr>
 *   <tr><td>{@code GET /skip-revocation}</td><td>required, skip revocation check</td><td>echo {@code id}</td></tr>
 *   <tr><td>{@code GET, OPTIONS /claims}</td><td>required</td><td>every claim</td></tr>
 *   <tr><td>{@code GET /header}</td><td>required</td><td>the token's header</td></tr>
 *   <tr><td>{@code GET /user}</td><td>required</td><td>{@code {"user": <current user>}}</td></tr>
 *   <tr><td>{@code GET /verify-inside}</td><td>none; the handler verifies under a fresh guard itself,
 *       a failure left to the adapter</td><td>echo {@code id}</td></tr>
 *   <tr><td>{@code GET /open}</td><td>none</td><td>{@code {"ok":true}}</td></tr>
 *   <tr><td>{@code POST /cookies/login}</td><td>none</td><td>sets the access cookies of the
 *       {@code X-Access-Token} header's token, then the refresh cookies of {@code X-Refresh-Token}'s;
 *       {@code {"ok":true}}</td></tr>
 *   <tr><td>{@code POST /cookies/logout}</td><td>none</td><td>unsets the four cookies; {@code {"ok":true}}</td></tr>
 * </table>
 *
 * <p>Thread safety: one instance per test class, run by one thread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ConformanceSuite {
    /** The {@code Content-Type} of every error answer, as the Javalin plugin sends it. */
    public static final String ERROR_CONTENT_TYPE = "application/json";
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b");
    private static final String[] FORBIDDEN = {"Exception", "exception", "java.", "javax.", "jakarta", "io.github", "jwtextended",
            "springframework", "javalin", "jetty", "tomcat", "jackson", "nimbus", "Caused by",
            ConformanceSetup.SECRET, ConformanceSetup.OTHER_SECRET};

    private final Map<ConformanceSetup, ConformanceServer> servers = new EnumMap<>(ConformanceSetup.class);

    /** Starts the adapter's application of the routes above for {@code manager}, on 127.0.0.1 and a free port. */
    protected abstract ConformanceServer start(JwtManager manager);

    private ConformanceServer server(ConformanceSetup setup) {
        return servers.computeIfAbsent(setup, s -> start(s.newManager()));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("io.github.jwtextended.conformance.ConformanceCases#all")
    void conforms(ConformanceCase kitCase) {
        ConformanceServer server = server(kitCase.setup());
        ConformanceCase c = kitCase.expectedFrom(server);
        JwtManager manager = c.setup().newManager(); // the same key and clock as the server's
        CaseEnv env = new CaseEnv(manager);
        HttpCall call = c.request().apply(env);
        HttpAnswer answer = call.send(server.port());

        assertThat(answer.status()).as("status of %s -> %s", call, answer).isEqualTo(c.status());
        assertThat(answer.body()).as("body of %s", call).isEqualTo(c.body());
        assertThat(answer.headers("WWW-Authenticate")).as("challenges of %s", call).isEqualTo(c.expectedChallenges());
        assertThat(answer.setCookies()).as("Set-Cookie lines of %s", call).isEqualTo(c.setCookies().apply(env));
        if (c.status() >= 400 && !c.body().isEmpty()) {
            assertThat(answer.header("Content-Type")).as("error content type of %s", call).isEqualTo(ERROR_CONTENT_TYPE);
            assertNoLeak(answer, c.setup().messageKey(), env.tokens);
        }
    }

    /** One string member named {@code key}, and nothing naming the implementation, a secret or a token. */
    static void assertNoLeak(HttpAnswer r, String key, List<String> tokens) {
        assertThat(r.body()).as("body shape").matches("\\{" + Pattern.quote(ConformanceCases.json(key)) + ":\"(?:[^\"\\\\\\x00-\\x1f]|\\\\.)*\"\\}");
        for (String f : FORBIDDEN) {
            assertThat(r.body()).as("body leaks nothing").doesNotContain(f);
        }
        assertThat(CLASS_NAME.matcher(r.body()).find()).as("no class name in %s", r.body()).isFalse();
        for (String t : tokens) {
            for (String segment : t.split("[.\\s]")) {
                if (segment.length() >= 12) {
                    assertThat(r.body()).as("body does not echo a token segment").doesNotContain(segment);
                }
            }
        }
    }

    /**
     * Seeded hostile requests ({@link HostileInputs}, fixed seed) against this adapter's server over
     * one keep-alive connection, each answer checked by {@link HostileHttp}: never 5xx, never a 2xx
     * for what must be refused, always the fixed error shape without echo. 1,000 by default;
     * {@code -Djwt.fuzz.kit=N} sends N.
     */
    @Test
    void hostileRequestsOverHttp() throws InterruptedException {
        ConformanceServer server = server(ConformanceSetup.HOSTILE);
        HostileInputs.Material material = HostileInputs.Material.of(ConformanceSetup.HOSTILE.newManager(),
                ConformanceSetup.secretBytes());
        HostileHttp http = new HostileHttp(server.port(), "/protected", "/refresh");
        int n = Integer.getInteger("jwt.fuzz.kit", 1_000);
        long seed = 20_261_130L + Long.getLong("jwt.fuzz.seed", 0L);
        for (int i = 0; i < n; i++) {
            http.send(HostileInputs.next(new Random(seed + i), material));
        }
        System.out.println(http.summary("HTTP fuzz (" + getClass().getSimpleName() + ")"));
        assertThat(http.sent.get()).isGreaterThan(n * 9L / 10);
    }

    @AfterAll
    void stopServers() {
        servers.values().forEach(ConformanceServer::close);
        servers.clear();
    }
}
