package io.github.jwtextended.cookie;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.fixtures.TestKeys.clockAt;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Set-Cookie header values byte for byte as flask-jwt-extended writes them (Werkzeug's attribute order). */
class JwtCookiesTest {
    private static final String EPOCH = "Expires=Thu, 01 Jan 1970 00:00:00 GMT";

    private static JwtManager manager(UnaryOperator<JwtConfig.Builder> cfg) {
        return JwtManager.builder(cfg.apply(config().tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES)).build())
                .clock(fixedClock()).build();
    }

    /**
     * Writing a token cookie that no request would be read from is a programmer's mistake, said at
     * the call that makes it (naming the setting as the application gave it), not as a 401 on every
     * later request. Deleting the cookies stays allowed.
     */
    @Test
    void tokenCookiesAreRefusedWhileCookiesAreNoTokenLocation() {
        JwtManager headersOnly = JwtManager.builder(config().build()).clock(fixedClock()).build();
        String access = headersOnly.createAccessToken("u");
        String refresh = headersOnly.createRefreshToken("u");
        String message = "Token cookies are written but cookies are not among the token locations, so no request would be"
                + " read from them: add cookies to tokenLocations (e.g. headers and cookies)";
        assertThatThrownBy(() -> headersOnly.accessCookies(access)).isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> headersOnly.refreshCookies(refresh, 60L, "example.test")).isInstanceOf(IllegalStateException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> headersOnly.cookies().access(access, null, null, null)).hasMessage(message);
        assertThat(headers(headersOnly.unsetJwtCookies())).hasSize(4);

        JwtManager fromKeys = JwtManager.builder(FlaskConfig.load(Map.of("JWT_SECRET_KEY", TestKeys.SECRET_64,
                "JWT_TOKEN_LOCATION", "headers,query_string")).build()).clock(fixedClock()).build();
        assertThatThrownBy(() -> fromKeys.accessCookies(fromKeys.createAccessToken("u"))).hasMessageContaining("add cookies to JWT_TOKEN_LOCATION");

        JwtManager cookiesOnly = manager(b -> b.tokenLocations(TokenLocation.COOKIES));
        assertThat(cookiesOnly.accessCookies(cookiesOnly.createAccessToken("u"))).hasSize(2);
    }

    private static List<String> headers(List<SetCookie> cookies) {
        return cookies.stream().map(SetCookie::toHeaderValue).toList();
    }

    @Test
    void defaultsAreSessionCookiesAndTheCsrfCookieIsReadable() {
        JwtManager m = manager(b -> b);
        String token = m.createAccessToken("u");
        String csrf = m.csrfToken(token);
        assertThat(headers(m.accessCookies(token))).containsExactly(
                "access_token_cookie=" + token + "; HttpOnly; Path=/",
                "csrf_access_token=" + csrf + "; Path=/");
        String refresh = m.createRefreshToken("u");
        assertThat(headers(m.refreshCookies(refresh))).containsExactly(
                "refresh_token_cookie=" + refresh + "; HttpOnly; Path=/",
                "csrf_refresh_token=" + m.csrfToken(refresh) + "; Path=/");
    }

    @Test
    void persistentSecureStrictWithDomain() {
        JwtManager m = manager(b -> b.cookies(c -> c.withSession(false).withSameSite("Strict").withSecure(true).withDomain("example.test")));
        String token = m.createAccessToken("u");
        String attrs = "; Domain=example.test; Expires=Sat, 15 Jan 2028 09:06:40 GMT; Max-Age=31540000; Secure";
        assertThat(headers(m.accessCookies(token))).containsExactly(
                "access_token_cookie=" + token + attrs + "; HttpOnly; Path=/; SameSite=Strict",
                "csrf_access_token=" + m.csrfToken(token) + attrs + "; Path=/; SameSite=Strict");
    }

    @Test
    void sameSiteNone() {
        JwtManager m = manager(b -> b.cookies(c -> c.withSameSite("None").withSecure(true)));
        String token = m.createAccessToken("u");
        assertThat(m.accessCookies(token).get(0).toHeaderValue())
                .isEqualTo("access_token_cookie=" + token + "; Secure; HttpOnly; Path=/; SameSite=None");
    }

    @Test
    void maxAgeAndDomainArgumentsOverrideTheConfiguration() {
        JwtManager m = manager(b -> b.cookies(c -> c.withDomain("example.test")).access(a -> a.withCookiePath("/api").withCsrf(c -> c.withCookiePath("/"))));
        String token = m.createAccessToken("u");
        assertThat(headers(m.accessCookies(token, 3600L, "other.test"))).containsExactly(
                "access_token_cookie=" + token + "; Domain=other.test; Expires=Fri, 15 Jan 2027 09:00:00 GMT; Max-Age=3600; HttpOnly; Path=/api",
                "csrf_access_token=" + m.csrfToken(token) + "; Domain=other.test; Expires=Fri, 15 Jan 2027 09:00:00 GMT; Max-Age=3600; Path=/");
    }

    @Test
    void unsetClearsAllFourWithTheEpochExpiresAndNoMaxAge() {
        JwtManager m = manager(b -> b);
        assertThat(headers(m.unsetJwtCookies())).containsExactly(
                "access_token_cookie=; " + EPOCH + "; HttpOnly; Path=/",
                "csrf_access_token=; " + EPOCH + "; Path=/",
                "refresh_token_cookie=; " + EPOCH + "; HttpOnly; Path=/",
                "csrf_refresh_token=; " + EPOCH + "; Path=/");
        assertThat(m.unsetJwtCookies()).allMatch(SetCookie::isDeletion);
        assertThat(headers(m.unsetAccessCookies())).hasSize(2).allMatch(h -> h.startsWith("access_token_cookie=;") || h.startsWith("csrf_access_token=;"));
        assertThat(headers(m.unsetRefreshCookies())).hasSize(2);
    }

    @Test
    void unsetKeepsDomainSecureAndSameSite() {
        JwtManager m = manager(b -> b.cookies(c -> c.withSecure(true).withDomain("example.test").withSameSite("Lax"))
                .refresh(r -> r.withCookiePath("/refresh")).cookies(c -> c.withSession(false)));
        assertThat(headers(m.unsetRefreshCookies())).containsExactly(
                "refresh_token_cookie=; Domain=example.test; " + EPOCH + "; Secure; HttpOnly; Path=/refresh; SameSite=Lax",
                "csrf_refresh_token=; Domain=example.test; " + EPOCH + "; Secure; Path=/; SameSite=Lax");
    }

    @Test
    void csrfCookiesOnlyWhenCsrfProtectAndCsrfInCookies() {
        JwtManager noCsrfCookie = manager(b -> b.csrf(c -> c.withInCookies(false)));
        String t = noCsrfCookie.createAccessToken("u");
        assertThat(headers(noCsrfCookie.accessCookies(t))).containsExactly("access_token_cookie=" + t + "; HttpOnly; Path=/");
        assertThat(headers(noCsrfCookie.unsetJwtCookies())).hasSize(2);

        JwtManager noProtect = manager(b -> b.csrf(c -> c.withProtect(false)));
        String u = noProtect.createAccessToken("u");
        assertThat(noProtect.csrfToken(u)).isNull();
        assertThat(headers(noProtect.accessCookies(u))).containsExactly("access_token_cookie=" + u + "; HttpOnly; Path=/");
    }

    @Test
    void theTokenIsVerifiedBeforeItsCookiesAreBuilt() {
        JwtManager m = manager(b -> b);
        String expired = JwtManager.builder(config().build()).clock(clockAt(1_000_000_000L)).build()
                .createAccessToken("u", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(1)));
        assertThatThrownBy(() -> m.accessCookies(expired)).isInstanceOf(JwtException.class).hasMessage("Token has expired");
        assertThatThrownBy(() -> m.accessCookies("garbage")).isInstanceOf(JwtException.class);
    }

    @Test
    void toStringNeverShowsTheValue() {
        JwtManager m = manager(b -> b);
        String token = m.createAccessToken("u");
        for (SetCookie c : m.accessCookies(token)) {
            assertThat(c.toString()).doesNotContain(c.value());
        }
    }

    /** A token cookie over 4096 bytes (name and value) fails where it is made, not silently in a browser (G10). */
    @Test
    void aTokenCookieOverFourKilobytesIsRefusedAtIssueTime() {
        JwtManager m = manager(c -> c);
        String big = m.createAccessToken("u", TokenOptions.defaults().withClaim("pad", "p".repeat(4000)));
        assertThat(big.length()).isGreaterThan(4096);
        assertThatThrownBy(() -> m.accessCookies(big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("access_token_cookie").hasMessageContaining("4096").hasMessageNotContaining(big.substring(0, 40));
        String bigRefresh = m.createRefreshToken("u", TokenOptions.defaults().withClaim("pad", "p".repeat(4000)));
        assertThatThrownBy(() -> m.refreshCookies(bigRefresh)).isInstanceOf(IllegalArgumentException.class);
        // Just under the limit (name + value = 4096) is still set.
        String name = "access_token_cookie";
        String fits = "x".repeat(4096 - name.length());
        JwtCookies cookies = new JwtCookies(config().tokenLocations(TokenLocation.COOKIES).build(), fixedClock());
        assertThat(cookies.access(fits, null, null, null).get(0).value()).isEqualTo(fits);
        assertThatThrownBy(() -> cookies.access(fits + "x", null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
