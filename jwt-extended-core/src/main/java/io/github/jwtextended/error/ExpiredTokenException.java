package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token's {@code exp} has passed, leeway included (401). Carries the expired token's header and claims.
 *
 * <p>Thread safety: immutable.
 */
public class ExpiredTokenException extends JwtException {
    public ExpiredTokenException(String message) {
        super(message);
    }

    public ExpiredTokenException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.EXPIRED_TOKEN;
    }
}
