package io.github.jwtextended.error;

import java.util.Map;

/**
 * The query parameter that should carry the token lacks the configured prefix (422).
 *
 * <p>Thread safety: immutable.
 */
public class InvalidQueryParamException extends JwtException {
    public InvalidQueryParamException(String message) {
        super(message);
    }

    public InvalidQueryParamException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
