package io.github.jwtextended.example.http;

/**
 * A request the server refuses with a status and a {@code {"msg": ...}} body. The message is
 * written for the client and never contains what the client sent.
 *
 * <p>Thread safety: immutable.
 */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
