package io.github.jwtextended.error;

import java.util.Map;

/**
 * The custom token verification callback refused the token (400).
 *
 * <p>Thread safety: immutable.
 */
public class UserClaimsVerificationException extends JwtException {
    public UserClaimsVerificationException(String message) {
        super(message);
    }

    public UserClaimsVerificationException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.VERIFICATION_FAILED;
    }
}
