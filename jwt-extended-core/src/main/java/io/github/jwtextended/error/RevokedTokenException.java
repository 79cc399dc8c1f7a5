package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token has been revoked (401).
 *
 * <p>Thread safety: immutable.
 */
public class RevokedTokenException extends JwtException {
    public RevokedTokenException(String message) {
        super(message);
    }

    public RevokedTokenException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.REVOKED_TOKEN;
    }
}
