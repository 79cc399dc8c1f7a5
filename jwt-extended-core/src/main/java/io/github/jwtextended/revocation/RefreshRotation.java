package io.github.jwtextended.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A store's refresh-token families, for refresh-token rotation with reuse detection (OAuth 2.0
 * Security BCP, RFC 9700 section 4.14): the capability {@link RevocationStore#rotation()} gives when
 * the store keeps families.
 *
 * <p>A family is every token descending from one login; its id is the {@code fam} claim. The store
 * keeps per family the current (latest) refresh token's {@code jti}, the one before it with the
 * instant it was rotated, and a revoked flag. A family without a record is one that has not been
 * rotated yet: its first rotation creates the record.
 *
 * <p><b>The window.</b> Within {@code window} after a rotation, the previous {@code jti} is not
 * reuse: presenting it answers {@link RotationResult#GRACE} with the current {@code jti} as the
 * successor, changing nothing, as often as it is presented. So every answer to concurrent or
 * repeated refreshes with one token names the same successor, and whichever of them a client keeps
 * carries the {@code jti} that the family's next rotation expects: the line never forks.
 *
 * <p>Contract for implementations (checked by the core's test-jar {@code RefreshRotationContract}):
 * <ul>
 *   <li>{@link #rotate} is atomic: of any number of concurrent calls presenting the same current
 *       {@code jti}, exactly one gets {@link RotationResult#ROTATED} (a compare-and-set), and every
 *       other one, within the window, {@link RotationResult#GRACE} with the winner's {@code jti};</li>
 *   <li>presenting a {@code jti} that is neither the current one nor the previous one within the
 *       window revokes the family ({@link RotationResult#REUSE}); with a zero window, the previous
 *       one is reuse too;</li>
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
     * {@link RotationResult#ROTATED} with {@code newJti} as successor. When it is the previous one,
     * presented less than {@code window} after its rotation, nothing changes and the answer is
     * {@link RotationResult#GRACE} with the current {@code jti} as successor. A revoked family
     * answers {@link RotationResult#REVOKED}; anything else is reuse: the family is revoked (until
     * {@code keepUntil}) and the answer is {@link RotationResult#REUSE}.
     *
     * @param newJti    the {@code jti} to make current; at most 255 characters
     * @param keepUntil how long the record must live: the new refresh token's expiry plus leeway
     *                  (null: forever); a record is never shortened
     * @param window    how long after a rotation the previous token continues the line (zero: never)
     */
    Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window);

    /** Revokes every token of the family until {@code keepUntil} (null: forever); never shortens it. */
    void revokeFamily(String family, Instant keepUntil);

    /** What {@link #rotate} decided. */
    enum RotationResult {
        /** The presented token was current: the new one is now. */
        ROTATED,
        /** The presented token was the previous one, within the window: the current one is its successor. */
        GRACE,
        /** The presented token had been rotated already (outside the window): the family is now revoked. */
        REUSE,
        /** The family was already revoked. */
        REVOKED;

        /** Whether new tokens may be issued. */
        public boolean issued() {
            return this == ROTATED || this == GRACE;
        }
    }

    /**
     * What {@link #rotate} decided, and the {@code jti} the new refresh token must carry when
     * tokens may be issued ({@code successorJti}: null otherwise).
     */
    record Outcome(RotationResult result, String successorJti) {
        private static final Outcome REUSE = new Outcome(RotationResult.REUSE, null);
        private static final Outcome REVOKED = new Outcome(RotationResult.REVOKED, null);

        public Outcome {
            Objects.requireNonNull(result, "result");
            if (result.issued() != (successorJti != null)) {
                throw new IllegalArgumentException(result + (result.issued() ? " needs" : " has no") + " successor");
            }
        }

        /** The presented token was current; {@code newJti} is now. */
        public static Outcome rotated(String newJti) {
            return new Outcome(RotationResult.ROTATED, Objects.requireNonNull(newJti, "newJti"));
        }

        /** The previous token within the window; {@code currentJti} continues its line. */
        public static Outcome grace(String currentJti) {
            return new Outcome(RotationResult.GRACE, Objects.requireNonNull(currentJti, "currentJti"));
        }

        /** Reuse: the family was revoked by this call. */
        public static Outcome reuse() {
            return REUSE;
        }

        /** The family was revoked already. */
        public static Outcome revoked() {
            return REVOKED;
        }

        /** Whether new tokens may be issued. */
        public boolean issued() {
            return result.issued();
        }
    }
}
