package io.github.jwtextended.error;

import java.util.Map;

/**
 * The CSRF double-submit value is missing or does not match the token's {@code csrf} claim (401).
 *
 * <p>Thread safety: immutable.
 */
public class CsrfException extends JwtException {
    public CsrfException(String message) {
        super(message);
    }

    public CsrfException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.UNAUTHORIZED;
    }
}
