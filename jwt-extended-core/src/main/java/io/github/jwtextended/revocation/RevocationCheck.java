package io.github.jwtextended.revocation;

import java.time.Instant;
import java.util.Objects;

/**
 * What a store needs to know about one verified token to say whether it is revoked, so that one
 * question (one round trip for a remote store) covers both ways a token can be revoked: its own
 * {@code jti} was revoked ({@link RevocationStore#revoke}), or every token of its identity issued
 * up to some instant was ({@link RevocationStore#revokeAllIssuedBefore}).
 *
 * <p>The boundary rule every store applies through {@link #issuedNoLaterThan}: a token whose
 * {@code iat} is <em>at or before</em> the identity's not-before instant is revoked, and a token
 * without {@code iat} is revoked whenever its identity has a not-before instant. {@code iat} has
 * whole-second precision (it is written as an integer), so a token issued in the same second as
 * a "log out everywhere", even just after it, is refused too: the safe side.
 *
 * <p>Thread safety: immutable.
 *
 * @param jti the token's {@code jti}, or null
 * @param identity the token's identity claim as a string, or null
 * @param issuedAt the token's {@code iat}, or null
 * @param expiresAt the token's {@code exp}, or null (never expires); stores may use it to bound a cache entry
 * @param family the token's refresh-token family ({@code fam}), or null
 */
public record RevocationCheck(String jti, String identity, Instant issuedAt, Instant expiresAt, String family) {
    /** Every part may be null: a token without {@code jti}, identity, {@code iat} or {@code exp}. */
    public static RevocationCheck of(String jti, String identity, Instant issuedAt, Instant expiresAt) {
        return new RevocationCheck(jti, identity, issuedAt, expiresAt, null);
    }

    /**
     * With the token's refresh-token family ({@code fam} claim, see {@link RefreshRotation}):
     * a store that keeps families also reports the token revoked when its family was revoked, in
     * the same round trip. Every part may be null.
     */
    public static RevocationCheck of(String jti, String identity, Instant issuedAt, Instant expiresAt, String family) {
        return new RevocationCheck(jti, identity, issuedAt, expiresAt, family);
    }

    /** A check of the {@code jti} alone (no identity: the per-identity rule does not apply). */
    public static RevocationCheck ofJti(String jti) {
        return new RevocationCheck(jti, null, null, null, null);
    }

    /**
     * Whether this token falls under a "revoke every token issued before {@code notBefore}" of its
     * identity: its {@code iat} is at or before {@code notBefore}, or it has no {@code iat}.
     */
    public boolean issuedNoLaterThan(Instant notBefore) {
        Objects.requireNonNull(notBefore, "notBefore");
        return issuedAt == null || !issuedAt.isAfter(notBefore);
    }

    /** {@link #issuedNoLaterThan(Instant)} with the instant in epoch milliseconds. */
    public boolean issuedNoLaterThan(long notBeforeEpochMilli) {
        return issuedNoLaterThan(Instant.ofEpochMilli(notBeforeEpochMilli));
    }

    /** The {@code jti}, the dates and the family; not the identity. */
    @Override
    public String toString() {
        return "RevocationCheck[jti=" + jti + ", iat=" + issuedAt + ", exp=" + expiresAt + (family == null ? "" : ", fam=" + family) + "]";
    }
}
