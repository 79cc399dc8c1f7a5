package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.CapabilitiesThroughWrappersContract;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.StoreWrapping;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store's capabilities seen through every wrapper ({@link StoreWrapping}), on a real
 * Redis: the shared contract, and there is no purge (keys expire by themselves); closing the
 * outermost wrapper closes the store's connection.
 */
class RedisCapabilitiesThroughWrappersTest extends CapabilitiesThroughWrappersContract {
    private final String prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private String url;

    @BeforeEach
    void redis() {
        url = RedisTestSupport.urlOrSkip();
    }

    @AfterEach
    void deleteKeys() {
        RedisTestKeys.delete(url, prefix);
    }

    @Override
    protected RedisRevocationStore newStore(boolean nearCache) {
        return RedisRevocationStore.builder(url).keyPrefix(prefix).nearCache(nearCache).build();
    }

    /** Redis TTLs run on the server's clock. */
    @Override
    protected Instant now() {
        return Instant.now();
    }

    @Override
    protected void assertClosed(RevocationStore store, String jti) {
        assertThat(((RedisRevocationStore) store).isHealthy()).as("and its connection").isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void thereIsNoPurgeThroughTheWrapper(StoreWrapping wrapping) {
        assertThat(wrapped(wrapping, store(false)).purge()).as("Redis keys expire by themselves").isEmpty();
    }
}
