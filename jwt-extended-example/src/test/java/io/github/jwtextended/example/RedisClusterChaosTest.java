package io.github.jwtextended.example;

import io.github.jwtextended.example.chaos.Deployment;
import io.github.jwtextended.redis.ClusterDeployment;
import io.github.jwtextended.redis.RedisServerProcess;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The chaos test on a Redis Cluster: three example servers on a Cluster of the test's own (three
 * primaries with two replicas each, {@code cluster-node-timeout} 1 s), the {@link io.github.jwtextended.example.chaos.ChaosRun}'s load,
 * and the primary of the slot that holds every revocation ({@code {jwt:}}) killed with SIGKILL
 * mid-run. Two replicas, so that the promoted one still has a replica to confirm logouts with
 * {@code REDIS_MIN_REPLICAS_ACK=1}. Besides the run's own rules, it asserts that with the ack
 * setting the promoted primary has every acknowledged revocation; it prints the figures the
 * Redis README's table reports.
 */
class RedisClusterChaosTest extends RedisChaosTest {
    /** The slot of every key of the example servers' stores (the default prefix, a hash tag in a Cluster). */
    static final String SLOT_KEY = "{jwt:}epoch";

    @Override
    String name() {
        return "Cluster";
    }

    @Override
    Deployment start(int minReplicasAck) throws Exception {
        ClusterDeployment cluster = new ClusterDeployment(2);
        open.add(cluster);
        return new SlotPrimaryKilled(cluster, minReplicasAck);
    }

    /** The Cluster whose primary of the revocations' slot is killed; the lost revocations are those the promoted replica lacks. */
    static final class SlotPrimaryKilled implements Deployment {
        final ClusterDeployment cluster;
        final int minReplicasAck;
        RedisServerProcess oldPrimary;
        RedisServerProcess newPrimary;

        SlotPrimaryKilled(ClusterDeployment cluster, int minReplicasAck) {
            this.cluster = cluster;
            this.minReplicasAck = minReplicasAck;
        }

        @Override
        public Map<String, String> serverEnv() {
            return Deployment.redisEnv(cluster.url(), minReplicasAck);
        }

        @Override
        public void injectFault() throws Exception {
            oldPrimary = cluster.primaryOf(SLOT_KEY);
            oldPrimary.kill();
        }

        @Override
        public void awaitRecovery(Duration timeout) throws Exception {
            newPrimary = cluster.awaitNewPrimaryOf(SLOT_KEY, oldPrimary, timeout);
        }

        @Override
        public long lost(Collection<String> acknowledgedJtis) {
            return lostOn(newPrimary.port(), "{jwt:}", acknowledgedJtis);
        }
    }
}
