package io.github.jwtextended.revocation;

/**
 * A revocation store could not answer or record (connection refused, timeout, ...). The verify
 * pipeline turns it into a 503 answer; a caller revoking a token must not report success.
 *
 * <p>Thread safety: immutable.
 */
public class RevocationStoreException extends RuntimeException {
    public RevocationStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public RevocationStoreException(String message) {
        super(message);
    }
}
