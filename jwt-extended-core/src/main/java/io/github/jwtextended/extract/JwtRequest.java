package io.github.jwtextended.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The parts of an HTTP request the verify pipeline reads. Each web framework adapter implements
 * it over its own request type; nothing else of the framework reaches the core. An adapter gives
 * the container's raw access (header lines, cookies, the body's stream, a decoded form field); the
 * default methods hold what every adapter does with it (the body limit, unreadable bodies and
 * forms), once.
 *
 * <p>Implementations are used by one request thread at a time.
 */
public interface JwtRequest {
    /** The request method, upper case ({@code GET}, {@code POST}, ...). */
    String method();

    /** Every field line's value of this header (case-insensitive name), in order; empty when absent. */
    List<String> headers(String name);

    /** The first value of this header, or null. */
    default String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The value of this cookie, or null when absent. */
    String cookie(String name);

    /** Every value of this query-string parameter, in order; empty when absent. */
    List<String> queryParams(String name);

    /** The {@code Content-Type} header, or null. */
    default String contentType() {
        return header("Content-Type");
    }

    /**
     * The request body, read at most up to {@code limit + 1} bytes so that an oversized body is
     * recognised without being buffered whole; empty when there is none.
     *
     * <p>The default is what every adapter does: a body whose declared length is over
     * {@code limit} is read and dropped ({@link RefusedBodies#discard}) and answered with
     * {@code limit + 1} bytes that stand for "too large", without keeping it; any other is
     * {@link #readBody readBody(limit + 1)}; a body that cannot be read (cut short, malformed
     * chunks, refused by the framework) holds no token and is empty.
     *
     * @param limit the largest body the caller accepts, in bytes
     * @return at most {@code limit + 1} bytes of the body
     */
    default byte[] body(int limit) {
        long declared = declaredBodyLength();
        if (declared > limit) {
            RefusedBodies.discard(this::bodyStream, declared);
            return new byte[limit + 1];
        }
        try {
            return readBody(limit + 1);
        } catch (Exception unreadable) { // also what a framework written in Kotlin throws unchecked
            return new byte[0];
        }
    }

    /**
     * The body's length as the client declared it ({@code Content-Length}); -1 when it declared
     * none (a chunked body, or none at all).
     */
    long declaredBodyLength();

    /**
     * The body as the container streams it, for {@link #body} to drop a refused one.
     *
     * @throws IOException when the container cannot give it
     */
    InputStream bodyStream() throws IOException;

    /**
     * At most {@code max} bytes of the body, for {@link #body}; may throw when it cannot be read.
     * The default reads {@link #bodyStream}; an adapter whose framework keeps the body for the
     * application (so that a handler can still read it) reads it through the framework instead,
     * and answers {@code max} bytes for a body the framework refuses as too large.
     *
     * @param max the most bytes to read
     * @return the body's first bytes, at most {@code max}
     * @throws IOException when the body cannot be read
     */
    default byte[] readBody(int max) throws IOException {
        return bodyStream().readNBytes(max);
    }

    /**
     * The value of a form field ({@code application/x-www-form-urlencoded} or multipart), or null.
     *
     * <p>The default is what every adapter does: null unless the body is a form the container
     * may decode ({@link #decodableForm}), else the container's {@link #containerFormParam}, and
     * null when the container cannot read or decode it.
     *
     * @param name the field's name
     * @return its value, or null
     */
    default String formParam(String name) {
        if (!decodableForm(contentType())) {
            return null;
        }
        try {
            return containerFormParam(name);
        } catch (RuntimeException unreadableForm) { // an unknown charset, a body that cannot be read or decoded
            return null;
        }
    }

    /**
     * The form field as the framework or container decodes it, for {@link #formParam}, which
     * calls it only for a decodable form; may throw when the body cannot be read or decoded.
     *
     * @param name the field's name
     * @return its value, or null
     */
    String containerFormParam(String name);

    /**
     * Whether a body of this {@code Content-Type} is a form an adapter may ask its container to
     * decode for {@link #formParam}: {@code application/x-www-form-urlencoded} or
     * {@code multipart/form-data}, under no charset or one this JVM knows ({@link #charsetKnown}).
     */
    static boolean decodableForm(String contentType) {
        if (contentType == null) {
            return false;
        }
        String t = contentType.strip().toLowerCase(java.util.Locale.ROOT);
        return (t.startsWith("application/x-www-form-urlencoded") || t.startsWith("multipart/form-data")) && charsetKnown(contentType);
    }

    /**
     * Whether a body of this {@code Content-Type} names no {@code charset}, or one this JVM knows.
     * An adapter's {@link #formParam} answers null for a form under an unknown charset (containers
     * disagree about it: Jetty throws, Tomcat guesses), so that no CSRF value is read from it.
     */
    static boolean charsetKnown(String contentType) {
        if (contentType == null) {
            return true;
        }
        for (String param : contentType.split(";")) {
            String p = param.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).strip();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                try {
                    return java.nio.charset.Charset.isSupported(name);
                } catch (IllegalArgumentException illegalName) {
                    return false;
                }
            }
        }
        return true;
    }
}
