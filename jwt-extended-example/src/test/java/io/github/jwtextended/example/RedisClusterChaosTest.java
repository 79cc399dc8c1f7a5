package io.github.jwtextended.example;

import io.github.jwtextended.example.chaos.ChaosRun;
import io.github.jwtextended.example.chaos.Deployment;
import io.github.jwtextended.example.chaos.Figures;
import io.github.jwtextended.redis.ClusterDeployment;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos test on a Redis Cluster: three example servers on a Cluster of the test's own (three
 * primaries with two replicas each, {@code cluster-node-timeout} 1 s), the {@link ChaosRun}'s load,
 * and the primary of the slot that holds every revocation ({@code {jwt:}}) killed with SIGKILL
 * mid-run. Two replicas, so that the promoted one still has a replica to confirm logouts with
 * {@code REDIS_MIN_REPLICAS_ACK=1}. Besides the run's own rules, it asserts that with the ack
 * setting the promoted primary has every acknowledged revocation; it prints the figures the
 * Redis README's table reports.
 */
class RedisClusterChaosTest {
    /** The slot of every key of the example servers' stores (the default prefix, a hash tag in a Cluster). */
    static final String SLOT_KEY = "{jwt:}epoch";

    final Path dir = TestServers.tempDir("jwt-example-cluster-chaos");
    final ChaosRun chaos = new ChaosRun(dir);
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void clean() throws Exception {
        chaos.close();
        for (AutoCloseable c : open) {
            c.close();
        }
        TestServers.delete(dir);
    }

    @Test
    void strictChecksWithReplicaAcknowledgementLoseNothing() throws Exception {
        Figures f = run("Cluster, strict, REDIS_MIN_REPLICAS_ACK=1", false, 1);
        assertThat(f.lostAcked()).as("no acknowledged revocation lost").isZero();
        assertThat(f.acceptedWithinBound()).as("strict: every check asks the primary").isZero();
    }

    @Test
    void nearCacheWithReplicaAcknowledgementLosesNothing() throws Exception {
        Figures f = run("Cluster, near cache, REDIS_MIN_REPLICAS_ACK=1", true, 1);
        assertThat(f.lostAcked()).as("no acknowledged revocation lost").isZero();
    }

    /** Without acknowledgement: measured and reported (a loss is possible, not certain). */
    @Test
    void nearCacheWithoutReplicaAcknowledgementIsMeasured() throws Exception {
        run("Cluster, near cache, REDIS_MIN_REPLICAS_ACK=0", true, 0);
    }

    Figures run(String setup, boolean nearCache, int minReplicasAck) throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        ClusterDeployment cluster = new ClusterDeployment(2);
        open.add(cluster);
        return chaos.run(setup, nearCache, new SlotPrimaryKilled(cluster, minReplicasAck));
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
            return Map.of("REDIS_URL", cluster.url(),
                    "REDIS_MIN_REPLICAS_ACK", Integer.toString(minReplicasAck),
                    "REDIS_REPLICA_ACK_TIMEOUT_MS", "500");
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
            long lost = 0;
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + newPrimary.port());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                for (String jti : acknowledgedJtis) {
                    if (c.sync().exists("{jwt:}revoked:" + jti) == 0) {
                        lost++;
                    }
                }
            } finally {
                client.shutdown();
            }
            return lost;
        }
    }
}
