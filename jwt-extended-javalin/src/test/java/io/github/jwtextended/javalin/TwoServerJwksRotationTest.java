package io.github.jwtextended.javalin;

import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeyGenerator;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.key.RotatingKeyResolver;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6's two-server proof over real sockets on 127.0.0.1: server A issues tokens and publishes
 * its keys at {@code /.well-known/jwks.json}; server B verifies A's tokens with the keys it fetches
 * from that URL. A rotates its signing key by the runbook (add, wait for B's cache, switch, wait
 * for the longest token lifetime, retire). No valid token is refused by B at any step; after the
 * retirement, a token signed with the retired key is refused.
 *
 * <p>B's JWKS cache runs on a test clock that the test moves forward to stand for the waits of
 * the runbook; the tokens themselves use real time.
 */
class TwoServerJwksRotationTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();


    private final KeyGenerator.Generated k1 = KeyGenerator.generate(JwsAlgorithm.RS256, "a-2027-01", 2048);
    private final KeyGenerator.Generated k2 = KeyGenerator.generate(JwsAlgorithm.RS256, "a-2027-02", 2048);
    private final RotatingKeyResolver aKeys = new RotatingKeyResolver("a-2027-01", List.of(k1.key()));
    private final MutableClock bCacheClock = new MutableClock(Instant.now());
    private final AtomicInteger jwksRequests = new AtomicInteger();
    /** A's JWKS route answers 500 while set (an outage of the issuer's key endpoint). */
    private volatile boolean jwksDown;
    private Javalin a;
    private Javalin b;
    private JwtManager issuer;
    private RemoteJwksKeyResolver bKeys;

    @BeforeEach
    void start() {
        JwtConfig config = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)).build();
        issuer = JwtManager.builder(config).keyResolver(aKeys).build();
        a = Javalin.create(cfg -> {
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = issuer));
            cfg.routes.get(JwksHandler.PATH, ctx -> {
                jwksRequests.incrementAndGet();
                if (jwksDown) {
                    ctx.status(500).result("down");
                    return;
                }
                JwksHandler.of(issuer).handle(ctx);
            });
            cfg.routes.post("/login", ctx -> ctx.json(Map.of("access_token", issuer.createAccessToken(ctx.body()))));
        }).start("127.0.0.1", 0);

        bKeys = RemoteJwksKeyResolver.builder(URI.create("http://127.0.0.1:" + a.port() + JwksHandler.PATH))
                .clock(bCacheClock).cacheTtl(Duration.ofMinutes(5)).refetchInterval(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(1)).readTimeout(Duration.ofSeconds(3)).build();
        JwtManager verifier = JwtManager.builder(config).keyResolver(bKeys).build();
        b = Javalin.create(cfg -> {
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = verifier));
            cfg.routes.get("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        b.stop();
        a.stop();
    }

    private String login(String user) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + "/login"))
                .POST(HttpRequest.BodyPublishers.ofString(user)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        String body = r.body();
        return body.substring(body.indexOf(":\"") + 2, body.lastIndexOf('"'));
    }

    private HttpResponse<String> callB(String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + "/protected"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void allAccepted(List<String> tokens, String phase) throws Exception {
        for (int i = 0; i < tokens.size(); i++) {
            HttpResponse<String> r = callB(tokens.get(i));
            assertThat(r.statusCode()).as(phase + ": token #" + i + " " + r.body()).isEqualTo(200);
            assertThat(r.body()).startsWith("{\"logged_in_as\":\"user");
        }
    }

    @Test
    void bVerifiesAsTokensThroughItsJwksWhileARotates() throws Exception {
        // The published document: public keys only, cacheable.
        HttpResponse<String> jwks = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + JwksHandler.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Cache-Control")).contains("public, max-age=300");
        assertThat(jwks.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(jwks.body()).contains("\"kid\":\"a-2027-01\"").doesNotContain("\"d\"", "\"p\"", "\"q\"");
        String etag = jwks.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + a.port() + JwksHandler.PATH))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        jwksRequests.set(0);

        List<String> k1Tokens = new ArrayList<>();
        List<String> k2Tokens = new ArrayList<>();
        int user = 0;

        // Before: k1 signs; B fetches the JWKS once and caches it.
        for (int i = 0; i < 3; i++) {
            k1Tokens.add(login("user" + user++));
        }
        allAccepted(k1Tokens, "before");
        assertThat(jwksRequests.get()).isEqualTo(1);

        // Step 1: A adds k2 (published, not signing). B still has its cached copy: nothing changes for it.
        aKeys.add(k2.key());
        k1Tokens.add(login("user" + user++));
        allAccepted(k1Tokens, "k2 added");
        // The runbook waits B's cache lifetime before switching: B refreshes and now knows k2.
        bCacheClock.advance(Duration.ofMinutes(5));
        allAccepted(k1Tokens, "after B's cache expired"); // served from the cache while B refreshes in the background
        awaitKeyIds("a-2027-01", "a-2027-02");
        int fetchesBeforeSwitch = jwksRequests.get();

        // Step 2: A signs with k2. B verifies the new tokens from its cache (no extra fetch), and the old ones.
        aKeys.useForSigning("a-2027-02");
        for (int i = 0; i < 3; i++) {
            k2Tokens.add(login("user" + user++));
        }
        assertThat(k2Tokens.get(0)).isNotEqualTo(k1Tokens.get(0));
        allAccepted(k2Tokens, "k2 signs");
        allAccepted(k1Tokens, "k2 signs, k1 tokens");
        assertThat(jwksRequests.get()).isEqualTo(fetchesBeforeSwitch);

        // Step 3, after the longest token lifetime: A retires k1. Once B's cache refreshes, k1 tokens are refused.
        aKeys.retire("a-2027-01");
        bCacheClock.advance(Duration.ofMinutes(5));
        allAccepted(k2Tokens, "k1 retired");
        awaitKeyIds("a-2027-02");
        for (String t : k1Tokens) {
            HttpResponse<String> r = callB(t);
            assertThat(r.statusCode()).isEqualTo(422);
            assertThat(r.body()).isEqualTo("{\"msg\":\"Signature verification failed\"}");
        }

        // A token signed with the retired key (say it leaked) is refused, and a flood of them costs B at most one fetch per interval.
        JwtManager thief = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)).build())
                .keyResolver(new RotatingKeyResolver("a-2027-01", List.of(k1.key()))).build();
        int before = jwksRequests.get();
        for (int i = 0; i < 20; i++) {
            assertThat(callB(thief.createAccessToken("admin")).statusCode()).isEqualTo(422);
        }
        assertThat(jwksRequests.get() - before).isLessThanOrEqualTo(1);
    }

    /**
     * A's key endpoint fails for longer than B's maximum staleness (the default, a day): B stops
     * trusting its old copy and answers 503 with the outage's message (not 422: the token is fine),
     * and serves again by itself once a fetch succeeds.
     */
    @Test
    void bAnswers503WhileItsKeysAreTooStaleAndRecoversWithTheNextFetch() throws Exception {
        String token = login("user0");
        assertThat(callB(token).statusCode()).isEqualTo(200);
        jwksDown = true;
        bCacheClock.advance(Duration.ofHours(23));
        assertThat(callB(token).statusCode()).as("within a day: the last good keys").isEqualTo(200);
        bCacheClock.advance(Duration.ofHours(1));
        HttpResponse<String> r = callB(token);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"msg\":\"Token verification keys are temporarily unavailable\"}");
        jwksDown = false;
        bCacheClock.advance(Duration.ofSeconds(30));
        assertThat(callB(token).statusCode()).as("recovered without a restart").isEqualTo(200);
    }

    /** Waits (up to 10 s) until B's background refresh has brought exactly these key ids. */
    private void awaitKeyIds(String... ids) throws InterruptedException {
        java.util.Set<String> want = java.util.Set.of(ids);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!want.equals(keyIdsOfB())) {
            if (System.nanoTime() > deadline) {
                assertThat(keyIdsOfB()).as("B's keys after its refresh").isEqualTo(want);
            }
            Thread.sleep(5);
        }
    }

    private java.util.Set<String> keyIdsOfB() {
        java.util.Set<String> have = new java.util.HashSet<>();
        bKeys.verificationKeys().forEach(k -> have.add(k.keyId()));
        return have;
    }
}
