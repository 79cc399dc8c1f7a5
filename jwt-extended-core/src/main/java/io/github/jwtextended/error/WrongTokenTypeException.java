package io.github.jwtextended.error;

import java.util.Map;

/**
 * A refresh token was presented where an access token is required, or the reverse (422).
 *
 * <p>Thread safety: immutable.
 */
public class WrongTokenTypeException extends JwtException {
    public WrongTokenTypeException(String message) {
        super(message);
    }

    public WrongTokenTypeException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
