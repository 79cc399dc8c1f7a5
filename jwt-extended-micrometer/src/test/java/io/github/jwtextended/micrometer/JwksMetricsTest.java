package io.github.jwtextended.micrometer;

import com.sun.net.httpserver.HttpServer;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.key.Jwks;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeyGenerator;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.github.jwtextended.micrometer.JwtMetrics.JWKS_AGE;
import static io.github.jwtextended.micrometer.JwtMetrics.JWKS_FETCHES;
import static io.github.jwtextended.micrometer.JwtMetrics.JWKS_KEYS;
import static io.github.jwtextended.micrometer.JwtMetrics.JWKS_USABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JWKS meters of a manager verifying with the keys published at a real HTTP server on
 * 127.0.0.1 (the JDK's): fetches by result as the server answers, then fails in each way (500,
 * garbage, a document over the cap, too slow, gone), the keys in use, and the age of the key set
 * by the resolver's clock (the manager's here), which grows while fetches fail and starts again
 * with the next good one; whether the keys are usable, which turns to 0 exactly when requests
 * start answering 503. No wiring beyond the listener: the manager builds the resolver from its
 * configuration and connects it.
 */
class JwksMetricsTest {
    private static final KeyGenerator.Generated A = KeyGenerator.generate(JwsAlgorithm.ES256, "es-a");
    private static final KeyGenerator.Generated B = KeyGenerator.generate(JwsAlgorithm.ES256, "es-b");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(TestKeys.NOW);
    private volatile String document = Jwks.publicJson(List.of(A.key(), B.key()));
    private volatile int status = 200;
    private volatile long delayMillis;
    private HttpServer server;

    private void serve(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/jwks.json", ex -> {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            try (OutputStream out = ex.getResponseBody()) {
                ex.sendResponseHeaders(status, body.length);
                out.write(body);
            } catch (IOException ignored) {
                // the client gave up (the timeout)
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private double fetches(JwksFetchOutcome result) {
        return registry.get(JWKS_FETCHES).tag("result", result.tag()).counter().count();
    }

    private double keys() {
        return registry.get(JWKS_KEYS).gauge().value();
    }

    private double age() {
        return registry.get(JWKS_AGE).timeGauge().value(TimeUnit.SECONDS);
    }

    private double usable() {
        return registry.get(JWKS_USABLE).gauge().value();
    }

    private JwtManager verifier(int port, Duration maxStaleness) {
        return JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                        .withRemote(r -> r.withUrl(URI.create("http://127.0.0.1:" + port + "/jwks.json"))
                                .withReadTimeout(Duration.ofMillis(1500)).withMaxStaleness(maxStaleness))).build())
                .clock(clock).listener(new JwtMetrics(registry)).build();
    }

    private JwtManager issuer() {
        return JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                .withPem(p -> p.withPrivateKey(A.privatePem())).withSigningKid(A.keyId())).build()).clock(clock).build();
    }

    @Test
    void fetchesByResultTheKeysInUseAndTheAgeOfTheKeySet() throws Exception {
        serve(0);
        int port = server.getAddress().getPort();
        JwtManager verifier = verifier(port, Duration.ofDays(2));
        JwtManager issuer = issuer();
        for (JwksFetchOutcome result : JwksFetchOutcome.values()) {
            assertThat(fetches(result)).as("registered at zero: " + result).isZero();
        }
        assertThat(registry.find(JWKS_KEYS).gauge()).as("no gauge before the first fetch").isNull();

        String token = issuer.createAccessToken("kim");
        assertThat(verifier.verifyRequest(FakeRequest.get().bearer(token), Guard.required()).identity()).isEqualTo("kim");
        assertThat(fetches(JwksFetchOutcome.SUCCESS)).isEqualTo(1);
        assertThat(keys()).isEqualTo(2);
        assertThat(age()).as("fetched now, by the resolver's clock").isZero();
        assertThat(usable()).isEqualTo(1);

        RemoteJwksKeyResolver resolver = (RemoteJwksKeyResolver) verifier.keyResolver();
        List<Runnable> failures = List.of(
                () -> status = 500,
                () -> { status = 200; document = "not json"; },
                () -> document = "{\"keys\":[" + A.publicJwk() + "],\"pad\":\"" + "x".repeat(300_000) + "\"}",
                () -> { document = Jwks.publicJson(List.of(A.key())); delayMillis = 5000; },
                () -> { delayMillis = 0; server.stop(0); });
        for (Runnable failure : failures) {
            failure.run();
            clock.advance(Duration.ofMinutes(6)); // past the cache lifetime and the refetch interval
            assertThat(resolver.refresh()).isFalse();
            // the keys kept still verify
            assertThat(verifier.verifyRequest(FakeRequest.get().bearer(issuer.createAccessToken("kim")), Guard.required())
                    .identity()).isEqualTo("kim");
        }
        assertThat(fetches(JwksFetchOutcome.HTTP_STATUS)).isEqualTo(1);
        assertThat(fetches(JwksFetchOutcome.INVALID_DOCUMENT)).isEqualTo(1);
        assertThat(fetches(JwksFetchOutcome.TOO_LARGE)).isEqualTo(1);
        assertThat(fetches(JwksFetchOutcome.TIMEOUT)).isEqualTo(1);
        assertThat(fetches(JwksFetchOutcome.NETWORK)).isEqualTo(1);
        assertThat(fetches(JwksFetchOutcome.SUCCESS)).isEqualTo(1);
        assertThat(keys()).as("the keys kept").isEqualTo(2);
        double stale = age();
        assertThat(stale).as("grows while fetches fail: five 6-minute steps of the resolver's clock, not the seconds they took")
                .isEqualTo(Duration.ofMinutes(30).toSeconds());
        assertThat(stale).isEqualTo(resolver.keysInUse().age().toSeconds());
        // within the refetch interval: the background refresh the last request asked for stays rate limited
        clock.advance(Duration.ofSeconds(20));
        Thread.sleep(100); // and has run before the clock moves on
        assertThat(age()).as("and keeps growing without a fetch").isEqualTo(stale + 20);
        assertThat(usable()).as("within maxStaleness").isEqualTo(1);

        serve(port); // back, with one key now
        clock.advance(Duration.ofMinutes(6));
        assertThat(resolver.refresh()).isTrue();
        assertThat(fetches(JwksFetchOutcome.SUCCESS)).isEqualTo(2);
        assertThat(keys()).isEqualTo(1);
        assertThat(age()).as("a fresh key set").isZero();
    }

    /** The gauges say what the resolver's lookups do: usable until {@code maxStaleness}, then 0 with the 503s. */
    @Test
    void theGaugesAgreeWithRequestsAtMaxStaleness() throws Exception {
        serve(0);
        JwtManager verifier = verifier(server.getAddress().getPort(), Duration.ofHours(1));
        JwtManager issuer = issuer();
        assertThat(verifier.verifyRequest(FakeRequest.get().bearer(issuer.createAccessToken("kim")), Guard.required())
                .identity()).isEqualTo("kim");
        server.stop(0);
        clock.advance(Duration.ofHours(1).minusSeconds(1));
        assertThat(verifier.verifyRequest(FakeRequest.get().bearer(issuer.createAccessToken("kim")), Guard.required())
                .identity()).as("kept keys, one second before the bound").isEqualTo("kim");
        assertThat(usable()).isEqualTo(1);
        assertThat(age()).isEqualTo(3599);

        clock.advance(Duration.ofSeconds(1));
        assertThat(usable()).as("read at scrape time, before any request").isZero();
        assertThat(age()).isEqualTo(3600);
        assertThatThrownBy(() -> verifier.verifyRequest(FakeRequest.get().bearer(issuer.createAccessToken("kim")), Guard.required()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(keys()).as("the keys are still held, not used").isEqualTo(2);
    }

    /** A first fetch that fails registers the gauges: no keys, no age (NaN), not usable; requests answer 503. */
    @Test
    void beforeAGoodFetchTheAgeIsNaN() throws Exception {
        serve(0);
        status = 500;
        JwtManager verifier = verifier(server.getAddress().getPort(), Duration.ofDays(2));
        assertThatThrownBy(() -> verifier.verifyRequest(FakeRequest.get().bearer(issuer().createAccessToken("kim")), Guard.required()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(fetches(JwksFetchOutcome.HTTP_STATUS)).isEqualTo(1);
        assertThat(keys()).isZero();
        assertThat(age()).isNaN();
        assertThat(usable()).isZero();
    }

    @Test
    void aManagerWithoutARemoteJwksHasTheCountersAtZeroAndNoGauges() {
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).listener(new JwtMetrics(registry)).build();
        jwt.verifyRequest(FakeRequest.get().bearer(jwt.createAccessToken("kim")), Guard.required());
        assertThat(registry.get(JWKS_FETCHES).counters()).hasSize(JwksFetchOutcome.values().length)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        assertThat(registry.find(JWKS_KEYS).gauge()).isNull();
        assertThat(registry.find(JWKS_AGE).timeGauge()).isNull();
        assertThat(registry.find(JWKS_USABLE).gauge()).isNull();
    }
}
