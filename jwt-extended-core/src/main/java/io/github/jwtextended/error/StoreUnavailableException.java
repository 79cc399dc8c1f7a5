package io.github.jwtextended.error;

import java.util.Map;

/**
 * The revocation store could not answer; the request fails closed (503).
 *
 * <p>Thread safety: immutable.
 */
public class StoreUnavailableException extends JwtException {
    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, header, claims);
    }

    /** Keeps the store's own failure for the server log; it never reaches the client. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.STORE_UNAVAILABLE;
    }
}
