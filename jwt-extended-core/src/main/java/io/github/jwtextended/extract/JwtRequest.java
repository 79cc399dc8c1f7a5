package io.github.jwtextended.extract;

import java.util.List;

/**
 * The parts of an HTTP request the verify pipeline reads. Each web framework adapter implements
 * it over its own request type; nothing else of the framework reaches the core.
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
     */
    byte[] body(int limit);

    /** The value of a form field ({@code application/x-www-form-urlencoded} or multipart), or null. */
    String formParam(String name);

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
