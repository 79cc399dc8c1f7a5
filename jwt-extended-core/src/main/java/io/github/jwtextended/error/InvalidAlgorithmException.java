package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token's {@code alg} is missing, not in the allow-list, or not supported (422).
 *
 * <p>Thread safety: immutable.
 */
public class InvalidAlgorithmException extends JwtException {
    public InvalidAlgorithmException(String message) {
        super(message);
    }

    public InvalidAlgorithmException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
