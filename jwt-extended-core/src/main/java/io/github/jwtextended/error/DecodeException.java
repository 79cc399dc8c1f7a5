package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token is not a well-formed compact JWS: segments, base64url, JSON, size limits (422).
 *
 * <p>Thread safety: immutable.
 */
public class DecodeException extends JwtException {
    public DecodeException(String message) {
        super(message);
    }

    public DecodeException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
