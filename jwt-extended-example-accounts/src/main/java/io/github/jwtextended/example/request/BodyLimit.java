package io.github.jwtextended.example.request;

/**
 * The request body limit of both example servers: a body over {@link #MAX_BYTES} is refused on
 * every route, known or not, guarded or not, with 413 {@link #MESSAGE}; a refused body of at most
 * {@link #DISCARD_BYTES} is read and dropped so that a keep-alive client gets the answer instead
 * of a reset connection.
 *
 * <p>Thread safety: constants only.
 */
public final class BodyLimit {
    /** The most bytes of a request body any route reads. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The answer's message. */
    public static final String MESSAGE = "Request body too large (at most " + MAX_BYTES + " bytes)";
    /** The largest refused body read and dropped so that its 413 reaches the client. */
    public static final long DISCARD_BYTES = 1024 * 1024;

    private BodyLimit() {
    }
}
