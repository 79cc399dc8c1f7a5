package io.github.jwtextended.conformance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a server answered: status, headers (names case-insensitive) and body text.
 *
 * <p>Thread safety: immutable.
 */
public final class HttpAnswer {
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;

    HttpAnswer(int status, Map<String, List<String>> headers, String body) {
        this.status = status;
        TreeMap<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> h.put(k, List.copyOf(v)));
        this.headers = h;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** Every value of a header, in order; empty when absent. */
    public List<String> headers(String name) {
        return headers.getOrDefault(name, List.of());
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> v = headers(name);
        return v.isEmpty() ? null : v.get(0);
    }

    public List<String> setCookies() {
        return headers("Set-Cookie");
    }

    @Override
    public String toString() {
        return status + " " + body;
    }
}
