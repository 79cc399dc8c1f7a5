package io.github.jwtextended.spring.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.github.jwtextended.example.flow.FlowContract.bearer;
import static io.github.jwtextended.example.flow.FlowContract.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code REDIS_URL}: the sample keeps revocations in Redis (the starter's Redis store; this test's
 * own key prefix through {@code JWT_REDIS_KEY_PREFIX}), users in the database. Real Redis at
 * 127.0.0.1:6379 ({@code TEST_REDIS_URL}); skipped when absent unless {@code -Djwt.requireServices=true}.
 */
class RedisSampleTest {
    private static String redisUrl() {
        String url = System.getProperty("TEST_REDIS_URL", System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379/0"));
        RedisURI uri = RedisRevocationStore.parseUrl(url);
        try (Socket s = new Socket(uri.getHost(), uri.getPort())) {
            return url;
        } catch (java.io.IOException e) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("Redis is required (jwt.requireServices=true) but unreachable", e);
            }
            Assumptions.abort("Redis unreachable, test skipped");
            return null;
        }
    }

    @Test
    void revocationsInRedis(@TempDir Path dir) {
        String url = redisUrl();
        String prefix = "jwt-sample-test:" + UUID.randomUUID() + ":";
        Map<String, String> env = FlowContract.baseEnv(dir);
        env.put("REDIS_URL", url);
        env.put("REVOCATION_NEAR_CACHE", "false");
        env.put("JWT_REDIS_KEY_PREFIX", prefix);
        RedisClient client = RedisClient.create(RedisRevocationStore.parseUrl(url));
        try (ConfigurableApplicationContext ctx = SampleServers.context(env);
             StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(ctx.getBean(RevocationStore.class)).isInstanceOf(RedisRevocationStore.class);
            Client c = new Client(SampleServers.port(ctx), false);
            JsonNode tokens = Client.json(c.login("testuser", "testpass"));
            String access = tokens.get("access_token").asText();
            assertThat(c.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            assertThat(c.post("/logout", null, "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            expect(c.get("/protected", "Authorization", bearer(access)), 401, "Token has been revoked");
            String jti = FlowContract.claims(access).get("jti").asText();
            assertThat(redis.sync().exists(prefix + "revoked:" + jti)).isEqualTo(1L);
            assertThat(Client.json(c.get("/healthz")).get("revocations").asText()).isEqualTo("ok");
        } finally {
            try (StatefulRedisConnection<String, String> redis = client.connect()) {
                List<String> keys = redis.sync().keys(prefix + "*");
                if (!keys.isEmpty()) {
                    redis.sync().del(keys.toArray(new String[0]));
                }
            }
            client.shutdown();
        }
    }
}
