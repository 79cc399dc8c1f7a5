package io.github.jwtextended.event;

import java.util.Locale;

/**
 * What a recorded revocation covers.
 *
 * <p>Thread safety: immutable.
 */
public enum RevocationKind {
    /** One token, by its {@code jti} (a logout, the refresh cookie at a browser's logout). */
    TOKEN,
    /** Every token of one identity issued up to now: log out everywhere. */
    EVERYWHERE,
    /** One refresh-token family (one login's session). */
    FAMILY;

    /** The lower-case name, as a metric tag: {@code token}, {@code everywhere}, {@code family}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
