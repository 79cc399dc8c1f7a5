package io.github.jwtextended.event;

import java.util.Locale;

/**
 * The type of token an event is about: for a verification, the type the route reads (a refresh
 * guard reads a refresh token, any other an access token), known even when no token was found.
 *
 * <p>Thread safety: immutable.
 */
public enum TokenType {
    ACCESS,
    REFRESH;

    /** The lower-case name, as a metric tag: {@code access}, {@code refresh}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
