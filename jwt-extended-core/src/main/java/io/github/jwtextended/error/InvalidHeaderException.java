package io.github.jwtextended.error;

import java.util.Map;

/**
 * The header that should carry the token is malformed, e.g. {@code Authorization: Bearer} without a token (422).
 *
 * <p>Thread safety: immutable.
 */
public class InvalidHeaderException extends JwtException {
    public InvalidHeaderException(String message) {
        super(message);
    }

    public InvalidHeaderException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
