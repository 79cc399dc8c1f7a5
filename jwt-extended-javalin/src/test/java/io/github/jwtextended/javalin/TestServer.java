package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real Javalin server on 127.0.0.1 and a free port, with the {@link JwtPlugin} registered for
 * one manager, and a small HTTP/1.1 client to talk to it.
 *
 * <pre>{@code
 * try (TestServer s = TestServer.start(manager, cfg -> cfg.routes.get("/p", h, JwtGuard.required()))) {
 *     Response r = s.get("/p").bearer(token).send();
 * }
 * }</pre>
 *
 * <p>Thread safety: the server is; a {@link Request} is used by one thread.
 */
final class TestServer implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Javalin app;
    private final JwtManager manager;

    /** The port it listens on, on 127.0.0.1. */
    int port() {
        return app.port();
    }

    private TestServer(Javalin app, JwtManager manager) {
        this.app = app;
        this.manager = manager;
    }

    /** Starts a server whose routes {@code routes} declares. */
    static TestServer start(JwtManager manager, Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = manager));
            routes.accept(cfg);
        }).start("127.0.0.1", 0);
        return new TestServer(app, manager);
    }

    JwtManager manager() {
        return manager;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + app.port() + pathAndQuery);
    }

    Request get(String path) { return request("GET", path); }
    Request post(String path) { return request("POST", path); }
    Request put(String path) { return request("PUT", path); }
    Request patch(String path) { return request("PATCH", path); }
    Request delete(String path) { return request("DELETE", path); }
    Request head(String path) { return request("HEAD", path); }
    Request options(String path) { return request("OPTIONS", path); }

    Request request(String method, String path) {
        return new Request(method, uri(path));
    }

    @Override
    public void close() {
        app.stop();
    }

    /** One request under construction. */
    static final class Request {
        private final String method;
        private final HttpRequest.Builder builder;
        private final List<String> cookies = new ArrayList<>();
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Request(String method, URI uri) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(uri);
        }

        /** Adds a header field line (a second call with the same name adds a second line). */
        Request header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        /** {@code Authorization: Bearer <token>}. */
        Request bearer(String token) {
            return header("Authorization", "Bearer " + token);
        }

        /** Adds one cookie to the single {@code Cookie} header. */
        Request cookie(String name, String value) {
            cookies.add(name + "=" + value);
            return this;
        }

        /** {@code X-CSRF-TOKEN: <value>}. */
        Request csrf(String value) {
            return header("X-CSRF-TOKEN", value);
        }

        /** A body with {@code Content-Type: application/json}. */
        Request json(String json) {
            return body("application/json", json);
        }

        /** A form body ({@code application/x-www-form-urlencoded}); {@code form} is already encoded. */
        Request form(String form) {
            return body("application/x-www-form-urlencoded", form);
        }

        /** A body with the given content type (null: no Content-Type header). */
        Request body(String contentType, String text) {
            if (contentType != null) {
                builder.header("Content-Type", contentType);
            }
            body = HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8);
            return this;
        }

        Response send() {
            if (!cookies.isEmpty()) {
                builder.header("Cookie", String.join("; ", cookies));
            }
            HttpRequest request = builder.method(method, body).build();
            try {
                HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(r.statusCode(), r.headers(), r.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What the server answered. */
    static final class Response {
        final int status;
        final HttpHeaders headers;
        final String body;

        Response(int status, HttpHeaders headers, String body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String contentType() {
            return header("Content-Type");
        }

        List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
