package io.github.jwtextended.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A framework-free HTTP answer to a failure: status, extra headers and a JSON body (a map that
 * adapters serialise with Jackson). Adapters render it as it is; nothing else decides the answer.
 *
 * <p>Thread safety: immutable (the maps are unmodifiable copies).
 *
 * @param status  the HTTP status code, 100 to 599
 * @param headers extra response headers, e.g. {@code WWW-Authenticate}; insertion-ordered
 * @param body    the JSON body as a map; insertion-ordered
 */
public record ErrorResponse(int status, Map<String, String> headers, Map<String, Object> body) {
    /** Refuses a status outside 100 to 599; copies the maps, keeping their order. */
    public ErrorResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status code");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        body = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(body, "body")));
    }

    /** {@code {"<key>": "<message>"}} with the given status and no extra header. */
    public static ErrorResponse message(int status, String messageKey, String message) {
        return new ErrorResponse(status, Map.of(), Map.of(messageKey, message));
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
