package io.github.jwtextended.error;

import java.util.Map;

/**
 * The route needs a fresh token and the token is not fresh (401).
 *
 * <p>Thread safety: immutable.
 */
public class FreshTokenRequiredException extends JwtException {
    public FreshTokenRequiredException(String message) {
        super(message);
    }

    public FreshTokenRequiredException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.NEEDS_FRESH_TOKEN;
    }
}
