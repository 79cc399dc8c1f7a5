package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A browser-like HTTP client for one server: java.net.http with a cookie manager.
 *
 * <p>Thread safety: one client per test thread (its cookie jar is shared by its requests).
 */
public final class Client {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    public final HttpClient http;
    public final String base;

    /** A client of 127.0.0.1:{@code port} that keeps cookies, like a browser. */
    public Client(int port) {
        this(port, true);
    }

    public Client(int port, boolean keepCookies) {
        this("http://127.0.0.1:" + port, keepCookies);
    }

    /** A client of the server at {@code base} ({@code http://host:port}, no trailing slash). */
    public Client(String base, boolean keepCookies) {
        this.base = base;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (keepCookies) {
            b.cookieHandler(cookies);
        }
        this.http = b.build();
    }

    public HttpResponse<String> get(String path, String... headers) {
        return send(request(path, headers).GET());
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = request(path, headers);
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return send(b);
    }

    public HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    public HttpResponse<String> login(String user, String password) {
        return post("/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}");
    }

    /** The value of a cookie the client holds, or null. */
    public String cookie(String name) {
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            if (c.getName().equals(name) && !c.hasExpired()) {
                return c.getValue();
            }
        }
        return null;
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    public static String msg(HttpResponse<String> r) {
        JsonNode n = json(r);
        return n.has("msg") ? n.get("msg").asText() : null;
    }
}
