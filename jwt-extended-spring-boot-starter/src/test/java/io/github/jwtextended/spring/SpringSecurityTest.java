package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.jwtextended.servlet.ServletJwt;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter with Spring Security on the classpath and Boot's default chain, without
 * {@code JwtSecurityConfigurer} (this class runs in the Surefire execution with Spring Security;
 * the rest of the module's tests outside the {@code security} package run without it): HTTP Basic
 * is asked for first, as the README warns. The chain with the configurer: the {@code security}
 * package's tests.
 */
class SpringSecurityTest {
    private static final String SECRET = "spring-test-only-secret-key-long-enough-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RestController
    static class Routes {
        private final JwtManager jwt;

        Routes(JwtManager jwt) {
            this.jwt = jwt;
        }

        @RequestMapping(path = "/protected", method = {RequestMethod.GET, RequestMethod.POST})
        @JwtRequired
        Map<String, Object> whoAmI(@JwtIdentity String user) {
            return Map.of("logged_in_as", user);
        }

        @PostMapping("/login")
        Map<String, Object> login(HttpServletRequest request, HttpServletResponse response) {
            String access = jwt.createAccessToken("alice");
            ServletJwt.setAccessCookies(request, response, access);
            return Map.of("access_token", access);
        }

        @GetMapping("/public")
        Map<String, Object> open() {
            return Map.of("status", "ok");
        }
    }

    /** Spring Security with Boot's default chain: nothing configured. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Routes.class)
    static class DefaultChainApp {
    }

    private static ConfigurableApplicationContext start(Class<?> app) {
        return new SpringApplicationBuilder(app)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false", "jwt.secret-key=" + SECRET, "jwt.token-location=cookies,headers",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .run();
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void bootsDefaultChainAsksForHttpBasicBeforeJwtRequired() throws Exception {
        try (ConfigurableApplicationContext ctx = start(DefaultChainApp.class)) {
            String base = "http://127.0.0.1:" + ConformanceApp.port(ctx);
            String token = ctx.getBean(JwtManager.class).createAccessToken("alice");
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/protected"))
                    .header("Authorization", "Bearer " + token));
            assertThat(r.statusCode()).as("a valid token is not enough: Spring Security refuses first").isEqualTo(401);
            assertThat(r.body()).doesNotContain("logged_in_as");
            assertThat(r.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Basic"));
            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/public"))).statusCode()).isEqualTo(401);
        }
    }
}
