package io.github.jwtextended.revocation;

import java.time.Instant;

/**
 * Where revocations are kept: revoked token ids ({@code jti}) and, per identity, a not-before
 * instant ("log out everywhere": every token of that identity issued at or before it is revoked).
 * The manager calls {@link #isRevoked(RevocationCheck)} for every verified token unless a guard
 * skips the check, {@link #revoke} when one token is revoked and {@link #revokeAllIssuedBefore}
 * when all of an identity's tokens are.
 *
 * <p>Contract for implementations (checked for every store by the core's test-jar
 * {@code RevocationStoreContract}):
 * <ul>
 *   <li>an entry is kept at least until its {@code until} / {@code keepUntil} (the token's
 *       {@code exp} plus leeway; null means forever) and is not reported after it (expiry is
 *       exclusive), so memory stays bounded;</li>
 *   <li>recording an entry that exists keeps the later instants: a revocation is never shortened;</li>
 *   <li>one {@link #isRevoked(RevocationCheck)} answers both questions, in one round trip for a
 *       remote store;</li>
 *   <li>a write that returns has been recorded: a following check on any instance sharing the store
 *       sees it (a store with a local cache documents how long that takes);</li>
 *   <li>an outage or a timeout is reported by throwing {@link RevocationStoreException}, never by
 *       answering "not revoked" (the request then fails closed with 503) and never by returning
 *       from a write that was not recorded.</li>
 * </ul>
 * Implementations must be thread safe.
 */
public interface RevocationStore {
    /** Records that the token with this {@code jti} is revoked until {@code until} (null: forever). */
    void revoke(String jti, Instant until);

    /**
     * Records that every token of {@code identity} issued at or before {@code notBefore} is revoked
     * (see {@link RevocationCheck#issuedNoLaterThan}); the record is kept until {@code keepUntil}
     * (null: forever), by when every such token has expired.
     */
    void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil);

    /** Whether the token described by {@code check} is revoked, by its {@code jti} or by its identity. */
    boolean isRevoked(RevocationCheck check);

    /** Whether the token with this {@code jti} is revoked (the per-identity rule is not consulted). */
    default boolean isRevoked(String jti) {
        return jti != null && isRevoked(RevocationCheck.ofJti(jti));
    }
}
