package io.github.jwtextended.redis;

import java.time.Duration;

/** The shared contract on a real Redis with the near cache (checks are local lookups). */
class RedisNearCacheContractTest extends RedisStrictContractTest {
    @Override
    boolean nearCache() {
        return true;
    }

    /**
     * The near cache answers from memory until it notices the outage (a dropped connection at once,
     * a silent one by the heartbeat: at most 2 x heartbeat + timeout = 650 ms); from then on it
     * fails like strict mode.
     */
    @Override
    protected io.github.jwtextended.revocation.RevocationStore unreachableStore() {
        RedisRevocationStore s = (RedisRevocationStore) super.unreachableStore();
        long deadline = System.nanoTime() + 650_000_000L + 100_000_000L;
        while (RedisRevocationStoreTest.trusted(s) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        org.assertj.core.api.Assertions.assertThat(RedisRevocationStoreTest.trusted(s)).as("the outage is noticed within 650 ms").isFalse();
        return s;
    }

    @Override
    protected Duration propagationDelay() {
        return Duration.ofSeconds(1);
    }
}
