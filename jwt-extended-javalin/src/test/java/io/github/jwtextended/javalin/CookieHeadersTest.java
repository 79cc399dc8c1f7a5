package io.github.jwtextended.javalin;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code Set-Cookie} headers written by {@code set_access_cookies}, {@code set_refresh_cookies}
 * and {@code unset_jwt_cookies}, byte for byte as Werkzeug writes them for flask-jwt-extended, as they reach a client.
 */
class CookieHeadersTest extends JwtHttpTest {
    /** {@link JwtHttpTest#START} + 31,540,000 s. */
    private static final String ONE_YEAR_LATER = "Wed, 01 Jan 2031 01:06:40 GMT";
    private static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    /** Login and logout routes writing the cookies; {@code config} gets cookies among its token locations. */
    private void serveLogin(JwtConfig.Builder config) {
        serve(manager(config.tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES)).build(), cfg -> {
            cfg.routes.post("/login", ctx -> {
                JavalinJwt.setAccessCookies(ctx, JavalinJwt.manager(ctx).createAccessToken("u"));
                JavalinJwt.setRefreshCookies(ctx, JavalinJwt.manager(ctx).createRefreshToken("u"));
                ctx.json(Map.of("login", true));
            });
            cfg.routes.post("/login-short", ctx -> {
                JavalinJwt.setAccessCookies(ctx, JavalinJwt.manager(ctx).createAccessToken("u"), 60L, "api.example.test");
                ctx.json(Map.of("login", true));
            });
            cfg.routes.post("/logout", ctx -> {
                JavalinJwt.unsetJwtCookies(ctx);
                ctx.json(Map.of("logout", true));
            });
            cfg.routes.post("/logout-access", ctx -> JavalinJwt.unsetAccessCookies(ctx));
            cfg.routes.post("/logout-refresh", ctx -> JavalinJwt.unsetRefreshCookies(ctx));
        });
    }

    /** The four headers with the token and CSRF values replaced by placeholders, checking that they are what the tokens say. */
    private List<String> loginCookies() {
        var r = server.post("/login").send();
        assertThat(r.status).isEqualTo(200);
        return normalise(r.setCookies());
    }

    private List<String> normalise(List<String> setCookies) {
        return setCookies.stream().map(this::normalise).toList();
    }

    private String normalise(String setCookie) {
        String value = setCookie.substring(setCookie.indexOf('=') + 1).split(";", 2)[0];
        if (value.startsWith("eyJ")) {
            assertThat(jwt().decodeToken(value).identity()).isEqualTo("u");
            return setCookie.replace(value, "<JWT>");
        }
        if (!value.isEmpty()) {
            assertThat(value).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            return setCookie.replace(value, "<CSRF>");
        }
        return setCookie;
    }

    @Test
    void defaultsAreSessionCookiesWithHttpOnlyOnlyOnTheTokens() {
        serveLogin(config());
        assertThat(loginCookies()).containsExactly(
                "access_token_cookie=<JWT>; HttpOnly; Path=/",
                "csrf_access_token=<CSRF>; Path=/",
                "refresh_token_cookie=<JWT>; HttpOnly; Path=/",
                "csrf_refresh_token=<CSRF>; Path=/");
    }

    @Test
    void csrfCookieCarriesTheTokensCsrfClaim() {
        serveLogin(config());
        List<String> raw = server.post("/login").send().setCookies();
        String access = value(raw.get(0));
        String refresh = value(raw.get(2));
        assertThat(value(raw.get(1))).isEqualTo(jwt().csrfToken(access));
        assertThat(value(raw.get(3))).isEqualTo(jwt().csrfToken(refresh));
        assertThat(jwt().decodeToken(refresh).isRefresh()).isTrue();
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1).split(";", 2)[0];
    }

    @Test
    void persistentSecureDomainStrict() {
        serveLogin(config().cookies(c -> c.withSession(false).withSameSite("Strict").withSecure(true).withDomain("example.test")));
        String attrs = "; Domain=example.test; Expires=" + ONE_YEAR_LATER + "; Max-Age=31540000; Secure";
        assertThat(loginCookies()).containsExactly(
                "access_token_cookie=<JWT>" + attrs + "; HttpOnly; Path=/; SameSite=Strict",
                "csrf_access_token=<CSRF>" + attrs + "; Path=/; SameSite=Strict",
                "refresh_token_cookie=<JWT>" + attrs + "; HttpOnly; Path=/; SameSite=Strict",
                "csrf_refresh_token=<CSRF>" + attrs + "; Path=/; SameSite=Strict");
    }

    @Test
    void sameSiteNoneIsTitleCased() {
        serveLogin(config().cookies(c -> c.withSameSite("none").withSecure(true)));
        assertThat(loginCookies().get(0)).isEqualTo("access_token_cookie=<JWT>; Secure; HttpOnly; Path=/; SameSite=None");
        serveLogin(config().cookies(c -> c.withSameSite("lax")));
        assertThat(loginCookies().get(1)).isEqualTo("csrf_access_token=<CSRF>; Path=/; SameSite=Lax");
    }

    @Test
    void namesAndPathsAreConfigurable() {
        serveLogin(config().access(a -> a.withCookieName("a")).refresh(r -> r.withCookieName("r")).access(a -> a.withCookiePath("/api"))
                .refresh(r -> r.withCookiePath("/auth/refresh")).access(a -> a.withCsrf(c -> c.withCookieName("ca"))).refresh(r -> r.withCsrf(c -> c.withCookieName("cr")))
                .access(a -> a.withCsrf(c -> c.withCookiePath("/"))).refresh(r -> r.withCsrf(c -> c.withCookiePath("/auth"))));
        assertThat(loginCookies()).containsExactly(
                "a=<JWT>; HttpOnly; Path=/api",
                "ca=<CSRF>; Path=/",
                "r=<JWT>; HttpOnly; Path=/auth/refresh",
                "cr=<CSRF>; Path=/auth");
    }

    @Test
    void maxAgeAndDomainArgumentsOverrideTheConfiguration() {
        serveLogin(config().cookies(c -> c.withDomain("example.test")));
        String attrs = "; Domain=api.example.test; Expires=Tue, 01 Jan 2030 00:01:00 GMT; Max-Age=60";
        assertThat(normalise(server.post("/login-short").send().setCookies())).containsExactly(
                "access_token_cookie=<JWT>" + attrs + "; HttpOnly; Path=/",
                "csrf_access_token=<CSRF>" + attrs + "; Path=/");
    }

    @Test
    void noCsrfCookieWithoutCsrfInCookiesOrWithoutCsrfProtection() {
        serveLogin(config().csrf(c -> c.withInCookies(false)));
        assertThat(loginCookies()).containsExactly(
                "access_token_cookie=<JWT>; HttpOnly; Path=/",
                "refresh_token_cookie=<JWT>; HttpOnly; Path=/");
        assertThat(server.post("/logout").send().setCookies()).containsExactly(
                "access_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/",
                "refresh_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/");
        serveLogin(config().csrf(c -> c.withProtect(false)));
        assertThat(loginCookies()).containsExactly(
                "access_token_cookie=<JWT>; HttpOnly; Path=/",
                "refresh_token_cookie=<JWT>; HttpOnly; Path=/");
    }

    @Test
    void unsetClearsAllFourWithAnEpochExpiryAndNoMaxAge() {
        serveLogin(config());
        var r = server.post("/logout").send();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.setCookies()).containsExactly(
                "access_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/",
                "csrf_access_token=; Expires=" + EPOCH + "; Path=/",
                "refresh_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/",
                "csrf_refresh_token=; Expires=" + EPOCH + "; Path=/");
        assertThat(server.post("/logout-access").send().setCookies()).containsExactly(
                "access_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/",
                "csrf_access_token=; Expires=" + EPOCH + "; Path=/");
        assertThat(server.post("/logout-refresh").send().setCookies()).containsExactly(
                "refresh_token_cookie=; Expires=" + EPOCH + "; HttpOnly; Path=/",
                "csrf_refresh_token=; Expires=" + EPOCH + "; Path=/");
    }

    /**
     * Writing token cookies while cookies are not among the token locations is refused at the call
     * (the server log says why); the client gets Javalin's plain 500, no cookie and not a word of
     * the message. Clearing cookies stays allowed.
     */
    @Test
    void tokenCookiesWithoutTheCookieLocationAreRefusedWithoutSayingWhyToTheClient() {
        serve(manager(config()).build(), cfg -> {
            cfg.routes.post("/login", ctx -> {
                JavalinJwt.setAccessCookies(ctx, JavalinJwt.manager(ctx).createAccessToken("u"));
                ctx.json(Map.of("login", true));
            });
            cfg.routes.post("/logout", ctx -> JavalinJwt.unsetJwtCookies(ctx));
        });
        var r = server.post("/login").send();
        assertThat(r.status).isEqualTo(500);
        assertThat(r.setCookies()).isEmpty();
        assertThat(r.body).doesNotContain("cookie").doesNotContain("location").doesNotContain("tokenLocations")
                .doesNotContain("IllegalStateException").doesNotContain("eyJ");
        assertThat(server.post("/logout").send().setCookies()).hasSize(4);
    }

    @Test
    void unsetKeepsDomainSecureAndSameSite() {
        serveLogin(config().cookies(c -> c.withDomain("example.test").withSecure(true).withSameSite("Lax").withSession(false)));
        assertThat(server.post("/logout").send().setCookies()).containsExactly(
                "access_token_cookie=; Domain=example.test; Expires=" + EPOCH + "; Secure; HttpOnly; Path=/; SameSite=Lax",
                "csrf_access_token=; Domain=example.test; Expires=" + EPOCH + "; Secure; Path=/; SameSite=Lax",
                "refresh_token_cookie=; Domain=example.test; Expires=" + EPOCH + "; Secure; HttpOnly; Path=/; SameSite=Lax",
                "csrf_refresh_token=; Domain=example.test; Expires=" + EPOCH + "; Secure; Path=/; SameSite=Lax");
    }
}
