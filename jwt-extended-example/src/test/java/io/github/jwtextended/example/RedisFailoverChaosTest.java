package io.github.jwtextended.example;

import io.github.jwtextended.example.chaos.Deployment;
import io.github.jwtextended.redis.SentinelDeployment;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The chaos test on Redis: three example servers on one Sentinel-managed Redis (a primary, two
 * replicas, three Sentinels, all of the test's own), the {@link io.github.jwtextended.example.chaos.ChaosRun}'s load, and the primary
 * killed with SIGKILL mid-run. Besides the run's own rules (no token accepted once its logout was
 * acknowledged before the request began, with the near cache beyond the documented propagation
 * bound of 1 s on another instance; only 503s during the failover, which stop by themselves), it
 * asserts that with {@code REDIS_MIN_REPLICAS_ACK=1} the new primary has every acknowledged
 * revocation. It prints the figures the README's table reports.
 */
class RedisFailoverChaosTest extends RedisChaosTest {
    @Override
    String name() {
        return "Sentinel";
    }

    @Override
    Deployment start(int minReplicasAck) throws Exception {
        SentinelDeployment sentinel = new SentinelDeployment(2);
        open.add(sentinel);
        return new PrimaryKilled(sentinel, minReplicasAck);
    }

    /** The Sentinel deployment whose primary is killed with SIGKILL; the lost revocations are those the new primary lacks. */
    static final class PrimaryKilled implements Deployment {
        final SentinelDeployment sentinel;
        final int minReplicasAck;
        int oldPrimary;
        int newPrimary;

        PrimaryKilled(SentinelDeployment sentinel, int minReplicasAck) {
            this.sentinel = sentinel;
            this.minReplicasAck = minReplicasAck;
        }

        @Override
        public Map<String, String> serverEnv() {
            return Deployment.redisEnv(sentinel.url(), minReplicasAck);
        }

        @Override
        public void injectFault() throws Exception {
            oldPrimary = sentinel.primaryPort();
            sentinel.primary().kill();
        }

        @Override
        public void awaitRecovery(Duration timeout) throws Exception {
            newPrimary = sentinel.awaitPrimaryOtherThan(oldPrimary, timeout);
        }

        @Override
        public long lost(Collection<String> acknowledgedJtis) {
            return lostOn(newPrimary, "jwt:", acknowledgedJtis);
        }
    }
}
