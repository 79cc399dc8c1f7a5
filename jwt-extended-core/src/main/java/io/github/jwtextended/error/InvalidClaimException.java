package io.github.jwtextended.error;

import java.util.Map;

/**
 * A claim is missing or has the wrong type or value: {@code iat}, {@code nbf}, {@code iss}, {@code aud}, {@code sub}, {@code jti}, the identity claim or {@code csrf} (422).
 *
 * <p>Thread safety: immutable.
 */
public class InvalidClaimException extends JwtException {
    public InvalidClaimException(String message) {
        super(message);
    }

    public InvalidClaimException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
