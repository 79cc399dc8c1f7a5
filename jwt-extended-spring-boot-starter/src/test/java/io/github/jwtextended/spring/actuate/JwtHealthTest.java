package io.github.jwtextended.spring.actuate;

import com.sun.net.httpserver.HttpServer;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.UnavailableStore;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.Jwks;
import io.github.jwtextended.key.KeyGenerator;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.spring.JwtManagerCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.jwtextended.spring.actuate.ActuatorAutoConfigurationTest.RUNNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code jwt} health component: the revocation store (a real in-memory, failing and SQLite near-cache store) and a real remote JWKS. */
class JwtHealthTest {

    static Health part(HealthContributor jwt, String name) {
        return ((HealthIndicator) ((CompositeHealthContributor) jwt).getContributor(name)).health();
    }

    @Test
    void theStartersStoreIsUpAndTheComponentIsTurnedOffByBootsProperty() {
        RUNNER.run(context -> {
            HealthContributor jwt = context.getBean("jwtHealthContributor", HealthContributor.class);
            Health store = part(jwt, "revocationStore");
            assertThat(store.getStatus()).isEqualTo(Status.UP);
            assertThat(store.getDetails()).containsEntry("checks", "store").doesNotContainKey("nearCache");
            assertThat(((CompositeHealthContributor) jwt).getContributor("jwks")).as("no remote JWKS").isNull();
        });
        RUNNER.withPropertyValues("management.health.jwt.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("jwtHealthContributor"));
    }

    @Test
    void aFailingStoreIsDownWithTheKindOfFailureAndNothingOfItsMessage() {
        RUNNER.withBean(RevocationStore.class, () -> new UnavailableStore(
                        () -> new RevocationStoreException("connect to redis://:hunter2@cache.internal:6379 refused")))
                .run(context -> {
                    Health store = part(context.getBean("jwtHealthContributor", HealthContributor.class), "revocationStore");
                    assertThat(store.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(store.getDetails()).containsEntry("error", "outage").containsEntry("checks", "store");
                    assertThat(store.toString()).doesNotContain("hunter2", "cache.internal", "Exception");
                });
        RUNNER.withBean(RevocationStore.class, () -> new UnavailableStore(() -> new IllegalStateException("driver: bad host x.internal")))
                .run(context -> {
                    Health store = part(context.getBean("jwtHealthContributor", HealthContributor.class), "revocationStore");
                    assertThat(store.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(store.getDetails()).containsEntry("error", "error");
                    assertThat(store.toString()).doesNotContain("x.internal", "IllegalState");
                });
    }

    @Test
    void aNearCacheIsUpWhileTrustedAndDownOnceItLostItsDatabase(@TempDir Path dir) throws Exception {
        SQLiteDataSource db = new SQLiteDataSource();
        db.setUrl("jdbc:sqlite:" + dir.resolve("revocations.db"));
        JdbcRevocationStore.builder(db).build().createTable();
        JdbcRevocationStore store = JdbcRevocationStore.builder(db).nearCache(Duration.ofMillis(400)).build();
        RevocationStoreHealthIndicator indicator = new RevocationStoreHealthIndicator(store);
        try {
            awaitTrust(store, true);
            Health trusted = indicator.health();
            assertThat(trusted.getStatus()).isEqualTo(Status.UP);
            assertThat(trusted.getDetails()).containsEntry("checks", "near cache");
            assertThat(nearCache(trusted)).containsEntry("trusted", true).containsEntry("size", 0).containsKey("stalenessSeconds");

            try (Connection c = db.getConnection(); Statement s = c.createStatement()) { // the database breaks
                s.execute("DROP TABLE " + JdbcRevocationStore.DEFAULT_TABLE);
                s.execute("DROP TABLE " + JdbcRevocationStore.DEFAULT_IDENTITY_TABLE);
            }
            awaitTrust(store, false); // past its staleness without a good poll
            Health lost = indicator.health();
            assertThat(lost.getStatus()).isEqualTo(Status.DOWN);
            assertThat(lost.getDetails()).containsEntry("checks", "store").containsKey("error");
            assertThat(nearCache(lost)).containsEntry("trusted", false);
            assertThat((Double) nearCache(lost).get("stalenessSeconds")).as("growing while the database is gone").isGreaterThan(0.4);
            assertThat(lost.toString()).doesNotContain("SQL", "revoked_tokens", "no such table");
        } finally {
            store.close();
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> nearCache(Health health) {
        return (Map<String, Object>) health.getDetails().get("nearCache");
    }

    private static void awaitTrust(JdbcRevocationStore store, boolean trusted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (store.nearCache().orElseThrow().trusted() != trusted && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(store.nearCache().orElseThrow().trusted()).isEqualTo(trusted);
    }

    @Test
    void aRemoteJwksIsUpWithItsKeysAndDownOnceTheyAreOlderThanItsMaxStaleness() throws Exception {
        String document = Jwks.publicJson(List.of(KeyGenerator.generate(JwsAlgorithm.ES256, "health-test").key()));
        HttpServer server = jwksServer(document);
        int port = server.getAddress().getPort();
        try {
            RUNNER.withPropertyValues("jwt.secret-key=", "jwt.algorithm=ES256", "jwt.jwks-url=http://127.0.0.1:" + port + "/jwks.json",
                            "jwt.jwks-cache-ttl=1", "jwt.jwks-max-staleness=1", "jwt.jwks-refetch-interval=1")
                    .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                    .run(context -> {
                        HealthContributor jwt = context.getBean("jwtHealthContributor", HealthContributor.class);
                        MeterRegistry registry = context.getBean(MeterRegistry.class);
                        Health up = part(jwt, "jwks");
                        assertThat(up.getStatus()).as("the probe fetched the keys: %s", up).isEqualTo(Status.UP);
                        assertThat(up.getDetails()).containsEntry("keys", 1).containsEntry("fetches", 1L)
                                .containsEntry("url", "http://127.0.0.1:" + port + "/jwks.json")
                                .containsEntry("maxStaleness", "PT1S").containsKeys("fetchedAt", "ageSeconds");
                        // the metrics read the same resolver, through the starter's listener chain
                        assertThat(registry.get(JwtMetrics.JWKS_USABLE).gauge().value()).isEqualTo(1);
                        assertThat(registry.get(JwtMetrics.JWKS_KEYS).gauge().value()).isEqualTo(1);
                        assertThat(registry.get(JwtMetrics.JWKS_AGE).timeGauge().value(TimeUnit.SECONDS)).isLessThan(1);

                        server.stop(0);
                        Thread.sleep(1_100); // past the maximum staleness; the refetch the probe tries fails
                        Health down = part(jwt, "jwks");
                        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(down.getDetails()).containsEntry("keys", 1).containsEntry("fetches", 2L);
                        assertThat(registry.get(JwtMetrics.JWKS_USABLE).gauge().value()).as("DOWN, and not usable").isZero();
                        assertThat(registry.get(JwtMetrics.JWKS_AGE).timeGauge().value(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
                    });
        } finally {
            server.stop(0);
        }
    }

    /**
     * A resolver given by a customizer, with a maximum staleness other than
     * {@code jwt.jwks-max-staleness}: the health follows the resolver's own bound, in either
     * direction, and so agrees with what a request verified by the manager sees (a token verified
     * while {@code UP}, a 503 while {@code DOWN}).
     */
    @Test
    void aCustomizersJwksResolverIsJudgedByItsOwnMaxStaleness() throws Exception {
        KeyGenerator.Generated key = KeyGenerator.generate(JwsAlgorithm.ES256, "health-custom");
        HttpServer server = jwksServer(Jwks.publicJson(List.of(key.key())));
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
        String token = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                .withPem(p -> p.withPrivateKey(key.privatePem())).withSigningKid(key.keyId())).build()).build().createAccessToken("erin");
        try {
            // The property allows a second; the resolver trusts its keys for an hour.
            agreesWithRequests(server, url, token, "jwt.jwks-max-staleness=1", Duration.ofHours(1));
            // The property allows the default day; the resolver trusts its keys for ten minutes.
            server = jwksServer(Jwks.publicJson(List.of(key.key())));
            url = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
            agreesWithRequests(server, url, token, "jwt.jwks-max-staleness=86400", Duration.ofMinutes(10));
        } finally {
            server.stop(0);
        }
    }

    /** UP and verifying until the resolver's {@code maxStaleness} has passed with its URL gone, then DOWN and 503. */
    private static void agreesWithRequests(HttpServer server, String url, String token, String property, Duration maxStaleness) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        RemoteJwksKeyResolver resolver = RemoteJwksKeyResolver.builder(URI.create(url)).clock(clock)
                .cacheTtl(Duration.ofSeconds(1)).refetchInterval(Duration.ofSeconds(1)).maxStaleness(maxStaleness).build();
        RUNNER.withPropertyValues("jwt.secret-key=", "jwt.algorithm=ES256", "jwt.jwks-url=" + url, "jwt.jwks-cache-ttl=1", property)
                .withBean(JwtManagerCustomizer.class, () -> b -> b.keyResolver(resolver))
                .run(context -> {
                    JwtManager manager = context.getBean(JwtManager.class);
                    assertThat(manager.keyResolver()).isSameAs(resolver);
                    assertThat(manager.config().keys().remote().maxStaleness()).isNotEqualTo(maxStaleness);
                    HealthContributor jwt = context.getBean("jwtHealthContributor", HealthContributor.class);
                    Health up = part(jwt, "jwks");
                    assertThat(up.getStatus()).as("the probe fetched the keys: %s", up).isEqualTo(Status.UP);
                    assertThat(up.getDetails()).containsEntry("maxStaleness", maxStaleness.toString()).containsEntry("keys", 1)
                            .containsEntry("url", url).containsEntry("ageSeconds", 0L);
                    assertThat(manager.decodeToken(token).identity()).isEqualTo("erin");

                    server.stop(0);
                    clock.advance(maxStaleness.minusSeconds(1)); // past the property's bound or within it; within the resolver's
                    Health stillUp = part(jwt, "jwks");
                    assertThat(stillUp.getStatus()).as("%s", stillUp).isEqualTo(Status.UP);
                    assertThat(stillUp.getDetails()).containsEntry("ageSeconds", maxStaleness.minusSeconds(1).toSeconds());
                    assertThat(manager.decodeToken(token).identity()).as("a request still verifies").isEqualTo("erin");

                    clock.advance(Duration.ofSeconds(1)); // the resolver's bound
                    Health down = part(jwt, "jwks");
                    assertThat(down.getStatus()).as("%s", down).isEqualTo(Status.DOWN);
                    assertThatThrownBy(() -> manager.decodeToken(token)).as("a request answers 503")
                            .isInstanceOf(StoreUnavailableException.class);
                });
    }

    /** A JWKS document served over HTTP on the loopback address. */
    private static HttpServer jwksServer(String document) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", ex -> {
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // the client went away
            }
        });
        server.start();
        return server;
    }

    @Test
    void aJwksUrlIsShownWithoutUserQueryOrFragment() {
        // Nothing listens on port 1: the probe's fetch fails at once, and the health shows the URL it was built with.
        RemoteJwksKeyResolver resolver = RemoteJwksKeyResolver.builder(
                URI.create("http://reader:s3cret@127.0.0.1:1/keys/jwks.json?token=abc#x")).build();
        Health health = new JwksHealthIndicator(resolver).health();
        assertThat(health.getDetails().get("url")).isEqualTo("http://127.0.0.1:1/keys/jwks.json");
        assertThat(health.toString()).doesNotContain("s3cret").doesNotContain("token=abc");
    }
}
