package io.github.jwtextended.error;

import java.util.Map;

/**
 * The request carries the token ambiguously, e.g. in two {@code Authorization} field lines (400, RFC 6750 §3.1).
 *
 * <p>Thread safety: immutable.
 */
public class AmbiguousRequestException extends JwtException {
    public AmbiguousRequestException(String message) {
        super(message);
    }

    public AmbiguousRequestException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.BAD_REQUEST;
    }
}
