package io.github.jwtextended.event;

import java.util.Locale;

/**
 * How a refresh-token rotation ended. The first four are the store's decisions, of the same names
 * as {@code revocation.RefreshRotation.RotationResult}; {@link #REUSE} is a reuse detection (a
 * stolen refresh token, most likely).
 *
 * <p>Thread safety: immutable.
 */
public enum RotationOutcome {
    /** The presented token was current: a new pair was issued and it is now. */
    ROTATED,
    /** The previous token within the reuse window (concurrent tabs, a retry): the line's successor was issued again. */
    GRACE,
    /** A token rotated before the window was presented again: its whole family is now revoked. */
    REUSE,
    /** The family was already revoked: refused. */
    REVOKED,
    /** The session's maximum lifetime is over: refused as expired. */
    EXPIRED;

    /** The lower-case name, as a metric tag: {@code rotated}, {@code grace}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
