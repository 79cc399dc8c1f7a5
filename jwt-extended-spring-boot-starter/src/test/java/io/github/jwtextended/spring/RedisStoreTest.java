package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.redis.RedisTestSupport;
import io.github.jwtextended.revocation.RevocationStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code jwt.revocation.store=redis} against the real Redis ({@code TEST_REDIS_URL}, default
 * 127.0.0.1:6379): the store is built on the application's Redis settings ({@code spring.data.redis.*},
 * or {@code jwt.redis.url}), under this test's own key prefix, and revocations written through the
 * manager are in that Redis and refuse the token over HTTP. Runs in the starter's default-test
 * execution (without Spring Security): with Spring Security on the classpath, Boot's own default
 * security chain would answer the HTTP requests first (401, empty body).
 */
class RedisStoreTest {
    private static final String SECRET = "spring-test-only-secret-key-long-enough-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String prefix = "jwt-starter-test:" + UUID.randomUUID() + ":";
    private RedisClient client;

    /** The test application on {@code jwt.revocation.store=redis} with these properties. */
    static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(AutoConfigurationTest.App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false", "jwt.secret-key=" + SECRET, "jwt.revocation.store=redis",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .properties(properties).run();
    }

    private RedisCommands<String, String> redis(int database) {
        RedisURI uri = RedisRevocationStore.parseUrl(RedisTestSupport.urlOrSkip());
        uri.setDatabase(database);
        client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> c = client.connect();
        return c.sync();
    }

    @AfterEach
    void cleanUp() {
        if (client != null) {
            for (int db : new int[] {0, 3}) {
                RedisURI uri = RedisRevocationStore.parseUrl(RedisTestSupport.url());
                uri.setDatabase(db);
                try (StatefulRedisConnection<String, String> c = client.connect(uri)) {
                    List<String> keys = c.sync().keys(prefix + "*");
                    if (!keys.isEmpty()) {
                        c.sync().del(keys.toArray(new String[0]));
                    }
                }
            }
            client.shutdown();
        }
    }

    /** Host, port and database from Spring Boot's own spring.data.redis.* settings. */
    @Test
    void onTheApplicationsRedisSettings() throws Exception {
        RedisCommands<String, String> db3 = redis(3);
        RedisURI test = RedisRevocationStore.parseUrl(RedisTestSupport.url());
        try (ConfigurableApplicationContext ctx = start("spring.data.redis.host=" + test.getHost(),
                "spring.data.redis.port=" + test.getPort(), "spring.data.redis.database=3", "jwt.redis.key-prefix=" + prefix)) {
            RevocationStore store = ctx.getBean(RevocationStore.class);
            assertThat(store).isInstanceOf(RedisRevocationStore.class);
            assertThat(store.toString()).contains("/3").contains("strict");
            JwtManager m = ctx.getBean(JwtManager.class);
            String token = m.createAccessToken("dora");
            String jti = (String) m.decodeToken(token).claim("jti");
            m.revoke(token);
            assertThat(db3.exists(prefix + "revoked:" + jti)).as("written to database 3 under the prefix").isEqualTo(1L);

            assertRevokedOverHttp(ctx, token);
            assertThat(post(ctx, m.createAccessToken("dora")).statusCode()).isEqualTo(200);
        }
    }

    /** A POST to the application's protected {@code /json} with {@code token} as bearer. */
    static HttpResponse<String> post(ConfigurableApplicationContext ctx, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ConformanceApp.port(ctx) + "/json"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertRevokedOverHttp(ConfigurableApplicationContext ctx, String token) throws Exception {
        HttpResponse<String> r = post(ctx, token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
    }

    /** jwt.redis.url wins over spring.data.redis.*; the near cache and timeout are the starter's settings. */
    @Test
    void ownUrlNearCacheAndTimeout() {
        RedisCommands<String, String> db0 = redis(0);
        try (ConfigurableApplicationContext ctx = start("jwt.redis.url=" + RedisTestSupport.url(), "spring.data.redis.port=1",
                "jwt.redis.near-cache=true", "jwt.revocation.timeout=400ms", "jwt.redis.key-prefix=" + prefix)) {
            RedisRevocationStore store = (RedisRevocationStore) ctx.getBean(RevocationStore.class);
            assertThat(store.nearCache()).isPresent();
            assertThat(store.timeout()).hasMillis(400);
            JwtManager m = ctx.getBean(JwtManager.class);
            m.revokeAllFor("erin");
            assertThat(db0.exists(prefix + "nbf:erin")).isEqualTo(1L);
        }
    }

    /**
     * jwt.redis.min-replicas-ack reaches the store: the test Redis has no replica, so a revocation
     * that must be confirmed by one fails (503 for a logout) and is never reported done.
     */
    @Test
    void replicaAcknowledgementIsTheStartersSetting() {
        try (ConfigurableApplicationContext ctx = start("jwt.redis.url=" + RedisTestSupport.url(), "jwt.redis.min-replicas-ack=1",
                "jwt.redis.replica-ack-timeout=50ms", "jwt.redis.key-prefix=" + prefix)) {
            JwtManager m = ctx.getBean(JwtManager.class);
            assertThatThrownBy(() -> m.revokeAllFor("frank"))
                    .isInstanceOf(io.github.jwtextended.error.StoreUnavailableException.class)
                    .hasRootCauseMessage("Redis revocation store: 0 of 1 replica(s) confirmed a revocation of an identity's tokens within 50 ms");
        }
    }

    /** Redis unreachable at start: the start fails, naming the Redis (never a password), not a silent memory store. */
    @Test
    void anUnreachableRedisStopsTheStart() {
        assertThatThrownBy(() -> start("jwt.redis.url=redis://:hunter2@127.0.0.1:1/0", "jwt.redis.key-prefix=" + prefix).close())
                .hasStackTraceContaining("could not connect to").satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hunter2"));
        assertThatThrownBy(() -> start("spring.data.redis.url=http://example.com").close())
                .hasStackTraceContaining("spring.data.redis.url is not a Redis URL");
    }

    static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
