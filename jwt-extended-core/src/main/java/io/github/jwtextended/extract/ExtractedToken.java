package io.github.jwtextended.extract;

import io.github.jwtextended.config.TokenLocation;

/**
 * A token found in a request: its text, where it was found, and the CSRF value sent with it
 * (only for cookie tokens on CSRF-checked methods; otherwise null).
 *
 * <p>Thread safety: immutable.
 *
 * @param token the encoded token
 * @param location where it was found
 * @param csrfValue the CSRF value sent with a cookie token on a CSRF-checked method, else null
 */
public record ExtractedToken(String token, TokenLocation location, String csrfValue) {
    /** Names the location only: never the token or the CSRF value. */
    @Override
    public String toString() {
        return "ExtractedToken[" + location + "]";
    }
}
