package io.github.jwtextended.error;

import java.util.Map;

/**
 * The route needs a fresh token and the token is not fresh ({@link ErrorKind#NEEDS_FRESH_TOKEN}, 401).
 *
 * <p>Thread safety: immutable.
 */
public final class FreshTokenRequiredException extends JwtException {
    public FreshTokenRequiredException(String message) {
        super(ErrorKind.NEEDS_FRESH_TOKEN, message, null, null);
    }

    /** The failure of a verified token, carrying its {@code header} and {@code claims}. */
    public FreshTokenRequiredException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.NEEDS_FRESH_TOKEN, message, header, claims);
    }
}
