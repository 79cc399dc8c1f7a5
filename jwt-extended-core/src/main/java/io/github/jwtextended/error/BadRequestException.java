package io.github.jwtextended.error;

/**
 * The request cannot be read for a token ({@link ErrorKind#BAD_REQUEST}, 400; RFC 6750 §3.1
 * {@code invalid_request} in that style): two {@code Authorization} field lines, two query
 * parameters of the token's name, or a JSON body longer than the configured limit. The library
 * refuses such a request rather than pick one of the values or read on.
 *
 * <p>Thread safety: immutable.
 */
public final class BadRequestException extends JwtException {
    public BadRequestException(String message) {
        super(ErrorKind.BAD_REQUEST, message, null, null);
    }
}
