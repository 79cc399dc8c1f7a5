package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.github.jwtextended.config.TokenLocation.COOKIES;
import static io.github.jwtextended.config.TokenLocation.HEADERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every row of the reference's edge-case table (flask-jwt-extended.md §8, "| no header | 401 |"
 * onwards) and the edge cases listed under it, as one parameterized HTTP test asserting the status
 * and the exact body. Hostile tokens are forged here ({@link Forge}). A row whose {@code deviation}
 * is set is where we deliberately answer differently from the reference; the reason is the value.
 */
class EdgeCaseTableTest {
    private static final String ID_HEADERS = "{\"id\":\"u\",\"loc\":\"headers\"}";
    private static final String ID_COOKIES = "{\"id\":\"u\",\"loc\":\"cookies\"}";
    private static final String ID = "{\"id\":\"u\"}";
    private static final String BAD = "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'";
    private static final String NO_TYPE = "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'";
    private static final String OTHER_KEY_HS256 = JwtHttpTest.OTHER_SECRET;

    private static final TestClock CLOCK = new TestClock();
    private static final Map<Setup, TestServer> SERVERS = new EnumMap<>(Setup.class);

    /** The reference app configurations the probe used. */
    enum Setup {
        DEFAULT(c -> c, b -> b),
        REVOKE_ALL(c -> c, b -> b.tokenInBlocklist((h, claims) -> true)),
        VERIFY_FAILS(c -> c, b -> b.claimsVerifier((h, claims) -> false)),
        NO_USER(c -> c, b -> b.userLookup((h, claims) -> null)),
        BARE_X_TOKEN(c -> c.headerName("X-Token").headerType(""), b -> b),
        QUERY(c -> c.tokenLocations(TokenLocation.QUERY_STRING), b -> b),
        QUERY_PREFIX(c -> c.tokenLocations(TokenLocation.QUERY_STRING).queryStringValuePrefix("Bearer "), b -> b),
        JSON(c -> c.tokenLocations(TokenLocation.JSON), b -> b),
        COOKIES_HEADERS(c -> c.tokenLocations(COOKIES, HEADERS), b -> b),
        CSRF_FORM(c -> c.tokenLocations(COOKIES).csrfCheckForm(true), b -> b),
        NO_CSRF(c -> c.tokenLocations(COOKIES).csrfProtect(false), b -> b),
        ERROR_KEY(c -> c.errorMessageKey("error"), b -> b),
        AUD_ISS(c -> c.decodeAudience("aud1").decodeIssuer("iss1"), b -> b),
        LEEWAY(c -> c.leeway(Duration.ofSeconds(10)), b -> b),
        IDENTITY_CLAIM(c -> c.identityClaim("identity"), b -> b),
        NO_VERIFY_SUB(c -> c.verifySub(false), b -> b);

        final UnaryOperator<JwtConfig.Builder> config;
        final UnaryOperator<JwtManager.Builder> manager;

        Setup(UnaryOperator<JwtConfig.Builder> config, UnaryOperator<JwtManager.Builder> manager) {
            this.config = config;
            this.manager = manager;
        }

        String messageKey() {
            return this == ERROR_KEY ? "error" : "msg";
        }

        TestServer server() {
            return SERVERS.computeIfAbsent(this, s -> TestServer.start(
                    s.manager.apply(JwtManager.builder(s.config.apply(JwtHttpTest.config()).build()).clock(CLOCK)).build(),
                    cfg -> {
                        JwtHttpTest.standardRoutes(cfg);
                        cfg.routes.options("/claims", ctx -> ctx.json(new TreeMap<>(JavalinJwt.claims(ctx))), JwtGuard.required());
                    }));
        }
    }

    /** What a row's request is built with; it remembers every token it hands out for the leak check. */
    static final class Env {
        final TestServer server;
        final JwtManager jwt;
        final List<String> tokens = new ArrayList<>();

        Env(TestServer server) {
            this.server = server;
            this.jwt = server.manager();
        }

        private String keep(String token) {
            tokens.add(token);
            return token;
        }

        long now() { return CLOCK.epochSecond(); }
        String access() { return keep(jwt.createAccessToken("u")); }
        String fresh() { return keep(jwt.createAccessToken("u", TokenOptions.defaults().withFresh(true))); }
        String refresh() { return keep(jwt.createRefreshToken("u")); }
        String access(TokenOptions options) { return keep(jwt.createAccessToken("u", options)); }
        String csrf(String token) { return jwt.csrfToken(token); }
        /** HS256 over a hand-written payload with the server's key. */
        String forge(String payload) { return keep(Forge.hs256(payload)); }
        String forge(String header, String payload, String mac, String secret) { return keep(Forge.signed(header, payload, mac, secret)); }
        String raw(String token) { return keep(token); }
        TestServer.Request get(String path) { return server.get(path); }
        TestServer.Request post(String path) { return server.post(path); }
        TestServer.Request request(String method, String path) { return server.request(method, path); }
    }

    record Row(String name, Setup setup, Function<Env, TestServer.Request> request, int status, String body, String deviation) {
        @Override
        public String toString() {
            return name + (deviation == null ? "" : "  [DEVIATION: " + deviation + "]");
        }
    }

    private static Row row(String name, Setup setup, Function<Env, TestServer.Request> request, int status, String body) {
        return new Row(name, setup, request, status, body, null);
    }

    private static Row deviation(String name, Setup setup, Function<Env, TestServer.Request> request, int status, String body, String reason) {
        return new Row(name, setup, request, status, body, reason);
    }

    private static String msg(String message) {
        return "{\"msg\":" + ErrorAssertions.json(message) + "}";
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Stream<Row> rows() {
        Setup D = Setup.DEFAULT;
        return Stream.of(
                // ---- §8 table, in its order ----
                row("no header", D, e -> e.get("/protected"), 401, msg("Missing Authorization Header")),
                row("empty Authorization header", D, e -> e.get("/protected").header("Authorization", ""), 401, msg("Missing Authorization Header")),
                row("Authorization: Bearer (no token)", D, e -> e.get("/protected").header("Authorization", "Bearer"), 422, msg(BAD)),
                // Catalogue F3: accepted (RFC 9110 §11.1); flask answers 401 NO_TYPE (docs/compatibility.md).
                row("lowercase bearer <jwt>", D, e -> e.get("/protected").header("Authorization", "bearer " + e.access()), 200, ID_HEADERS),
                row("Bearer <jwt> extra", D, e -> e.get("/protected").header("Authorization", "Bearer " + e.access() + " extra"), 422, msg(BAD)),
                row("Bearer  <jwt> (2 spaces)", D, e -> e.get("/protected").header("Authorization", "Bearer  " + e.access()), 200, ID_HEADERS),
                row("two Bearer entries: Bearer a, Bearer b", D, e -> e.get("/protected").header("Authorization", "Bearer a, Bearer " + e.access()), 401, msg(NO_TYPE)),
                row("Bearer a.b.c", D, e -> e.get("/protected").header("Authorization", "Bearer a.b.c"), 422, msg("Invalid header padding")),
                row("Bearer x.y (2 segments)", D, e -> e.get("/protected").header("Authorization", "Bearer x.y"), 422, msg("Not enough segments")),
                row("header JSON without alg", D, e -> e.get("/protected").bearer(e.forge("{\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", "HmacSHA256", JwtHttpTest.SECRET)),
                        422, msg("Algorithm not specified")),
                row("alg not allowed (HS512 token, HS256 config)", D, e -> e.get("/protected").bearer(
                        e.forge("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", "HmacSHA512", JwtHttpTest.SECRET)), 422, msg("The specified alg value is not allowed")),
                row("alg none", D, e -> e.get("/protected").bearer(e.raw(Forge.unsigned("{\"sub\":\"u\"}"))), 422, msg("The specified alg value is not allowed")),
                row("signed with other key", D, e -> e.get("/protected").bearer(e.forge(Forge.HS256_HEADER, "{\"sub\":\"u\"}", "HmacSHA256", OTHER_KEY_HS256)),
                        422, msg("Signature verification failed")),
                row("missing sub (identity claim)", D, e -> e.get("/protected").bearer(e.forge("{\"type\":\"access\",\"iat\":" + e.now() + "}")), 422, msg("Missing claim: sub")),
                row("minimal {sub} only (type/fresh/jti defaulted)", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\"}")), 200, ID_HEADERS),
                row("minimal {sub} on refresh endpoint", D, e -> e.post("/refresh").bearer(e.forge("{\"sub\":\"u\"}")), 422, msg("Only refresh tokens are allowed")),
                row("nbf in future", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"nbf\":" + (e.now() + 60) + "}")), 422, msg("The token is not yet valid (nbf)")),
                row("iat in future", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iat\":" + (e.now() + 60) + "}")), 422, msg("The token is not yet valid (iat)")),
                row("exp in past", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")),
                row("exp in past + bad signature", D, e -> e.get("/protected").bearer(
                        e.forge(Forge.HS256_HEADER, "{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}", "HmacSHA256", OTHER_KEY_HS256)), 422, msg("Signature verification failed")),
                row("exp not int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":\"soon\"}")), 422, msg("Expiration Time claim (exp) must be an integer.")),
                row("sub is int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":5}")), 422, msg("Subject must be a string")),
                row("jti is int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"jti\":5}")), 422, msg("JWT ID must be a string")),
                row("aud present, no JWT_DECODE_AUDIENCE", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"aud\":\"x\"}")), 200, ID_HEADERS),
                row("kid header not string", D, e -> e.get("/protected").bearer(
                        e.forge("{\"alg\":\"HS256\",\"kid\":5,\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", "HmacSHA256", JwtHttpTest.SECRET)), 422, msg("Key ID header parameter must be a string")),
                row("payload JSON is a list", D, e -> e.get("/protected").bearer(e.forge("[\"sub\",\"u\"]")), 422, msg("Invalid payload string: must be a json object")),
                row("refresh token on access endpoint", D, e -> e.get("/protected").bearer(e.refresh()), 422, msg("Only non-refresh tokens are allowed")),
                row("access token on refresh endpoint", D, e -> e.post("/refresh").bearer(e.access()), 422, msg("Only refresh tokens are allowed")),
                row("verify_type=False with refresh token", D, e -> e.get("/any-type").bearer(e.refresh()), 200, "{\"id\":\"u\",\"type\":\"refresh\"}"),
                row("fresh endpoint, non-fresh", D, e -> e.get("/fresh").bearer(e.access()), 401, msg("Fresh token required")),
                row("fresh endpoint, fresh", D, e -> e.get("/fresh").bearer(e.fresh()), 200, ID),
                row("fresh endpoint, fresh=timedelta expired", D, e -> e.get("/fresh").bearer(
                        e.access(TokenOptions.defaults().withFreshUntil(CLOCK.instant().minusMillis(500)))), 401, msg("Fresh token required")),
                row("HEAD with valid token", D, e -> e.request("HEAD", "/protected").bearer(e.access()), 200, ""),
                row("revoked access token", Setup.REVOKE_ALL, e -> e.get("/protected").bearer(e.access()), 401, msg("Token has been revoked")),
                row("revoked + wrong type (refresh on access ep)", Setup.REVOKE_ALL, e -> e.get("/protected").bearer(e.refresh()), 422, msg("Only non-refresh tokens are allowed")),
                row("revoked + non-fresh on fresh ep", Setup.REVOKE_ALL, e -> e.get("/fresh").bearer(e.access()), 401, msg("Fresh token required")),
                row("revoked, skip_revocation_check=True", Setup.REVOKE_ALL, e -> e.get("/skip-revocation").bearer(e.access()), 200, ID),
                row("revoked + expired", Setup.REVOKE_ALL, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")),
                row("token_verification_loader returns False", Setup.VERIFY_FAILS, e -> e.get("/protected").bearer(e.access()), 400, msg("User claims verification failed")),
                row("user_lookup_loader returns None", Setup.NO_USER, e -> e.get("/protected").bearer(e.access()), 401, msg("Error loading the user u")),
                row("JWT_HEADER_TYPE='' JWT_HEADER_NAME=X-Token, missing", Setup.BARE_X_TOKEN, e -> e.get("/protected"), 401, msg("Missing X-Token Header")),
                row("JWT_HEADER_TYPE='', X-Token: <jwt>", Setup.BARE_X_TOKEN, e -> e.get("/protected").header("X-Token", e.access()), 200, ID_HEADERS),
                row("JWT_HEADER_TYPE='', X-Token: Bearer <jwt>", Setup.BARE_X_TOKEN, e -> e.get("/protected").header("X-Token", "Bearer " + e.access()),
                        422, msg("Bad X-Token header. Expected 'X-Token: <JWT>'")),
                row("query_string, missing", Setup.QUERY, e -> e.get("/protected"), 401, msg("Missing 'jwt' query paramater")),
                row("query_string prefix 'Bearer ', value lacks prefix", Setup.QUERY_PREFIX, e -> e.get("/protected?jwt=" + e.access()), 422,
                        msg("Invalid value for query parameter 'jwt'. Expected the value to start with 'Bearer '")),
                row("query_string prefix 'Bearer ', ok", Setup.QUERY_PREFIX, e -> e.get("/protected?jwt=" + enc("Bearer " + e.access())), 200,
                        "{\"id\":\"u\",\"loc\":\"query_string\"}"),
                row("json, GET without body", Setup.JSON, e -> e.get("/protected"), 401, msg("Invalid content-type. Must be application/json.")),
                row("json, POST text/plain", Setup.JSON, e -> e.post("/protected").body("text/plain", "{\"access_token\":\"" + e.access() + "\"}"),
                        401, msg("Invalid content-type. Must be application/json.")),
                row("json, POST invalid json", Setup.JSON, e -> e.post("/protected").json("{\"access_token\":"), 401, msg("Missing \"access_token\" key in json data.")),
                row("json, POST {}", Setup.JSON, e -> e.post("/protected").json("{}"), 401, msg("Missing \"access_token\" key in json data.")),
                row("json, POST access_token", Setup.JSON, e -> e.post("/protected").json("{\"access_token\":\"" + e.access() + "\"}"), 200, "{\"id\":\"u\",\"loc\":\"json\"}"),
                row("json, refresh endpoint uses refresh_token key, missing", Setup.JSON, e -> e.post("/refresh").json("{\"access_token\":\"" + e.refresh() + "\"}"),
                        401, msg("Missing \"refresh_token\" key in json data.")),
                row("json, refresh endpoint refresh_token key", Setup.JSON, e -> e.post("/refresh").json("{\"refresh_token\":\"" + e.refresh() + "\"}"), 200, ID),
                row("cookies+headers: access cookie, POST, no CSRF, valid Bearer header too", Setup.COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).bearer(t);
                }, 401, msg("Missing CSRF token")),
                row("cookie access, POST, X-CSRF-TOKEN ok", Setup.COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).csrf(e.csrf(t));
                }, 200, ID_COOKIES),
                row("cookie access, GET no CSRF", Setup.COOKIES_HEADERS, e -> e.get("/protected").cookie("access_token_cookie", e.access()), 200, ID_COOKIES),
                row("refresh endpoint, only access cookie present", Setup.COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/refresh").cookie("access_token_cookie", t).csrf(e.csrf(t));
                }, 401, msg("Missing JWT in cookies or headers (Missing cookie \"refresh_token_cookie\"; Missing Authorization Header)")),
                row("empty access cookie value", Setup.COOKIES_HEADERS, e -> e.get("/protected").cookie("access_token_cookie", ""), 401,
                        msg("Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)")),
                row("cookie token w/o csrf claim, POST with X-CSRF-TOKEN", Setup.COOKIES_HEADERS, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.forge("{\"sub\":\"u\"}")).csrf("x"), 422, msg("Missing claim: csrf")),
                row("JWT_CSRF_CHECK_FORM, form csrf_token ok", Setup.CSRF_FORM, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).form("csrf_token=" + enc(e.csrf(t)));
                }, 200, ID_COOKIES),
                row("JWT_CSRF_CHECK_FORM, form csrf_token wrong", Setup.CSRF_FORM, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.access()).form("csrf_token=wrong"), 401, msg("CSRF double submit tokens do not match")),
                row("JWT_COOKIE_CSRF_PROTECT=False, POST cookie no CSRF", Setup.NO_CSRF, e -> e.post("/protected").cookie("access_token_cookie", e.access()), 200, ID_COOKIES),
                row("JWT_ERROR_MESSAGE_KEY=error", Setup.ERROR_KEY, e -> e.get("/protected"), 401, "{\"error\":\"Missing Authorization Header\"}"),
                row("aud expected, missing", Setup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\"}")), 422,
                        msg("Token is missing the \"aud\" claim")),
                row("aud mismatch", Setup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\",\"aud\":\"aud2\"}")), 422, msg("Audience doesn't match")),
                row("iss missing", Setup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"aud\":\"aud1\"}")), 422, msg("Token is missing the \"iss\" claim")),
                row("iss mismatch", Setup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss2\",\"aud\":\"aud1\"}")), 422, msg("Invalid issuer")),
                row("aud+iss ok", Setup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\",\"aud\":\"aud1\"}")), 200, ID_HEADERS),
                row("leeway 10, exp 5s ago", Setup.LEEWAY, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 5) + "}")), 200, ID_HEADERS),
                row("JWT_IDENTITY_CLAIM=identity, token with only sub", Setup.IDENTITY_CLAIM, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\"}")), 422,
                        msg("Missing claim: identity")),
                row("JWT_VERIFY_SUB=False, sub int", Setup.NO_VERIFY_SUB, e -> e.get("/protected").bearer(e.forge("{\"sub\":5}")), 200, "{\"id\":5,\"loc\":\"headers\"}"),
                row("optional, no cookie, POST", Setup.COOKIES_HEADERS, e -> e.post("/optional"), 200, "{\"id\":null}"),
                row("optional, cookie present, POST without CSRF", Setup.COOKIES_HEADERS, e -> e.post("/optional").cookie("access_token_cookie", e.access()), 401,
                        msg("Missing CSRF token")),
                row("optional, expired cookie, GET", Setup.COOKIES_HEADERS, e -> e.get("/optional")
                        .cookie("access_token_cookie", e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")),

                // ---- "More edge cases" under the table ----
                deviation("JSON body [1]", Setup.JSON, e -> e.post("/protected").json("[1]"), 401, msg("Missing \"access_token\" key in json data."),
                        "reference 500 (AttributeError on list.get); a non-object body holds no token"),
                deviation("JSON body \"abc\"", Setup.JSON, e -> e.post("/protected").json("\"abc\""), 401, msg("Missing \"access_token\" key in json data."),
                        "reference 500 (AttributeError on str.get); a non-object body holds no token"),
                deviation("OPTIONS to a view that calls get_jwt()", D, e -> e.request("OPTIONS", "/claims"), 200, "{}",
                        "reference 500 (nothing stored for OPTIONS); the handler sees an absent token: no claims"),
                deviation("Authorization: , ,", D, e -> e.get("/protected").header("Authorization", ", ,"), 401, msg(NO_TYPE),
                        "reference 500 (IndexError on a blank entry); blank entries are no Bearer entry"),
                row("Authorization: Bearer, <jwt>", D, e -> e.get("/protected").header("Authorization", "Bearer, " + e.access()), 422, msg(BAD)),
                row("Authorization: ,Bearer x", D, e -> e.get("/protected").header("Authorization", ",Bearer x"), 422, msg("Not enough segments")),
                row("Authorization: Bearer ,,0 (upstream fix #567)", D, e -> e.get("/protected").header("Authorization", "Bearer ,,0"), 422, msg(BAD)),
                deviation("two Authorization field lines", D, e -> {
                    String t = e.access();
                    return e.get("/protected").bearer(t).bearer(t);
                }, 400, msg("Multiple Authorization headers"),
                        "reference reads whatever the WSGI server makes of them; RFC 6750 3.1: ambiguous request, 400"),
                deviation("?jwt=a&jwt=b", Setup.QUERY, e -> e.get("/protected?jwt=a&jwt=b"), 400, msg("Multiple 'jwt' query parameters"),
                        "reference uses the first value; a repeated parameter is ambiguous, 400"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("rows")
    void row(Row row) {
        Env env = new Env(row.setup().server());
        TestServer.Response r = row.request().apply(env).send();
        assertThat(r.status).as("status of %s", r).isEqualTo(row.status());
        assertThat(r.body).isEqualTo(row.body());
        if (row.status() >= 400 && !row.body().isEmpty()) {
            ErrorAssertions.assertNoLeak(r, row.setup().messageKey(), env.tokens.toArray(new String[0]));
        }
    }

    // ---- the listed edge cases that are not HTTP requests (deviations, for docs/compatibility.md) ----

    /** Deviation: the reference answers 500 at request time; we refuse an unknown location when it is named. */
    @Test
    void unknownLocationIsRefusedWhenConfiguredNotAtRequestTime() {
        assertThatThrownBy(() -> TokenLocation.fromWireName("nope")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", JwtHttpTest.SECRET, "JWT_TOKEN_LOCATION", "nope")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWT_TOKEN_LOCATION can only contain");
    }

    /** Deviation: the reference makes {@code expires_delta=timedelta(0)} a token without exp; we refuse it. */
    @Test
    void zeroLifetimeIsRefusedRatherThanMeaningNoExpiry() {
        assertThatThrownBy(() -> TokenOptions.defaults().withExpiresIn(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Deviation: the reference lets additional claims overwrite type/sub/exp; we refuse them at creation. */
    @Test
    void additionalClaimsCannotOverwriteReservedOnes() {
        JwtManager jwt = JwtManager.builder(JwtHttpTest.config().build()).clock(CLOCK).build();
        assertThatThrownBy(() -> jwt.createAccessToken("u", TokenOptions.defaults()
                .withClaims(Map.of("type", "refresh", "sub", "other", "exp", 1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(TestServer::close);
    }
}
