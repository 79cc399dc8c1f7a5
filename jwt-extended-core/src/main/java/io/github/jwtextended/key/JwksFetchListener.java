package io.github.jwtextended.key;

/**
 * Hears each fetch of a remote JWK Set ({@link RemoteJwksKeyResolver.Builder#listener}), for
 * metrics: the manager connects the resolver it builds from the configuration to its
 * {@code JwtListener}s, which are {@code JwksFetchListener}s too.
 *
 * <p>Called on the thread that fetched (a request's, or the resolver's background thread) right
 * after each attempt, and must return quickly. An exception it throws is caught and logged; it
 * never changes which keys are used.
 *
 * <p>Implementations must be thread safe.
 */
@FunctionalInterface
public interface JwksFetchListener {
    /** Hears nothing. */
    JwksFetchListener NONE = (outcome, keys) -> { };

    /**
     * A fetch ended with {@code outcome}; {@code keys} verification keys are in use after it (the
     * new set after a success, the one kept after a failure: 0 when none was ever fetched).
     */
    void jwksFetch(JwksFetchOutcome outcome, int keys);
}
