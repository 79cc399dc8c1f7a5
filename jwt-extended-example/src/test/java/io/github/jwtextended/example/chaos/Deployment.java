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
    /** The settings every server gets to reach the backend ({@code REDIS_URL}, {@code DATABASE_URL}, ...). */
    Map<String, String> serverEnv();

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
