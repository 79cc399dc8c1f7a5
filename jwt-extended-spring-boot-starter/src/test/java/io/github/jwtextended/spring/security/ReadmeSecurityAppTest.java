package io.github.jwtextended.spring.security;

import io.github.jwtextended.spring.readme.SecureApi;
import io.github.jwtextended.spring.readme.SecurityConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter README's Spring Security application ({@link SecurityConfig} and {@link SecureApi},
 * which are the README's code: {@code ReadmeSnippetsTest}) with the README's properties, run over
 * HTTP: login through Spring's {@code AuthenticationManager}, {@code @PreAuthorize("hasRole('admin')")}
 * from the token's roles, refresh, and {@code POST /logout} revoking the token (not Spring's logout
 * redirect); no generated password printed, no session for any request.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadmeSecurityAppTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({SecurityConfig.class, SecureApi.class})
    static class App {
    }

    private ConfigurableApplicationContext ctx;
    private String base;
    private String startOutput;

    @BeforeAll
    void start() {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ctx = new SpringApplicationBuilder(App.class)
                    .properties("server.port=0", "server.address=127.0.0.1", "spring.jmx.enabled=false",
                            "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                            // the README's properties
                            "jwt.secret-key=change-me-to-at-least-32-random-bytes-please", "jwt.token-location=headers,cookies")
                    .run();
        } finally {
            System.setOut(out);
        }
        startOutput = captured.toString(StandardCharsets.UTF_8);
        base = "http://127.0.0.1:" + SecurityConformanceApp.port(ctx);
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    private HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().allValues("Set-Cookie")).as("no session for %s %s", method, path).noneMatch(c -> c.startsWith("JSESSIONID"));
        return r;
    }

    private static String field(String json, String name) {
        return json.replaceAll(".*\"" + name + "\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void noGeneratedPasswordIsPrinted() {
        assertThat(startOutput).as("the start's output").contains("Started").doesNotContain("Using generated security password");
    }

    @Test
    void loginAdminRefreshLogout() throws Exception {
        HttpResponse<String> wrong = send("POST", "/login", "{\"username\":\"alice\",\"password\":\"nope\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"msg\":\"Bad username or password\"}");

        HttpResponse<String> login = send("POST", "/login", "{\"username\":\"alice\",\"password\":\"alice-password\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).hasSize(4);
        String access = field(login.body(), "access_token");
        String refresh = field(login.body(), "refresh_token");

        assertThat(send("GET", "/protected", null, "Authorization", "Bearer " + access).body()).isEqualTo("{\"logged_in_as\":\"alice\"}");
        assertThat(send("GET", "/admin", null, "Authorization", "Bearer " + access).body()).isEqualTo("{\"admin\":\"alice\"}");

        String bob = field(send("POST", "/login", "{\"username\":\"bob\",\"password\":\"bob-password\"}").body(), "access_token");
        HttpResponse<String> notAdmin = send("GET", "/admin", null, "Authorization", "Bearer " + bob);
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        assertThat(notAdmin.body()).isEqualTo("{\"msg\":\"Forbidden\"}");

        HttpResponse<String> refreshed = send("POST", "/refresh", null, "Authorization", "Bearer " + refresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = field(refreshed.body(), "access_token");
        assertThat(send("GET", "/admin", null, "Authorization", "Bearer " + second).statusCode()).as("roles carried over").isEqualTo(200);
        HttpResponse<String> accessAsRefresh = send("POST", "/refresh", null, "Authorization", "Bearer " + access);
        assertThat(accessAsRefresh.statusCode()).isEqualTo(422);
        assertThat(accessAsRefresh.body()).isEqualTo("{\"msg\":\"Only refresh tokens are allowed\"}");

        HttpResponse<String> logout = send("POST", "/logout", null, "Authorization", "Bearer " + access);
        assertThat(logout.statusCode()).as("the application's handler, not Spring's logout redirect").isEqualTo(200);
        assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
        HttpResponse<String> revoked = send("GET", "/protected", null, "Authorization", "Bearer " + access);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        assertThat(send("GET", "/protected", null).body())
                .isEqualTo("{\"msg\":\"Missing JWT in headers or cookies (Missing Authorization Header; Missing cookie \\\"access_token_cookie\\\")\"}");
    }

    /**
     * OPTIONS is decided by the chain's rules as any other method (flask-jwt-extended lets it through
     * every guard; docs/compatibility.md): this chain has no rule for it, so a guarded route answers
     * it 401 without a token, and an application that wants it through permits it, as the sample does.
     */
    @Test
    void optionsFollowsTheChainsRules() throws Exception {
        HttpResponse<String> guarded = send("OPTIONS", "/protected", null);
        assertThat(guarded.statusCode()).isEqualTo(401);
        assertThat(guarded.body()).isEqualTo("{\"msg\":\"Authentication required\"}");
        assertThat(send("OPTIONS", "/login", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aBrowserUsesTheCookiesAndTheCsrfHeader() throws Exception {
        HttpResponse<String> login = send("POST", "/login", "{\"username\":\"bob\",\"password\":\"bob-password\"}");
        StringBuilder cookies = new StringBuilder();
        String csrf = null;
        for (String c : login.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            cookies.append(cookies.isEmpty() ? "" : "; ").append(pair);
            if (pair.startsWith("csrf_access_token=")) {
                csrf = pair.substring("csrf_access_token=".length());
            }
        }
        assertThat(send("GET", "/protected", null, "Cookie", cookies.toString()).body()).isEqualTo("{\"logged_in_as\":\"bob\"}");
        HttpResponse<String> noCsrf = send("POST", "/logout", null, "Cookie", cookies.toString());
        assertThat(noCsrf.statusCode()).isEqualTo(401);
        assertThat(noCsrf.body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
        HttpResponse<String> logout = send("POST", "/logout", null, "Cookie", cookies.toString(), "X-CSRF-TOKEN", csrf);
        assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(logout.headers().allValues("Set-Cookie")).hasSize(4).allSatisfy(c -> assertThat(c).matches("[a-z_]+=; .*"));
        assertThat(send("GET", "/protected", null, "Cookie", cookies.toString()).body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
    }
}
