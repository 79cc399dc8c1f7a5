package io.github.jwtextended.extract;

import io.github.jwtextended.config.TokenLocation;

/**
 * A token found in a request: its text, where it was found, and the CSRF value sent with it
 * (only for cookie tokens on CSRF-checked methods; otherwise null).
 *
 * <p>Thread safety: immutable.
 */
public final class ExtractedToken {
    private final String token;
    private final TokenLocation location;
    private final String csrfValue;

    public ExtractedToken(String token, TokenLocation location, String csrfValue) {
        this.token = token;
        this.location = location;
        this.csrfValue = csrfValue;
    }

    public String token() { return token; }
    public TokenLocation location() { return location; }
    public String csrfValue() { return csrfValue; }

    @Override
    public String toString() {
        return "ExtractedToken[" + location + "]"; // never the token itself
    }
}
