package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.spring.laterroute.LaterRoutes;
import io.github.jwtextended.spring.security.JwtAuthenticationFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.github.jwtextended.example.flow.FlowContract.bearer;
import static io.github.jwtextended.example.flow.FlowContract.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on Spring Security: the JWT is the chain's authentication (the identity and the
 * {@code roles} claim as authorities in {@link SecurityContextHolder}); a route no rule names needs
 * a token ({@link LaterRoutes}, added by this test as a later change would add a route); unknown
 * paths, methods a route does not take and OPTIONS answer as before, whatever the token;
 * {@code /admin} is method security; no answer opens a session; Spring Security's response headers
 * are on, and the token answers keep their own {@code Cache-Control: no-store}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleSecurityTest {
    private static final String MISSING = "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)";

    @TempDir
    static Path dir;
    private ConfigurableApplicationContext ctx;
    private int port;

    @BeforeAll
    void start() {
        ctx = SampleServers.context(FlowContract.baseEnv(dir),
                List.of(c -> ((GenericApplicationContext) c).registerBean(LaterRoutes.class)));
        port = SampleServers.port(ctx);
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    private String access(String user, String password) {
        return Client.json(new Client(port, false).login(user, password)).get("access_token").asText();
    }

    @Test
    void theChainHoldsTheJwtFilterAndMethodSecurityGuardsTheController() {
        assertThat(ctx.getBeansOfType(SecurityFilterChain.class).values())
                .anySatisfy(chain -> assertThat(chain.getFilters()).anyMatch(f -> f instanceof JwtAuthenticationFilter));
        assertThat(AopUtils.isAopProxy(ctx.getBean(AuthController.class))).as("@PreAuthorize/@JwtFresh proxy").isTrue();
    }

    @Test
    void aRouteWithoutARuleNeedsAnAccessTokenAndSeesItAsTheAuthentication() {
        Client api = new Client(port, false);
        expect(api.get("/later"), 401, MISSING);
        String refresh = Client.json(api.login("admin", "adminpass")).get("refresh_token").asText();
        expect(api.get("/later", "Authorization", bearer(refresh)), 422, "Only non-refresh tokens are allowed");

        HttpResponse<String> user = api.get("/later", "Authorization", bearer(access("testuser", "testpass")));
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(user.body()).isEqualTo("{\"name\":\"testuser\",\"authorities\":[\"ROLE_user\"]}");
        HttpResponse<String> admin = api.get("/later", "Authorization", bearer(access("admin", "adminpass")));
        assertThat(admin.body()).isEqualTo("{\"name\":\"admin\",\"authorities\":[\"ROLE_admin\",\"ROLE_user\"]}");
    }

    @Test
    void adminIsPreAuthorizeFromTheRolesClaim() {
        Client api = new Client(port, false);
        HttpResponse<String> user = api.get("/admin", "Authorization", bearer(access("testuser", "testpass")));
        assertThat(user.statusCode()).isEqualTo(403);
        assertThat(user.body()).isEqualTo("{\"msg\":\"Admins only!\"}");
        assertThat(user.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(user.headers().firstValue("WWW-Authenticate")).isEmpty();
        HttpResponse<String> admin = api.get("/admin", "Authorization", bearer(access("admin", "adminpass")));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).isEqualTo("{\"logged_in_as\":\"admin\"}");
        expect(api.get("/admin"), 401, MISSING);
    }

    @Test
    void unknownPathsAndMethodsARouteDoesNotTakeAreAnsweredAsBeforeWhateverTheToken() {
        Client api = new Client(port, false);
        String access = access("testuser", "testpass");
        for (String[] auth : List.of(new String[0], new String[] {"Authorization", bearer(access)},
                new String[] {"Authorization", "Bearer x.y"})) {
            expect(api.get("/no-such-route", auth), 404, "Not Found");
            expect(api.get("/refresh", auth), 405, "Method Not Allowed");
            expect(api.get("/logout", auth), 405, "Method Not Allowed");
            HttpResponse<String> delete = api.send(api.request("/protected", auth).DELETE());
            expect(delete, 405, "Method Not Allowed");
            assertThat(delete.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET").contains("POST"));
        }
    }

    /** flask-jwt-extended lets OPTIONS through every guard; the chain permits OPTIONS for it (docs/compatibility.md). */
    @Test
    void optionsIsLetThroughWithoutAToken() {
        Client api = new Client(port, false);
        for (String path : List.of("/protected", "/admin", "/fresh", "/later", "/refresh", "/logout")) {
            HttpResponse<String> r = api.send(api.request(path).method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEmpty();
            assertThat(r.headers().firstValue("Allow")).as(path).isPresent();
        }
    }

    @Test
    void noAnswerOpensASessionAndSpringSecuritysHeadersAreOn() {
        Client browser = new Client(port);
        List<HttpResponse<String>> answers = new ArrayList<>();
        HttpResponse<String> login = browser.login("testuser", "testpass");
        answers.add(login);
        assertThat(login.headers().allValues("Cache-Control")).as("the token answer's own").containsExactly("no-store");
        String csrf = browser.cookie("csrf_access_token");
        HttpResponse<String> protectedAnswer = browser.get("/protected");
        answers.add(protectedAnswer);
        assertThat(protectedAnswer.body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");
        assertThat(protectedAnswer.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(protectedAnswer.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(protectedAnswer.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(protectedAnswer.headers().firstValue("Pragma")).hasValue("no-cache");
        assertThat(protectedAnswer.headers().firstValue("Expires")).hasValue("0");
        assertThat(protectedAnswer.headers().firstValue("X-XSS-Protection")).hasValue("0");
        assertThat(protectedAnswer.headers().firstValue("Strict-Transport-Security")).as("HTTPS only").isEmpty();
        HttpResponse<String> tooLarge = browser.post("/protected", "\"" + "x".repeat(70_000) + "\"");
        expect(tooLarge, 413, "Request body too large (at most 65536 bytes)");
        assertThat(tooLarge.headers().firstValue("X-Frame-Options")).as("the body limit answers before the chain").isEmpty();
        answers.add(browser.post("/protected", null));
        expect(answers.get(answers.size() - 1), 401, "Missing CSRF token");
        answers.add(browser.post("/refresh", null)); // the refresh cookie without its CSRF header
        expect(answers.get(answers.size() - 1), 401, "Missing CSRF token");
        HttpResponse<String> refreshed = browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token"));
        answers.add(refreshed);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().allValues("Cache-Control")).containsExactly("no-store");
        answers.add(browser.get("/admin"));
        answers.add(browser.get("/no-such-route"));
        HttpResponse<String> logout = browser.post("/logout", null, "X-CSRF-TOKEN", browser.cookie("csrf_access_token"));
        answers.add(logout);
        assertThat(logout.body()).as("the sample's handler, not Spring's logout").isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(csrf).isNotNull();
        for (HttpResponse<String> r : answers) {
            assertThat(r.headers().allValues("Set-Cookie")).as("%s", r.request().uri()).noneMatch(c -> c.startsWith("JSESSIONID"));
        }
    }

    @Test
    void logoutTakesEitherTokenTypeAndRevokesIt() {
        Client api = new Client(port, false);
        var tokens = Client.json(api.login("testuser", "testpass"));
        String refresh = tokens.get("refresh_token").asText();
        expect(api.post("/logout", null, "Authorization", bearer(refresh)), 200, "logout successful");
        expect(api.post("/refresh", null, "Authorization", bearer(refresh)), 401, "Token has been revoked");
        String access = tokens.get("access_token").asText();
        expect(api.get("/protected", "Authorization", bearer(access)), 401, "Token has been revoked"); // the whole session ended
        String access2 = Client.json(api.login("testuser", "testpass")).get("access_token").asText();
        expect(api.post("/logout-all", null, "Authorization", bearer(access2)), 200, "logged out everywhere");
        expect(api.get("/protected", "Authorization", bearer(access2)), 401, "Token has been revoked");
    }
}
