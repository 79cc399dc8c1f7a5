package io.github.jwtextended.error;

/**
 * Turns one kind of failure into an HTTP answer; flask-jwt-extended's {@code *_loader} error
 * callbacks. The exception carries the message, and for failures after signature verification
 * the token's header and claims.
 */
@FunctionalInterface
public interface ErrorHandler {
    ErrorResponse handle(JwtException error);
}
