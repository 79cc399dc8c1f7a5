package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.StoreWrapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store's capabilities seen through every wrapper ({@link StoreWrapping}), on a real
 * Redis: rotation acts on Redis, there is no purge (keys expire by themselves), the near cache's
 * state is the store's, and closing the outermost wrapper closes the store.
 */
class RedisCapabilitiesThroughWrappersTest {
    private final List<RevocationStore> opened = new ArrayList<>();
    private final String prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private String url;

    @BeforeEach
    void redis() {
        url = RedisTestSupport.urlOrSkip();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(RevocationStore::close);
        RedisTestKeys.delete(url, prefix);
    }

    private RedisRevocationStore redis(boolean nearCache) {
        RedisRevocationStore s = RedisRevocationStore.builder(url).keyPrefix(prefix).nearCache(nearCache).build();
        opened.add(s);
        return s;
    }

    private RevocationStore wrapped(StoreWrapping wrapping, RevocationStore store) {
        RevocationStore s = wrapping.around(store);
        opened.add(s);
        return s;
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void rotationThroughTheWrapperIsRedisAndThereIsNoPurge(StoreWrapping wrapping) {
        RevocationStore store = wrapped(wrapping, redis(false));
        assertThat(store.purge()).as("Redis keys expire by themselves").isEmpty();
        assertThat(store.nearCache()).as("strict mode").isEmpty();
        RefreshRotation rotation = store.rotation().orElseThrow();
        Instant keep = Instant.now().plusSeconds(600);
        assertThat(rotation.rotate("fam", "r0", "r1", keep, Duration.ZERO).result()).isEqualTo(RotationResult.ROTATED);
        RedisRevocationStore direct = redis(false);
        assertThat(direct.rotation().orElseThrow().rotate("fam", "r0", "x", keep, Duration.ZERO).result())
                .as("the family the wrapper's rotation wrote").isEqualTo(RotationResult.REUSE);
        assertThat(store.isRevoked(RevocationCheck.of("r1", null, Instant.now(), keep, "fam"))).isTrue();
        rotation.revokeFamily("other", keep);
        assertThat(direct.isRevoked(RevocationCheck.of(null, null, Instant.now(), keep, "other"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void theNearCacheIsVisibleThroughTheWrapperAndClosingTheWrapperClosesTheStore(StoreWrapping wrapping) {
        RedisRevocationStore redis = redis(true);
        RevocationStore store = wrapping.around(redis);
        NearCache nearCache = store.nearCache().orElseThrow();
        assertThat(nearCache.trusted()).isTrue();
        store.revoke("own", Instant.now().plusSeconds(60));
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("own"))).isTrue();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("never"))).isFalse();
        assertThat(redis.isHealthy()).isTrue();

        store.close();
        assertThat(nearCache.trusted()).as("closing the wrapper closed the store's near cache").isFalse();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("own"))).isNull();
        assertThat(redis.isHealthy()).as("and its connection").isFalse();
    }
}
