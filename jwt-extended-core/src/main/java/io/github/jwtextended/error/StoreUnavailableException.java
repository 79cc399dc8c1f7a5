package io.github.jwtextended.error;

import java.util.function.Supplier;

/**
 * Something this service depends on to judge a token could not answer: the revocation store (or
 * the blocklist callback), or the JWKS URL of the issuer when no keys fresh enough can be fetched
 * (see {@code key.RemoteJwksKeyResolver}). Our outage, not a bad token: the request fails closed
 * ({@link ErrorKind#STORE_UNAVAILABLE}, 503) and the message says which (its {@link #MESSAGE} for
 * the revocation store).
 *
 * <p>{@link #failClosed(Supplier)} and {@link #failClosed(Runnable)} are the one place where a
 * store's failure becomes this error: every call the manager makes to the store (checks,
 * revocations, rotation) goes through them.
 *
 * <p>Thread safety: immutable.
 */
public final class StoreUnavailableException extends JwtException {
    /** The message of every store failure (the store's own detail stays in the cause, for the server log). */
    public static final String MESSAGE = "Token revocation status is temporarily unavailable";

    public StoreUnavailableException(String message) {
        super(ErrorKind.STORE_UNAVAILABLE, message, null, null);
    }

    /** Keeps the store's own failure for the server log; it never reaches the client. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(ErrorKind.STORE_UNAVAILABLE, message, cause);
    }

    /**
     * The answer of {@code storeCall} (a revocation check, a rotation); when it throws, the failure
     * as a {@code StoreUnavailableException} with {@link #MESSAGE}, the failure kept as its cause.
     * Any runtime failure counts, not only a {@code RevocationStoreException}: whatever stops the
     * store (or a blocklist callback) from answering fails the request closed.
     */
    public static <T> T failClosed(Supplier<T> storeCall) {
        try {
            return storeCall.get();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(MESSAGE, e);
        }
    }

    /** {@link #failClosed(Supplier)} for a write (a revocation): it either returns recorded or fails. */
    public static void failClosed(Runnable storeWrite) {
        try {
            storeWrite.run();
        } catch (RuntimeException e) {
            throw new StoreUnavailableException(MESSAGE, e);
        }
    }
}
