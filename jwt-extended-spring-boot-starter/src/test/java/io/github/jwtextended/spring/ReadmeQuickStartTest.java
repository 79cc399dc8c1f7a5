package io.github.jwtextended.spring;

import io.github.jwtextended.spring.readme.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot example of the root README and of this module's README ({@link Api}, which is the
 * README's code: {@code ReadmeSnippetsTest}), run over HTTP with the README's properties, as a
 * browser (cookies and the CSRF header) and as an API client (the {@code Authorization} header).
 */
class ReadmeQuickStartTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Api.class)
    static class App {
    }

    private ConfigurableApplicationContext ctx;
    private String base;

    @BeforeEach
    void start() {
        ctx = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        // the README's properties
                        "jwt.secret-key=change-me-to-at-least-32-random-bytes-please", "jwt.token-location=headers,cookies")
                .run();
        base = "http://127.0.0.1:" + ConformanceApp.port(ctx);
    }

    @AfterEach
    void stop() {
        ctx.close();
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> cookies(HttpResponse<String> r, Map<String, String> jar) {
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return jar;
    }

    private static String cookieHeader(Map<String, String> jar) {
        return String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    @Test
    void aBrowsersRefreshCookieIsDeadAfterLogout() throws Exception {
        HttpResponse<String> login = send("POST", "/login", Map.of());
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).hasSize(4);
        Map<String, String> jar = cookies(login, new LinkedHashMap<>());
        String cookie = cookieHeader(jar);

        assertThat(send("GET", "/protected", Map.of("Cookie", cookie)).body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
        HttpResponse<String> refreshed = send("POST", "/refresh", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_refresh_token")));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(send("POST", "/logout", Map.of("Cookie", cookie)).body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
        HttpResponse<String> logout = send("POST", "/logout", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_access_token")));
        assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(logout.headers().allValues("Set-Cookie")).hasSize(4).allSatisfy(c -> assertThat(c).matches("[a-z_]+=; .*"));

        HttpResponse<String> deadRefresh = send("POST", "/refresh", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_refresh_token")));
        assertThat(deadRefresh.statusCode()).isEqualTo(401);
        assertThat(deadRefresh.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        HttpResponse<String> deadAccess = send("GET", "/protected", Map.of("Cookie", cookie));
        assertThat(deadAccess.statusCode()).isEqualTo(401);
        assertThat(deadAccess.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
    }

    @Test
    void anApiClientUsesTheAuthorizationHeader() throws Exception {
        HttpResponse<String> login = send("POST", "/login", Map.of());
        String access = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        String refresh = login.body().replaceAll(".*\"refresh_token\":\"([^\"]+)\".*", "$1");
        assertThat(send("GET", "/protected", Map.of("Authorization", "Bearer " + access)).body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
        assertThat(send("POST", "/refresh", Map.of("Authorization", "Bearer " + refresh)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/protected", Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/logout", Map.of("Authorization", "Bearer " + refresh)).body()).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(send("POST", "/refresh", Map.of("Authorization", "Bearer " + refresh)).body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        assertThat(send("GET", "/protected", Map.of("Authorization", "Bearer " + access)).statusCode()).as("not revoked yet").isEqualTo(200);
    }
}
