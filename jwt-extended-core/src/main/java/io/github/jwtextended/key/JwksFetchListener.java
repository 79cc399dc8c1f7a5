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

    /**
     * What a {@link RemoteJwksKeyResolver} reports: a fetch of {@code resolver}'s ended with
     * {@code outcome}. For a listener that reads the resolver's own judgement of its keys later,
     * by the resolver's clock ({@link RemoteJwksKeyResolver#keysInUse()}: a gauge read at scrape
     * time), so that it agrees with what requests see. By default
     * {@link #jwksFetch(JwksFetchOutcome, int)} with the number of keys in use after the fetch; a
     * listener that passes reports on to others passes this one on as it is.
     */
    default void jwksFetch(JwksFetchOutcome outcome, RemoteJwksKeyResolver resolver) {
        jwksFetch(outcome, resolver.keysInUse().count());
    }
}
