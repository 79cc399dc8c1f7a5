package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import io.javalin.Javalin;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PluginSmokeTest {
    static Javalin app;
    static JwtManager jwt;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        jwt = JwtManager.builder(JwtConfig.builder()
                        .keys(k -> k.withSecret("test-only-secret-key-that-is-long-enough-0123456789"))
                        .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES)
                        .build())
                .revocationStore(new InMemoryRevocationStore())
                .build();
        app = Javalin.create(cfg -> {
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = jwt));
            cfg.routes.get("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            cfg.routes.post("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            cfg.routes.get("/fresh", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.of(Guard.required().fresh(true)));
            cfg.routes.post("/refresh", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.of(Guard.required().refresh(true)));
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }

    /**
     * Jetty's per-connection header cache is off (matching a token against it costs more than the
     * String it saves: docs/benchmarks.md, "Metrics overhead") and stays case-sensitive should the
     * application turn it back on (HeaderLocationTest shows why).
     */
    @Test
    void jettyHeaderCacheIsOffAndCaseSensitive() {
        Connector[] connectors = app.jettyServer().server().getConnectors();
        assertThat(connectors).isNotEmpty();
        for (Connector connector : connectors) {
            HttpConfiguration http = connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
            assertThat(http.getHeaderCacheSize()).isZero();
            assertThat(http.isHeaderCacheCaseSensitive()).isTrue();
        }
    }

    @Test
    void flow() throws Exception {
        String access = jwt.createAccessToken("alice", TokenOptions.defaults().withFresh(true));
        var ok = send(HttpRequest.newBuilder(uri("/protected")).header("Authorization", "Bearer " + access));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"logged_in_as\":\"alice\"}");

        var missing = send(HttpRequest.newBuilder(uri("/protected")));
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("Missing JWT in headers or cookies");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");

        var bad = send(HttpRequest.newBuilder(uri("/protected")).header("Authorization", "Bearer x.y"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).isEqualTo("{\"msg\":\"Not enough segments\"}");

        var options = send(HttpRequest.newBuilder(uri("/protected")).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
        assertThat(options.statusCode()).isNotEqualTo(401);

        String csrf = jwt.csrfToken(access);
        var cookiePost = send(HttpRequest.newBuilder(uri("/protected")).header("Cookie", "access_token_cookie=" + access)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cookiePost.statusCode()).isEqualTo(401);
        assertThat(cookiePost.body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
        var cookiePostOk = send(HttpRequest.newBuilder(uri("/protected")).header("Cookie", "access_token_cookie=" + access)
                .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(cookiePostOk.statusCode()).isEqualTo(200);

        jwt.revoke(jwt.decodeToken(access));
        var revoked = send(HttpRequest.newBuilder(uri("/protected")).header("Authorization", "Bearer " + access));
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");

        String refresh = jwt.createRefreshToken("alice");
        var r = send(HttpRequest.newBuilder(uri("/refresh")).header("Authorization", "Bearer " + refresh)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(r.statusCode()).isEqualTo(200);
        var wrong = send(HttpRequest.newBuilder(uri("/protected")).header("Authorization", "Bearer " + refresh));
        assertThat(wrong.statusCode()).isEqualTo(422);
        assertThat(wrong.body()).isEqualTo("{\"msg\":\"Only non-refresh tokens are allowed\"}");
    }
}
