package io.github.jwtextended.error;

/**
 * No token where the guard looked ({@link ErrorKind#UNAUTHORIZED}, 401): no {@code Authorization}
 * header or one without the configured type, no cookie, no query parameter, no JSON member (a body
 * that is not JSON counts as none); flask-jwt-extended's {@code NoAuthorizationError}. The one
 * failure that lets a guard's search go on to its next location, and the one an optional guard
 * answers with an absent token.
 *
 * <p>Thread safety: immutable.
 */
public final class MissingTokenException extends JwtException {
    public MissingTokenException(String message) {
        super(ErrorKind.UNAUTHORIZED, message, null, null);
    }
}
