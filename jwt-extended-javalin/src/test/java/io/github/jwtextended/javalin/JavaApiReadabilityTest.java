package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.TokenOptions;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a Java user meets it: the classic login / protected / refresh / logout app, written
 * the way the README shows it (the code between the markers is the README example), exercised end
 * to end over HTTP.
 */
class JavaApiReadabilityTest {

    // ---- README example: begin ----
    record Login(String username, String password) {}

    static JwtManager exampleManager(String secret) {
        return JwtManager.builder(JwtConfig.builder().keys(k -> k.withSecret(secret)).build())
                .revocationStore(new InMemoryRevocationStore())   // use a shared store (Redis, a DB) in production
                .build();
    }

    static Javalin exampleApp(JwtManager jwt, BiPredicate<String, String> passwordOk) {
        return Javalin.create(config -> {
            config.registerPlugin(new JwtPlugin(plugin -> plugin.manager = jwt));

            config.routes.post("/login", ctx -> {
                Login login = ctx.bodyAsClass(Login.class);
                if (!passwordOk.test(login.username(), login.password())) {
                    ctx.status(401).json(Map.of("msg", "Bad username or password"));
                    return;
                }
                ctx.json(Map.of(
                        "access_token", jwt.createAccessToken(login.username(), TokenOptions.defaults().withFresh(true)),
                        "refresh_token", jwt.createRefreshToken(login.username())));
            });
            config.routes.get("/protected", ctx ->
                    ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            config.routes.post("/refresh", ctx ->
                    ctx.json(Map.of("access_token", jwt.createAccessToken(JavalinJwt.identity(ctx)))), JwtGuard.refresh());
            config.routes.delete("/logout", ctx -> {   // call it with the access token, then with the refresh token
                jwt.revoke(JavalinJwt.jwt(ctx));
                ctx.json(Map.of("msg", JavalinJwt.jwt(ctx).type() + " token revoked"));
            }, JwtGuard.required().verifyType(false));
        });
    }
    // ---- README example: end ----

    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void theExampleWorksEndToEnd() throws Exception {
        JwtManager jwt = exampleManager(JwtHttpTest.SECRET);
        app = exampleApp(jwt, (user, password) -> "test".equals(user) && "test".equals(password)).start("127.0.0.1", 0);
        var http = java.net.http.HttpClient.newHttpClient();
        Client c = new Client(http, "http://127.0.0.1:" + app.port());

        assertError(c.send("POST", "/login", null, "{\"username\":\"test\",\"password\":\"nope\"}"), 401, "Bad username or password");
        var login = c.send("POST", "/login", null, "{\"username\":\"test\",\"password\":\"test\"}");
        assertThat(login.status).isEqualTo(200);
        String access = field(login.body, "access_token");
        String refresh = field(login.body, "refresh_token");

        assertError(c.send("GET", "/protected", null, null), 401, "Missing Authorization Header");
        assertThat(c.send("GET", "/protected", access, null).body).isEqualTo("{\"logged_in_as\":\"test\"}");
        assertError(c.send("GET", "/protected", refresh, null), 422, "Only non-refresh tokens are allowed", refresh);

        var refreshed = c.send("POST", "/refresh", refresh, null);
        assertThat(refreshed.status).isEqualTo(200);
        String newAccess = field(refreshed.body, "access_token");
        assertThat(newAccess).isNotEqualTo(access);
        assertThat(jwt.decodeToken(newAccess).claim("fresh")).as("a refreshed token is not fresh").isEqualTo(false);
        assertThat(c.send("GET", "/protected", newAccess, null).body).isEqualTo("{\"logged_in_as\":\"test\"}");

        assertThat(c.send("DELETE", "/logout", access, null).body).isEqualTo("{\"msg\":\"access token revoked\"}");
        assertThat(c.send("DELETE", "/logout", refresh, null).body).isEqualTo("{\"msg\":\"refresh token revoked\"}");
        assertError(c.send("GET", "/protected", access, null), 401, "Token has been revoked", access);
        assertError(c.send("POST", "/refresh", refresh, null), 401, "Token has been revoked", refresh);
        assertThat(c.send("GET", "/protected", newAccess, null).status).as("other tokens stay valid").isEqualTo(200);
    }

    /** The example stays short and plain: no casts, no checked exceptions, no framework-specific ceremony. */
    @Test
    void theExampleReadsLikeAnOrdinaryJavalinApp() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/jwtextended/javalin/JavaApiReadabilityTest.java"));
        Matcher m = Pattern.compile("// ---- README example: begin ----\\n(.*?)\\n\\s*// ---- README example: end ----", Pattern.DOTALL).matcher(source);
        assertThat(m.find()).isTrue();
        List<String> lines = m.group(1).lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.size()).as("non-blank lines of the example").isLessThanOrEqualTo(35);
        assertThat(m.group(1)).doesNotContain("throws").doesNotContain("(String)").doesNotContain("(Map)").doesNotContain("(Map<").doesNotContain("catch");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    /** A tiny client: method, path, optional bearer token, optional JSON body. */
    private record Client(java.net.http.HttpClient http, String base) {
        TestServer.Response send(String method, String path, String bearer, String json) throws Exception {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            b.method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody() : java.net.http.HttpRequest.BodyPublishers.ofString(json));
            var r = http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TestServer.Response(r.statusCode(), r.headers(), r.body());
        }
    }
}
