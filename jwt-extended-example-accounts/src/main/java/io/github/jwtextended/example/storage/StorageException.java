package io.github.jwtextended.example.storage;

/**
 * The database could not answer or record. The server answers 503; the message names the
 * operation only, the cause (for the log) keeps the driver's detail.
 *
 * <p>Thread safety: immutable.
 */
public final class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
