package io.github.jwtextended.extract;

import java.io.InputStream;
import java.util.concurrent.Callable;

/**
 * What an adapter does with a request body it refuses unread (too large): it reads and drops it,
 * up to {@link #DISCARD_LIMIT} bytes, so that the answer is not lost. A server that closes a
 * connection with unread request bytes makes the peer's TCP stack reset it, and the client then
 * sees no answer at all instead of the 4xx. A larger body is left unread (the container closes
 * that connection).
 *
 * <p>Thread safety: stateless.
 */
public final class RefusedBodies {
    /** The largest refused body read and dropped. */
    public static final long DISCARD_LIMIT = 1024 * 1024;

    private RefusedBodies() {
    }

    /**
     * Reads and drops {@code declared} bytes from the body {@code body} opens (nothing when
     * {@code declared} is over {@link #DISCARD_LIMIT}); a client that goes away or sends less is no
     * error.
     */
    public static void discard(Callable<InputStream> body, long declared) {
        if (declared <= 0 || declared > DISCARD_LIMIT) {
            return;
        }
        byte[] sink = new byte[8192];
        try {
            InputStream in = body.call();
            long left = declared;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (Exception e) {
            // the client went away or sent less than it declared: nothing to keep alive
        }
    }
}
