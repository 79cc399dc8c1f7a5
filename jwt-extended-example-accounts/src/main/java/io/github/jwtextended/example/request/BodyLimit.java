package io.github.jwtextended.example.request;

/**
 * The request body limit of both example servers: a body over {@link #MAX_BYTES} is refused on
 * every route, known or not, guarded or not, with 413 {@link #MESSAGE}, and a body that cannot be
 * read with 400 {@link #UNREADABLE_MESSAGE}; a refused body is read and
 * dropped ({@link io.github.jwtextended.extract.RefusedBodies}) so that a keep-alive client gets the
 * answer instead of a reset connection.
 *
 * <p>Thread safety: constants only.
 */
public final class BodyLimit {
    /** The most bytes of a request body any route reads. */
    public static final int MAX_BYTES = 64 * 1024;
    /** The answer's message. */
    public static final String MESSAGE = "Request body too large (at most " + MAX_BYTES + " bytes)";
    /** The message of the 400 to a body that cannot be read (malformed chunks, fewer bytes than declared). */
    public static final String UNREADABLE_MESSAGE = "Request body could not be read";

    private BodyLimit() {
    }
}
