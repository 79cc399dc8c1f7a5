package io.github.jwtextended.error;

/**
 * Turns one kind of failure into an HTTP answer; flask-jwt-extended's {@code *_loader} error
 * callbacks. The exception carries the message, and for failures of a verified token the token's
 * header and claims. A handler gets every type of its {@link ErrorKind} (the one for
 * {@link ErrorKind#UNAUTHORIZED} both a {@link MissingTokenException} and a {@link CsrfException})
 * and may tell them apart by type, or an invalid token by {@link InvalidTokenException#reason()}.
 */
@FunctionalInterface
public interface ErrorHandler {
    ErrorResponse handle(JwtException error);
}
