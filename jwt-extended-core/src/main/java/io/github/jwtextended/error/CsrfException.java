package io.github.jwtextended.error;

/**
 * The CSRF double-submit value of a cookie token is missing, or does not match the token's
 * {@code csrf} claim ({@link ErrorKind#UNAUTHORIZED}, 401); flask-jwt-extended's {@code CSRFError}.
 * Unlike a {@link MissingTokenException} it ends the search for a token, optional guard or not.
 *
 * <p>Thread safety: immutable.
 */
public final class CsrfException extends JwtException {
    public CsrfException(String message) {
        super(ErrorKind.UNAUTHORIZED, message, null, null);
    }
}
