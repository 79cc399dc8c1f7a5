package io.github.jwtextended.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request of a conformance case, independent of the server it is sent to: method, path and
 * query, header field lines (a repeated name is a repeated line), cookies (one {@code Cookie}
 * line) and body.
 *
 * <p>Thread safety: built and sent by one thread.
 */
public final class HttpCall {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String method;
    private final String pathAndQuery;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final List<String> cookies = new ArrayList<>();
    private String body;

    HttpCall(String method, String pathAndQuery) {
        this.method = method;
        this.pathAndQuery = pathAndQuery;
    }

    public String method() {
        return method;
    }

    public String pathAndQuery() {
        return pathAndQuery;
    }

    /** Adds a header field line. */
    public HttpCall header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    /** {@code Authorization: Bearer <token>}. */
    public HttpCall bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    /** Adds one cookie to the single {@code Cookie} line. */
    public HttpCall cookie(String name, String value) {
        cookies.add(name + "=" + value);
        return this;
    }

    /** {@code X-CSRF-TOKEN: <value>}. */
    public HttpCall csrf(String value) {
        return header("X-CSRF-TOKEN", value);
    }

    public HttpCall json(String json) {
        return body("application/json", json);
    }

    /** An already-encoded {@code application/x-www-form-urlencoded} body. */
    public HttpCall form(String form) {
        return body("application/x-www-form-urlencoded", form);
    }

    public HttpCall body(String contentType, String text) {
        if (contentType != null) {
            header("Content-Type", contentType);
        }
        body = text;
        return this;
    }

    /** Sends it to {@code 127.0.0.1:port} over HTTP/1.1. */
    public HttpAnswer send(int port) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery));
        for (Map.Entry<String, String> h : headers) {
            b.header(h.getKey(), h.getValue());
        }
        if (!cookies.isEmpty()) {
            b.header("Cookie", String.join("; ", cookies));
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new HttpAnswer(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return method + " " + pathAndQuery;
    }
}
