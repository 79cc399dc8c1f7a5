package io.github.jwtextended.example.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;

/**
 * The revocation backend a {@link ChaosRun} puts under load, and the fault it suffers: a Redis
 * primary killed with SIGKILL, a cluster node killed, a database stopped and started again. The
 * test that made it starts and closes it.
 *
 * <p>Thread safety: called from the run's one driving thread only.
 */
public interface Deployment {
    /** How long a Redis write waits for its replicas' acknowledgement ({@code REDIS_REPLICA_ACK_TIMEOUT_MS}). */
    long REPLICA_ACK_TIMEOUT_MS = 500;

    /**
     * The settings every server gets to reach the backend ({@code REDIS_URL}, {@code DATABASE_URL}, ...):
     * {@link #redisEnv} or {@link #databaseEnv}.
     */
    Map<String, String> serverEnv();

    /**
     * The servers' settings for the Redis deployment at {@code url} (a Sentinel or Cluster URL):
     * each revocation waits for {@code minReplicasAck} replicas (0: none), at most
     * {@link #REPLICA_ACK_TIMEOUT_MS}.
     */
    static Map<String, String> redisEnv(String url, int minReplicasAck) {
        return Map.of("REDIS_URL", url,
                "REDIS_MIN_REPLICAS_ACK", Integer.toString(minReplicasAck),
                "REDIS_REPLICA_ACK_TIMEOUT_MS", Long.toString(REPLICA_ACK_TIMEOUT_MS));
    }

    /**
     * The servers' settings for the database at {@code jdbcUrl}, whose near cache (when the run
     * turns it on) is trusted for {@code nearCacheStaleness} without the database.
     */
    static Map<String, String> databaseEnv(String jdbcUrl, Duration nearCacheStaleness) {
        return Map.of("DATABASE_URL", jdbcUrl,
                "REVOCATION_NEAR_CACHE_STALENESS_MS", Long.toString(nearCacheStaleness.toMillis()));
    }

    /** Injects the fault; returns once it is in effect (the process killed, the database stopped). */
    void injectFault() throws Exception;

    /**
     * Returns once the backend can serve again without anything done to the servers (a new primary
     * elected, the database started again); fails when that takes longer than {@code timeout}.
     */
    void awaitRecovery(Duration timeout) throws Exception;

    /** How many of these acknowledged revocations (the tokens' {@code jti}) the backend no longer holds. */
    long lost(Collection<String> acknowledgedJtis) throws Exception;
}
