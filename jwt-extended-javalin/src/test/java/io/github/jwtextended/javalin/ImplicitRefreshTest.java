package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Implicit refresh ({@link JwtPlugin.Config#implicitRefreshWindow}) over a real server: a new access
 * cookie only for a valid access cookie within the window, never for an expired, revoked, refresh
 * or header token, an error answer, or a response that logged out.
 */
class ImplicitRefreshTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final MutableClock clock = new MutableClock(T0);
    private JwtManager manager;
    private Javalin app;

    @BeforeEach
    void start() {
        start(null);
    }

    /** Access tokens live 600 s, sessions at most {@code maxSession} (null: no limit); the window is 120 s. */
    private void start(Duration maxSession) {
        manager = JwtManager.builder(TestKeys.config()
                        .tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS)
                        .access(a -> a.withExpires(Duration.ofSeconds(600))).build())
                .clock(clock).revocationStore(new InMemoryRevocationStore(clock)).maxSessionLifetime(maxSession).build();
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(new JwtPlugin(p -> {
                p.manager = manager;
                p.implicitRefreshWindow = Duration.ofSeconds(120);
            }));
            cfg.routes.get("/protected", ctx -> ctx.json(Map.of("id", JavalinJwt.identity(ctx))), JwtGuard.required());
            cfg.routes.get("/optional", ctx -> ctx.result("ok"), JwtGuard.of(Guard.required().optional(true)));
            cfg.routes.get("/forbidden", ctx -> ctx.status(403).result("no"), JwtGuard.required());
            cfg.routes.get("/refresh-only", ctx -> ctx.result("ok"), JwtGuard.of(Guard.required().refresh(true)));
            cfg.routes.get("/logout", ctx -> {
                JavalinJwt.manager(ctx).revoke(JavalinJwt.jwt(ctx));
                JavalinJwt.unsetJwtCookies(ctx);
                ctx.result("bye");
            }, JwtGuard.required());
            cfg.routes.get("/unset-only", ctx -> {
                JavalinJwt.unsetJwtCookies(ctx);
                ctx.result("bye");
            }, JwtGuard.required());
            cfg.routes.get("/revoke-only", ctx -> {
                JavalinJwt.manager(ctx).revoke(JavalinJwt.jwt(ctx));
                ctx.result("revoked");
            }, JwtGuard.required());
            cfg.routes.get("/end-session", ctx -> {
                JavalinJwt.manager(ctx).revokeFamily(JavalinJwt.jwt(ctx));
                ctx.result("ended");
            }, JwtGuard.required());
            cfg.routes.get("/logout-all", ctx -> {
                JavalinJwt.manager(ctx).revokeAllFor(JavalinJwt.identity(ctx));
                ctx.result("bye");
            }, JwtGuard.required());
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path, String cookie, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> withAccessCookie(String path, String token) throws Exception {
        return get(path, "access_token_cookie=" + token, null);
    }

    /** The value of a new (non-empty) access cookie set by the answer, if any. */
    private static Optional<String> newAccessCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("access_token_cookie="))
                .map(c -> c.substring("access_token_cookie=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
                .filter(v -> !v.isEmpty())
                .findFirst();
    }

    @Test
    void outsideTheWindowNothingIsSet() throws Exception {
        String token = manager.createAccessToken("ann");
        clock.advance(Duration.ofSeconds(479));
        HttpResponse<String> r = withAccessCookie("/protected", token);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(r.headers().firstValue("Cache-Control")).isEmpty();
    }

    @Test
    void withinTheWindowANewAccessCookieIsSet() throws Exception {
        TokenPair pair = manager.createTokenPair("ann", TokenOptions.defaults().withFresh(true));
        clock.advance(Duration.ofSeconds(481));
        HttpResponse<String> r = withAccessCookie("/protected", pair.accessToken());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("ann");
        String fresh = newAccessCookie(r).orElseThrow(() -> new AssertionError("no new access cookie: " + r.headers()));
        assertThat(r.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("csrf_access_token="));
        assertThat(r.headers().firstValue("Cache-Control")).as("an answer carrying a token is not cached").hasValue("no-store");
        Jwt renewed = manager.decodeToken(fresh);
        assertThat(renewed.identity()).isEqualTo("ann");
        assertThat(renewed.claim("fresh")).isEqualTo(false);
        assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(481 + 600));
        assertThat(renewed.family()).as("the family is kept, so family revocation covers it").isEqualTo(pair.family());
        assertThat(renewed.jti()).isNotEqualTo(manager.decodeToken(pair.accessToken()).jti());
        assertThat(withAccessCookie("/protected", fresh).headers().allValues("Set-Cookie")).as("the new one is outside the window").isEmpty();
    }

    @Test
    void neverForAnExpiredToken() throws Exception {
        String token = manager.createAccessToken("ann");
        clock.advance(Duration.ofSeconds(600));
        HttpResponse<String> r = withAccessCookie("/protected", token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(newAccessCookie(r)).isEmpty();
        HttpResponse<String> optional = withAccessCookie("/optional", token);
        assertThat(newAccessCookie(optional)).isEmpty();
    }

    @Test
    void neverForARevokedToken() throws Exception {
        String token = manager.createAccessToken("ann");
        manager.revoke(manager.decodeToken(token));
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> r = withAccessCookie("/protected", token);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(newAccessCookie(r)).isEmpty();

        String other = manager.createAccessToken("ann");
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> revokedByHandler = withAccessCookie("/revoke-only", other);
        assertThat(revokedByHandler.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(revokedByHandler)).as("revoked while the handler ran").isEmpty();

        String third = manager.createAccessToken("bob");
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> everywhere = withAccessCookie("/logout-all", third);
        assertThat(everywhere.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(everywhere)).as("logged out everywhere by the handler").isEmpty();
    }

    @Test
    void theNewCookieContinuesTheSessionAndNeverOutlivesIt() throws Exception {
        app.stop();
        start(Duration.ofSeconds(900));
        TokenPair pair = manager.createTokenPair("ann", TokenOptions.defaults().withFresh(true));
        assertThat(manager.decodeToken(pair.accessToken()).claim(JwtManager.AUTH_TIME_CLAIM)).isEqualTo((int) T0.getEpochSecond());

        clock.advance(Duration.ofSeconds(481));
        HttpResponse<String> r = withAccessCookie("/protected", pair.accessToken());
        assertThat(r.statusCode()).isEqualTo(200);
        String next = newAccessCookie(r).orElseThrow(() -> new AssertionError("no new access cookie: " + r.headers()));
        Jwt renewed = manager.decodeToken(next);
        assertThat(renewed.claim(JwtManager.AUTH_TIME_CLAIM)).as("the session's login time").isEqualTo((int) T0.getEpochSecond());
        assertThat(renewed.family()).isEqualTo(pair.family());
        assertThat(renewed.expiresAt()).as("cut to the session's end, not 481 + 600").isEqualTo(T0.plusSeconds(900));

        clock.set(T0.plusSeconds(800));
        HttpResponse<String> atTheEnd = withAccessCookie("/protected", next);
        assertThat(atTheEnd.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(atTheEnd)).as("it already lasts until the session's end").isEmpty();
        clock.set(T0.plusSeconds(900));
        assertThat(withAccessCookie("/protected", next).statusCode()).as("and ends with it").isEqualTo(401);

        // A token that outlives its session (issued before the setting): the request is answered, nothing is set.
        String uncapped = manager.createAccessToken("ann", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(100))
                .withClaim(JwtManager.AUTH_TIME_CLAIM, T0.getEpochSecond()));
        clock.advance(Duration.ofSeconds(50));
        HttpResponse<String> over = withAccessCookie("/protected", uncapped);
        assertThat(over.statusCode()).isEqualTo(200);
        assertThat(over.headers().allValues("Set-Cookie")).as("the session is over").isEmpty();
    }

    @Test
    void neverForARevokedFamily() throws Exception {
        TokenPair ended = manager.createTokenPair("ann", null);
        manager.revokeFamily(manager.decodeToken(ended.refreshToken()));
        clock.advance(Duration.ofSeconds(481));
        HttpResponse<String> r = withAccessCookie("/protected", ended.accessToken());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(newAccessCookie(r)).isEmpty();

        TokenPair ending = manager.createTokenPair("ann", null);
        clock.advance(Duration.ofSeconds(481));
        HttpResponse<String> byHandler = withAccessCookie("/end-session", ending.accessToken());
        assertThat(byHandler.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(byHandler)).as("its session ended while the handler ran").isEmpty();
    }

    @Test
    void neverInAResponseThatLoggedOut() throws Exception {
        String token = manager.createAccessToken("ann");
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> r = withAccessCookie("/logout", token);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> cookies = r.headers().allValues("Set-Cookie");
        assertThat(cookies).as("the deletions are there").anyMatch(c -> c.startsWith("access_token_cookie=;"));
        assertThat(newAccessCookie(r)).as("and nothing sets the cookie again").isEmpty();

        String unrevoked = manager.createAccessToken("ann");
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> unset = withAccessCookie("/unset-only", unrevoked);
        assertThat(newAccessCookie(unset)).as("cookies cleared without revoking: still not set again").isEmpty();
    }

    @Test
    void neverForAHeaderTokenARefreshTokenOrAnErrorAnswer() throws Exception {
        String token = manager.createAccessToken("ann");
        String refresh = manager.createRefreshToken("ann", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(600)));
        clock.advance(Duration.ofSeconds(500));
        HttpResponse<String> header = get("/protected", null, token);
        assertThat(header.statusCode()).isEqualTo(200);
        assertThat(header.headers().allValues("Set-Cookie")).as("a header client manages its tokens").isEmpty();
        HttpResponse<String> refreshCookie = get("/refresh-only", "refresh_token_cookie=" + refresh, null);
        assertThat(refreshCookie.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(refreshCookie)).isEmpty();
        HttpResponse<String> forbidden = withAccessCookie("/forbidden", token);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(newAccessCookie(forbidden)).isEmpty();
    }
}
