package io.github.jwtextended.revocation;

import java.time.Duration;
import java.time.Instant;

/**
 * A store's refresh-token families, for refresh-token rotation with reuse detection (OAuth 2.0
 * Security BCP, RFC 9700 section 4.14): the capability {@link RevocationStore#rotation()} gives when
 * the store keeps families.
 *
 * <p>A family is every token descending from one login; its id is the {@code fam} claim. The store
 * keeps per family the current (latest) refresh token's {@code jti}, the one before it with the
 * instant it was rotated and whether its grace was used, and a revoked flag. A family without a
 * record is one that has not been rotated yet: its first rotation creates the record.
 *
 * <p>Contract for implementations (checked by the core's test-jar {@code RefreshRotationContract}):
 * <ul>
 *   <li>{@link #rotate} is atomic: of any number of concurrent calls presenting the same current
 *       {@code jti}, exactly one gets {@link RotationResult#ROTATED} (a compare-and-set);</li>
 *   <li>presenting a {@code jti} that is not the current one revokes the family
 *       ({@link RotationResult#REUSE}), except the previous one presented once within the grace
 *       period after its rotation ({@link RotationResult#GRACE});</li>
 *   <li>the store's {@link RevocationStore#isRevoked(RevocationCheck)} reports every token whose
 *       {@link RevocationCheck#family()} is revoked, in the same single round trip as the other two
 *       questions;</li>
 *   <li>a family record is kept at least until its {@code keepUntil} (never shortened), so a
 *       revoked family stays revoked while any of its tokens can still be valid;</li>
 *   <li>an outage is a {@link RevocationStoreException}, never a successful rotation.</li>
 * </ul>
 * Implementations must be thread safe.
 */
public interface RefreshRotation {
    /**
     * Rotates the family's current refresh token: when {@code presentedJti} is the current one (or
     * the family has no record yet), {@code newJti} becomes current and the answer is
     * {@link RotationResult#ROTATED}. When it is the previous one, presented within {@code grace}
     * of its rotation and for the first time since, {@code newJti} becomes current too
     * ({@link RotationResult#GRACE}). A revoked family answers {@link RotationResult#REVOKED};
     * anything else is reuse: the family is revoked (until {@code keepUntil}) and the answer is
     * {@link RotationResult#REUSE}.
     *
     * @param keepUntil how long the record must live: the new refresh token's expiry plus leeway
     *                  (null: forever); a record is never shortened
     * @param grace     how long after a rotation the previous token is accepted once more (zero: never)
     */
    RotationResult rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration grace);

    /** Revokes every token of the family until {@code keepUntil} (null: forever); never shortens it. */
    void revokeFamily(String family, Instant keepUntil);

    /** What {@link #rotate} decided. */
    enum RotationResult {
        /** The presented token was current: the new one is now. */
        ROTATED,
        /** The presented token was the previous one, within its grace period, used once: the new one is now current. */
        GRACE,
        /** The presented token had been rotated already: the family is now revoked. */
        REUSE,
        /** The family was already revoked. */
        REVOKED;

        /** Whether new tokens may be issued. */
        public boolean issued() {
            return this == ROTATED || this == GRACE;
        }
    }
}
