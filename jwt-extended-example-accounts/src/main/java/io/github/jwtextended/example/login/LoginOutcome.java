package io.github.jwtextended.example.login;

import java.util.Locale;

/**
 * How a {@code POST /login} ended, for the {@code jwt.logins} counter's {@code outcome} tag: a
 * fixed set, never a user name or an address.
 *
 * <p>Thread safety: immutable.
 */
public enum LoginOutcome {
    /** The password was right: tokens are issued. */
    SUCCESS,
    /** Unknown user or wrong password (401). */
    BAD_CREDENTIALS,
    /** Refused by the brute-force limit without a password check (429). */
    THROTTLED,
    /** Refused as a cross-site request (403, login CSRF). */
    CROSS_SITE,
    /** The body was refused: not JSON, wrong fields, too large, another content type (4xx). */
    BAD_REQUEST,
    /** The database could not answer (503). */
    UNAVAILABLE,
    /** Anything else that failed (500). */
    ERROR;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The tag value: the lower-case name ({@code bad_credentials}). */
    public String tag() {
        return tag;
    }
}
