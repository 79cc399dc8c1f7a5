package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.spring.readme.SecurityConfig;
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
 * The starter with Spring Security on the classpath (this class runs in its own Surefire execution;
 * every other test of the module runs without Spring Security). With the chain the README
 * documents, the chain lets requests through and {@code @JwtRequired} decides, answering exactly as
 * without Spring Security; with Boot's default chain, HTTP Basic is asked for first, as the README
 * warns.
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

    /** The chain of the starter's README ({@link SecurityConfig}, which is the README's code). */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Routes.class, SecurityConfig.class})
    static class DocumentedChainApp {
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
    void theDocumentedChainLeavesAuthenticationToJwtRequired() throws Exception {
        try (ConfigurableApplicationContext ctx = start(DocumentedChainApp.class)) {
            String base = "http://127.0.0.1:" + ConformanceApp.port(ctx);
            String token = ctx.getBean(JwtManager.class).createAccessToken("alice");

            HttpResponse<String> none = send(HttpRequest.newBuilder(URI.create(base + "/protected")));
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.body()).isEqualTo("{\"msg\":\"Missing JWT in cookies or headers (Missing cookie \\\"access_token_cookie\\\";"
                    + " Missing Authorization Header)\"}");
            assertThat(none.headers().allValues("WWW-Authenticate")).as("no HTTP Basic challenge").noneMatch(v -> v.startsWith("Basic"));

            HttpResponse<String> bearer = send(HttpRequest.newBuilder(URI.create(base + "/protected"))
                    .header("Authorization", "Bearer " + token));
            assertThat(bearer.statusCode()).isEqualTo(200);
            assertThat(bearer.body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
            assertThat(bearer.headers().allValues("Set-Cookie")).as("stateless: no session").isEmpty();

            // Cookies: the double-submit check is jwt-extended's (Spring's CSRF is off in the chain).
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/login")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(login.statusCode()).as("POST without Spring's CSRF token passes the chain").isEqualTo(200);
            String cookie = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("access_token_cookie="))
                    .findFirst().orElseThrow().split(";")[0];
            String csrf = login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("csrf_access_token="))
                    .findFirst().orElseThrow().split(";")[0].substring("csrf_access_token=".length());
            HttpResponse<String> noCsrf = send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(noCsrf.statusCode()).isEqualTo(401);
            assertThat(noCsrf.body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
            HttpResponse<String> withCsrf = send(HttpRequest.newBuilder(URI.create(base + "/protected")).header("Cookie", cookie)
                    .header("X-CSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(withCsrf.statusCode()).isEqualTo(200);
            assertThat(withCsrf.body()).isEqualTo("{\"logged_in_as\":\"alice\"}");

            assertThat(send(HttpRequest.newBuilder(URI.create(base + "/public"))).statusCode()).isEqualTo(200);
        }
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
