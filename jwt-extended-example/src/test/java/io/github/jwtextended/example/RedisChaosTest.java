package io.github.jwtextended.example;

import io.github.jwtextended.example.chaos.ChaosRun;
import io.github.jwtextended.example.chaos.Deployment;
import io.github.jwtextended.example.chaos.Figures;
import io.github.jwtextended.redis.RedisTestSupport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos runs on a Redis deployment (Sentinel, Cluster) whose primary is killed mid-run: strict
 * and near cache with {@code REDIS_MIN_REPLICAS_ACK=1}, which must lose no acknowledged revocation,
 * and near cache without it, measured. A subclass brings the deployment.
 *
 * <p>Thread safety: a JUnit test instance, one thread.
 */
abstract class RedisChaosTest {
    final Path dir = TestServers.tempDir("jwt-example-chaos");
    final ChaosRun chaos = new ChaosRun(dir);
    final List<AutoCloseable> open = new ArrayList<>();

    /** The deployment's name in the figures' setup ("Sentinel", "Cluster"). */
    abstract String name();

    /** Starts the deployment (added to {@link #open}) and the fault it suffers. */
    abstract Deployment start(int minReplicasAck) throws Exception;

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
        Figures f = run(false, 1);
        assertThat(f.lostAcked()).as("no acknowledged revocation lost").isZero();
        assertThat(f.acceptedWithinBound()).as("strict: every check asks the primary").isZero();
    }

    @Test
    void nearCacheWithReplicaAcknowledgementLosesNothing() throws Exception {
        Figures f = run(true, 1);
        assertThat(f.lostAcked()).as("no acknowledged revocation lost").isZero();
    }

    /** Without acknowledgement: measured and reported (a loss is possible, not certain). */
    @Test
    void nearCacheWithoutReplicaAcknowledgementIsMeasured() throws Exception {
        run(true, 0);
    }

    Figures run(boolean nearCache, int minReplicasAck) throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        String setup = name() + ", " + (nearCache ? "near cache" : "strict") + ", REDIS_MIN_REPLICAS_ACK=" + minReplicasAck;
        return chaos.run(setup, nearCache, start(minReplicasAck));
    }

    /** How many of the acknowledged revocations the Redis on {@code port} lacks (keys {@code <prefix>revoked:<jti>}). */
    static long lostOn(int port, String keyPrefix, Collection<String> acknowledgedJtis) {
        long lost = 0;
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            for (String jti : acknowledgedJtis) {
                if (c.sync().exists(keyPrefix + "revoked:" + jti) == 0) {
                    lost++;
                }
            }
        } finally {
            client.shutdown();
        }
        return lost;
    }
}
