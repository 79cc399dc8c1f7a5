package io.github.jwtextended.error;

import java.util.Map;

/**
 * The user lookup callback returned no user for the token's identity (401).
 *
 * <p>Thread safety: immutable.
 */
public class UserLookupException extends JwtException {
    public UserLookupException(String message) {
        super(message);
    }

    public UserLookupException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.USER_LOOKUP_FAILED;
    }
}
