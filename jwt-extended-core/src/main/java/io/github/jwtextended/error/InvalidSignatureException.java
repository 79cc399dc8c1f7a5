package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token's signature does not verify with the key selected for it (422).
 *
 * <p>Thread safety: immutable.
 */
public class InvalidSignatureException extends JwtException {
    public InvalidSignatureException(String message) {
        super(message);
    }

    public InvalidSignatureException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.INVALID_TOKEN;
    }
}
