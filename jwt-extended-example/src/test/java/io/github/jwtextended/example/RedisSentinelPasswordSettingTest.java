package io.github.jwtextended.example;

import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.redis.RedisTestSupport;
import io.github.jwtextended.redis.SentinelDeployment;
import io.github.jwtextended.revocation.RevocationStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code REDIS_SENTINEL_PASSWORD} reaches the server's Redis store: against Sentinels of the test's
 * own that ask a password of their own (a primary, no replica, three Sentinels), the store the
 * server opens from the settings revokes and checks; without the variable it does not start, and
 * says so without a password. The passwords are fake.
 */
class RedisSentinelPasswordSettingTest {
    @Test
    void theSentinelsPasswordGoesToTheStore() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        String sentinelPassword = "fake-sentinel-" + UUID.randomUUID();
        try (SentinelDeployment sentinel = new SentinelDeployment(0, null, sentinelPassword)) {
            Map<String, String> without = Map.of("REDIS_URL", sentinel.url(), "REVOCATION_NEAR_CACHE", "false");
            assertThatThrownBy(() -> Server.openRevocationStore(ServerSettings.from(without).common(), null, Clock.systemUTC()).close())
                    .isInstanceOf(StorageException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(sentinelPassword));
            Map<String, String> with = Map.of("REDIS_URL", sentinel.url(), "REVOCATION_NEAR_CACHE", "false",
                    "REDIS_SENTINEL_PASSWORD", sentinelPassword);
            try (RevocationStore store = Server.openRevocationStore(ServerSettings.from(with).common(), null, Clock.systemUTC())) {
                String jti = "sentinel-" + UUID.randomUUID();
                store.revoke(jti, Instant.now().plusSeconds(60));
                assertThat(store.isRevoked(jti)).isTrue();
                assertThat(store.toString()).doesNotContain(sentinelPassword);
            }
        }
    }
}
