package io.github.jwtextended.event;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.key.JwksFetchListener;
import io.github.jwtextended.key.JwksFetchOutcome;

/**
 * Hears what the library does, for metrics or audit: registered with
 * {@code JwtManager.builder(config).listener(listener)}. Every method has an empty default, so a
 * listener overrides only what it counts. Every argument is an enum constant (or a count; a JWKS
 * fetch also comes with the resolver that made it, whose keys a gauge can judge later): a
 * listener never sees an identity, a {@code jti}, a token or an address, so whatever it tags with
 * them stays bounded. A listener hears the fetches of the remote JWKS the manager builds from its
 * configuration too; for a {@code RemoteJwksKeyResolver} built by hand, pass the listener to its
 * builder's {@code listener(...)}.
 *
 * <p>Methods are called on the thread doing the work, after the fact (a failed store write is
 * not reported as a revocation), and must return quickly. An exception a listener throws is
 * caught and logged (once per kind of event); it never changes an answer.
 *
 * <p>Implementations must be thread safe.
 */
public interface JwtListener extends JwksFetchListener {
    /**
     * A request's token was verified or refused ({@code jwt_required} and the adapters' guards).
     *
     * @param outcome  how it ended
     * @param type     the type the route reads
     * @param location where the token was found; null when none was (missing, absent, a failure
     *                 before any location was read)
     */
    default void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
    }

    /** A token of {@code type} was issued (a login's pair counts one of each). */
    default void tokenIssued(TokenType type) {
    }

    /** A refresh-token rotation ended with {@code outcome}; {@link RotationOutcome#REUSE} is a reuse detection. */
    default void refreshRotation(RotationOutcome outcome) {
    }

    /** A revocation of {@code kind} was recorded in the store. */
    default void revocation(RevocationKind kind) {
    }

    /**
     * A remote JWK Set was fetched, or a fetch failed: {@code keys} verification keys are in use
     * after it (the new set after a success, the one kept after a failure, 0 when none was ever
     * fetched). Rare: at most once per cache lifetime, or per refetch interval while failing.
     */
    @Override
    default void jwksFetch(JwksFetchOutcome outcome, int keys) {
    }
}
