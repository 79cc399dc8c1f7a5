package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code cookies} location: access and refresh cookies, and the CSRF double submit, as flask-jwt-extended has them. */
class CookieLocationTest extends JwtHttpTest {
    private static final String COOKIES = "{\"id\":\"u\",\"loc\":\"cookies\"}";

    private void serveCookies() {
        serve(config().tokenLocations(TokenLocation.COOKIES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void safeMethodsNeedNoCsrfValue(String method) {
        serveCookies();
        var r = server.request(method, "/protected").cookie("access_token_cookie", access("u")).send();
        assertThat(r.status).isEqualTo(200);
        if (method.equals("GET")) {
            assertThat(r.body).isEqualTo(COOKIES);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void unsafeMethodsNeedTheCsrfValueInTheHeader(String method) {
        serveCookies();
        String token = access("u");
        assertError(server.request(method, "/protected").cookie("access_token_cookie", token).send(),
                401, "Missing CSRF token", token);
        assertError(server.request(method, "/protected").cookie("access_token_cookie", token).csrf("nope").send(),
                401, "CSRF double submit tokens do not match", token);
        var ok = server.request(method, "/protected").cookie("access_token_cookie", token).csrf(csrfOf(token)).send();
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.body).isEqualTo(COOKIES);
    }

    @Test
    void aMethodOverrideGetsTheCsrfCheckOfTheMethodItRoutesTo() {
        // Javalin runs the POST route for "GET + X-HTTP-Method-Override: POST": the CSRF check must
        // follow the method the route was chosen by, not the request line's.
        serveCookies();
        String token = access("u");
        assertError(server.get("/protected").cookie("access_token_cookie", token).header("X-HTTP-Method-Override", "POST").send(),
                401, "Missing CSRF token", token);
        var ok = server.get("/protected").cookie("access_token_cookie", token).header("X-HTTP-Method-Override", "POST")
                .csrf(csrfOf(token)).send();
        assertThat(ok.status).isEqualTo(200);
    }

    @Test
    void theCsrfCookieAloneIsNotEnough() {
        serveCookies();
        String token = access("u");
        var r = server.post("/protected").cookie("access_token_cookie", token).cookie("csrf_access_token", csrfOf(token)).send();
        assertError(r, 401, "Missing CSRF token", token);
    }

    @Test
    void emptyCsrfHeaderIsMissing() {
        serveCookies();
        String token = access("u");
        assertError(server.post("/protected").cookie("access_token_cookie", token).csrf("").send(), 401, "Missing CSRF token", token);
    }

    @Test
    void csrfIsCheckedBeforeTheTokenIsDecoded() {
        serveCookies();
        assertError(server.post("/protected").cookie("access_token_cookie", "not-a-jwt").send(), 401, "Missing CSRF token");
        assertError(server.get("/protected").cookie("access_token_cookie", "not-a-jwt").send(), 422, "Not enough segments");
    }

    @Test
    void tokenWithoutCsrfClaimIsInvalidWhenAValueIsSent() {
        serveCookies();
        String noCsrf = Forge.hs256("{\"sub\":\"u\"}");
        assertError(server.post("/protected").cookie("access_token_cookie", noCsrf).csrf("x").send(), 422, "Missing claim: csrf", noCsrf);
        assertThat(server.get("/protected").cookie("access_token_cookie", noCsrf).send().status).isEqualTo(200);
    }

    @Test
    void missingOrEmptyCookie() {
        serveCookies();
        assertError(server.get("/protected").send(), 401, "Missing cookie \"access_token_cookie\"");
        assertError(server.get("/protected").cookie("access_token_cookie", "").send(), 401, "Missing cookie \"access_token_cookie\"");
    }

    @Test
    void theFirstOfTwoSameNamedCookiesIsUsedAsWerkzeugDoes() {
        serveCookies();
        String first = access("first");
        String second = access("second");
        var r = server.get("/protected").cookie("access_token_cookie", first).cookie("access_token_cookie", second).send();
        assertThat(r.body).isEqualTo("{\"id\":\"first\",\"loc\":\"cookies\"}");
    }

    @Test
    void formFieldIsUsedWhenEnabledAndTheHeaderIsAbsent() {
        serve(config().tokenLocations(TokenLocation.COOKIES).csrf(c -> c.withCheckForm(true)));
        String token = access("u");
        String csrf = csrfOf(token);
        var ok = server.post("/protected").cookie("access_token_cookie", token).form("csrf_token=" + enc(csrf) + "&x=1").send();
        assertThat(ok.body).isEqualTo(COOKIES);
        assertError(server.post("/protected").cookie("access_token_cookie", token).form("csrf_token=wrong").send(),
                401, "CSRF double submit tokens do not match", token);
        assertError(server.post("/protected").cookie("access_token_cookie", token).form("other=1").send(),
                401, "Missing CSRF token", token);
        assertError(server.post("/protected").cookie("access_token_cookie", token).csrf("wrong").form("csrf_token=" + enc(csrf)).send(),
                401, "CSRF double submit tokens do not match", token);
        assertThat(server.post("/protected").cookie("access_token_cookie", token).csrf("").form("csrf_token=" + enc(csrf)).send().status)
                .as("an empty header falls back to the form").isEqualTo(200);
        assertError(server.post("/protected").cookie("access_token_cookie", token).body("application/json", "{\"csrf_token\":\"" + csrf + "\"}").send(),
                401, "Missing CSRF token", token);
    }

    @Test
    void formFieldIsIgnoredWhenNotEnabled() {
        serveCookies();
        String token = access("u");
        assertError(server.post("/protected").cookie("access_token_cookie", token).form("csrf_token=" + enc(csrfOf(token))).send(),
                401, "Missing CSRF token", token);
    }

    @Test
    void csrfProtectionOffSkipsTheCheck() {
        serve(config().tokenLocations(TokenLocation.COOKIES).csrf(c -> c.withProtect(false)));
        String token = access("u");
        assertThat(jwt().decodeToken(token).claims()).doesNotContainKey("csrf");
        assertThat(server.post("/protected").cookie("access_token_cookie", token).send().body).isEqualTo(COOKIES);
    }

    @Test
    void csrfMethodsAndHeaderNameAreConfigurable() {
        serve(config().tokenLocations(TokenLocation.COOKIES).csrf(c -> c.withMethods("GET")).access(a -> a.withCsrf(c -> c.withHeaderName("X-XSRF"))));
        String token = access("u");
        assertThat(server.post("/protected").cookie("access_token_cookie", token).send().status).isEqualTo(200);
        assertError(server.get("/protected").cookie("access_token_cookie", token).csrf(csrfOf(token)).send(), 401, "Missing CSRF token", token);
        assertThat(server.get("/protected").cookie("access_token_cookie", token).header("X-XSRF", csrfOf(token)).send().status).isEqualTo(200);
    }

    @Test
    void refreshRoutesUseTheRefreshCookieAndItsCsrfValue() {
        serveCookies();
        String refresh = refresh("u");
        String access = access("u");
        var ok = server.post("/refresh").cookie("refresh_token_cookie", refresh).csrf(csrfOf(refresh)).send();
        assertThat(ok.body).isEqualTo("{\"id\":\"u\"}");
        assertError(server.post("/refresh").cookie("refresh_token_cookie", refresh).csrf(csrfOf(access)).send(),
                401, "CSRF double submit tokens do not match", refresh);
        assertError(server.post("/refresh").cookie("access_token_cookie", access).csrf(csrfOf(access)).send(),
                401, "Missing cookie \"refresh_token_cookie\"", access);
        assertError(server.post("/refresh").cookie("refresh_token_cookie", access).csrf(csrfOf(access)).send(),
                422, "Only refresh tokens are allowed", access);
    }

    @Test
    void refreshCsrfHeaderNameIsSeparate() {
        serve(config().tokenLocations(TokenLocation.COOKIES).refresh(r -> r.withCsrf(c -> c.withHeaderName("X-CSRF-REFRESH")))
                .refresh(r -> r.withCookieName("rt")));
        String refresh = refresh("u");
        assertError(server.post("/refresh").cookie("rt", refresh).csrf(csrfOf(refresh)).send(), 401, "Missing CSRF token", refresh);
        assertThat(server.post("/refresh").cookie("rt", refresh).header("X-CSRF-REFRESH", csrfOf(refresh)).send().status).isEqualTo(200);
    }

    @Test
    void cookiesSetByTheServerWorkForTheNextRequests() {
        serve(manager(config().tokenLocations(TokenLocation.COOKIES)).build(), cfg -> {
            standardRoutes(cfg);
            cfg.routes.post("/login", ctx -> {
                JavalinJwt.setAccessCookies(ctx, JavalinJwt.manager(ctx).createAccessToken("u"));
                JavalinJwt.setRefreshCookies(ctx, JavalinJwt.manager(ctx).createRefreshToken("u"));
            });
        });
        var login = server.post("/login").send().setCookies();
        String access = value(login.get(0));
        String accessCsrf = value(login.get(1));
        String refresh = value(login.get(2));
        String refreshCsrf = value(login.get(3));
        var r = server.delete("/protected").cookie("access_token_cookie", access).cookie("csrf_access_token", accessCsrf)
                .cookie("refresh_token_cookie", refresh).cookie("csrf_refresh_token", refreshCsrf).csrf(accessCsrf).send();
        assertThat(r.body).isEqualTo(COOKIES);
        assertThat(server.post("/refresh").cookie("access_token_cookie", access).cookie("refresh_token_cookie", refresh)
                .csrf(refreshCsrf).send().status).isEqualTo(200);
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1).split(";", 2)[0];
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
