package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot quick start of the root README and of this module's README, as written there
 * ({@code Api}), run over HTTP with the README's properties.
 */
class ReadmeQuickStartTest {

    // ---- as in the README ----
    @RestController
    static class Api {
        private final JwtManager jwt;
        Api(JwtManager jwt) { this.jwt = jwt; }

        @PostMapping("/login")
        Map<String, String> login(HttpServletRequest req, HttpServletResponse res) {
            String access = jwt.createAccessToken("alice");   // after checking the password
            ServletJwt.setAccessCookies(req, res, access);
            return Map.of("access_token", access);
        }

        @GetMapping("/protected")
        @JwtRequired
        Map<String, String> whoAmI(@JwtIdentity String user) {
            return Map.of("logged_in_as", user);
        }
    }
    // ---- end ----

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Api.class)
    static class App {
    }

    @Test
    void theQuickStartWorksAsWritten() throws Exception {
        try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        "jwt.secret-key=change-me-to-at-least-32-random-bytes-please", "jwt.token-location=headers,cookies")
                .run()) {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            String base = "http://127.0.0.1:" + ConformanceApp.port(ctx);
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().allValues("Set-Cookie")).hasSize(2);
            HttpResponse<String> cookie = http.send(HttpRequest.newBuilder(URI.create(base + "/protected")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(cookie.body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
            String token = login.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
            HttpResponse<String> bearer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/protected"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(bearer.body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
            HttpResponse<String> none = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/protected")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(401);
        }
    }
}
