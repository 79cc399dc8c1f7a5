package io.github.jwtextended.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A framework-free HTTP answer to a failure: status, extra headers and a JSON body (a map that
 * adapters serialise with Jackson). Adapters render it as it is; nothing else decides the answer.
 *
 * <p>Thread safety: immutable.
 */
public final class ErrorResponse {
    private final int status;
    private final Map<String, String> headers;
    private final Map<String, Object> body;

    public ErrorResponse(int status, Map<String, String> headers, Map<String, Object> body) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code");
        }
        this.status = status;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        this.body = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body")));
    }

    /** {@code {"<key>": "<message>"}} with the given status and no extra header. */
    public static ErrorResponse message(int status, String messageKey, String message) {
        return new ErrorResponse(status, Map.of(), Map.of(messageKey, message));
    }

    public int status() {
        return status;
    }

    /** Extra response headers, e.g. {@code WWW-Authenticate}; insertion-ordered. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body as a map; insertion-ordered. */
    public Map<String, Object> body() {
        return body;
    }

    /** A copy with one more header (replacing one of the same name). */
    public ErrorResponse withHeader(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new ErrorResponse(status, h, body);
    }

    @Override
    public String toString() {
        return "ErrorResponse[" + status + " " + body + "]";
    }
}
