package io.github.jwtextended.revocation;

import java.time.Instant;

/**
 * Where revoked token ids ({@code jti}) are kept. The manager calls {@link #isRevoked} for every
 * verified token unless a guard skips the check, and {@link #revoke} when a token is revoked.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>an entry is kept at least until {@code until} (the token's {@code exp} plus leeway; null
 *       means forever) and may be dropped after it, so memory stays bounded;</li>
 *   <li>a {@code revoke} that returns has been recorded: a following {@code isRevoked} on any
 *       instance sharing the store sees it;</li>
 *   <li>an outage is reported by throwing {@link RevocationStoreException}, never by answering
 *       "not revoked": the request then fails closed with 503.</li>
 * </ul>
 * Implementations must be thread safe.
 */
public interface RevocationStore {
    /** Records that the token with this {@code jti} is revoked until {@code until} (null: forever). */
    void revoke(String jti, Instant until);

    /** Whether the token with this {@code jti} is revoked. */
    boolean isRevoked(String jti);
}
