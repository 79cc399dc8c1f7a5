package io.github.jwtextended.error;

import java.util.Map;

/**
 * No token was found in any of the locations searched (401). Only this failure lets the search go on to the next location, and only this one is swallowed by an optional guard.
 *
 * <p>Thread safety: immutable.
 */
public class NoAuthorizationException extends JwtException {
    public NoAuthorizationException(String message) {
        super(message);
    }

    public NoAuthorizationException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAUTHORIZED;
    }
}
