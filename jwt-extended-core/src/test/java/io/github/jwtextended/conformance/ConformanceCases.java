package io.github.jwtextended.conformance;

import io.github.jwtextended.token.TokenOptions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static io.github.jwtextended.conformance.ConformanceSetup.COOKIES_HEADERS;
import static io.github.jwtextended.conformance.ConformanceSetup.COOKIE_ATTRIBUTES;
import static io.github.jwtextended.conformance.ConformanceSetup.DEFAULT;
import static io.github.jwtextended.conformance.ConformanceSetup.OTHER_SECRET;
import static io.github.jwtextended.conformance.ConformanceSetup.SECRET;

/**
 * Every conformance case: flask-jwt-extended's observed answers to edge cases (4.7.1 with PyJWT
 * 2.10.1, probed through the Flask test client) and the further cases found beside them, cookie and
 * CSRF cases, cookie setting and clearing, the accessors, failures thrown inside a handler, the
 * RFC 6750 style, and the hostile-input rows of SECURITY.md.
 *
 * <p>Thread safety: stateless.
 */
public final class ConformanceCases {
    private static final String ID_HEADERS = "{\"id\":\"u\",\"loc\":\"headers\"}";
    private static final String ID_COOKIES = "{\"id\":\"u\",\"loc\":\"cookies\"}";
    private static final String ID = "{\"id\":\"u\"}";
    private static final String OK = "{\"ok\":true}";
    private static final String BAD = "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'";
    private static final String NO_TYPE = "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'";
    private static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private ConformanceCases() {
    }

    private static ConformanceCase row(String name, ConformanceSetup setup, Function<CaseEnv, HttpCall> request, int status, String body) {
        return new ConformanceCase(name, setup, request, status, body, null, e -> List.of(), null, null);
    }

    static String msg(String message) {
        return msg("msg", message);
    }

    static String msg(String key, String message) {
        return "{" + json(key) + ":" + json(message) + "}";
    }

    /** A JSON string literal as Jackson writes these messages. */
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Every case, in a stable order. */
    public static Stream<ConformanceCase> all() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(edgeCaseTable());
        all.addAll(moreEdgeCases());
        all.addAll(cookies());
        all.addAll(accessors());
        all.addAll(rfc6750());
        all.addAll(catalogue());
        return all.stream();
    }

    /** flask-jwt-extended's edge-case answers, as probed, in the probe's order. */
    static List<ConformanceCase> edgeCaseTable() {
        ConformanceSetup D = DEFAULT;
        return List.of(
                row("no header", D, e -> e.get("/protected"), 401, msg("Missing Authorization Header")),
                row("empty Authorization header", D, e -> e.get("/protected").header("Authorization", ""), 401, msg("Missing Authorization Header")),
                row("Authorization: Bearer (no token)", D, e -> e.get("/protected").header("Authorization", "Bearer"), 422, msg(BAD)),
                // The scheme is case-insensitive (RFC 9110 §11.1; F3); flask's exact rule is an option.
                row("lowercase bearer <jwt>", D, e -> e.get("/protected").header("Authorization", "bearer " + e.access()), 200, ID_HEADERS),
                row("BEARER <jwt>", D, e -> e.get("/protected").header("Authorization", "BEARER " + e.access()), 200, ID_HEADERS),
                row("BeArEr <jwt>, Basic x", D, e -> e.get("/protected").header("Authorization", "BeArEr " + e.access() + ", Basic x"), 200, ID_HEADERS),
                row("lowercase bearer <jwt>, case-sensitive scheme", ConformanceSetup.FLASK_SCHEME,
                        e -> e.get("/protected").header("Authorization", "bearer " + e.access()), 401, msg(NO_TYPE)),
                row("Bearer <jwt>, case-sensitive scheme", ConformanceSetup.FLASK_SCHEME,
                        e -> e.get("/protected").header("Authorization", "Bearer " + e.access()), 200, ID_HEADERS),
                // No type claim is an access token (as flask) unless JWT_REQUIRE_TYPE refuses it (E20).
                row("token without type claim", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", HS256, "{\"sub\":\"u\",\"exp\":" + (e.now() + 60) + "}", SECRET)), 200, ID_HEADERS),
                row("token without type claim, type required", ConformanceSetup.REQUIRE_TYPE, e -> e.get("/protected").bearer(
                        e.forge("HS256", HS256, "{\"sub\":\"u\",\"exp\":" + (e.now() + 60) + "}", SECRET)), 422, msg("Missing claim: type")),
                row("refresh endpoint, token without type claim, type required", ConformanceSetup.REQUIRE_TYPE, e -> e.get("/refresh").bearer(
                        e.forge("HS256", HS256, "{\"sub\":\"u\",\"exp\":" + (e.now() + 60) + "}", SECRET)), 422, msg("Missing claim: type")),
                row("issued access token, type required", ConformanceSetup.REQUIRE_TYPE, e -> e.get("/protected").bearer(e.access()), 200, ID_HEADERS),
                row("Bearer <jwt> extra", D, e -> e.get("/protected").header("Authorization", "Bearer " + e.access() + " extra"), 422, msg(BAD)),
                row("Bearer  <jwt> (2 spaces)", D, e -> e.get("/protected").header("Authorization", "Bearer  " + e.access()), 200, ID_HEADERS),
                row("two Bearer entries: Bearer a, Bearer b", D, e -> e.get("/protected").header("Authorization", "Bearer a, Bearer " + e.access()), 401, msg(NO_TYPE)),
                row("Bearer a.b.c", D, e -> e.get("/protected").header("Authorization", "Bearer a.b.c"), 422, msg("Invalid header padding")),
                row("Bearer x.y (2 segments)", D, e -> e.get("/protected").header("Authorization", "Bearer x.y"), 422, msg("Not enough segments")),
                row("header JSON without alg", D, e -> e.get("/protected").bearer(e.forge("HS256", "{\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", SECRET)),
                        422, msg("Algorithm not specified")),
                row("alg not allowed (HS512 token, HS256 config)", D, e -> e.get("/protected").bearer(
                        e.forge("HS512", "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", SECRET)), 422, msg("The specified alg value is not allowed")),
                row("alg none", D, e -> e.get("/protected").bearer(e.raw(unsigned("{\"sub\":\"u\"}"))), 422, msg("The specified alg value is not allowed")),
                row("signed with other key", D, e -> e.get("/protected").bearer(e.forge("HS256", HS256, "{\"sub\":\"u\"}", OTHER_SECRET)),
                        422, msg("Signature verification failed")),
                row("missing sub (identity claim)", D, e -> e.get("/protected").bearer(e.forge("{\"type\":\"access\",\"iat\":" + e.now() + "}")), 422, msg("Missing claim: sub")),
                row("minimal {sub} only (type/fresh/jti defaulted)", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\"}")), 200, ID_HEADERS),
                row("minimal {sub} on refresh endpoint", D, e -> e.post("/refresh").bearer(e.forge("{\"sub\":\"u\"}")), 422, msg("Only refresh tokens are allowed")),
                row("nbf in future", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"nbf\":" + (e.now() + 60) + "}")), 422, msg("The token is not yet valid (nbf)")),
                row("iat in future", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iat\":" + (e.now() + 60) + "}")), 422, msg("The token is not yet valid (iat)")),
                row("exp in past", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")),
                row("exp in past + bad signature", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", HS256, "{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}", OTHER_SECRET)), 422, msg("Signature verification failed")),
                row("exp not int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":\"soon\"}")), 422, msg("Expiration Time claim (exp) must be an integer.")),
                row("sub is int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":5}")), 422, msg("Subject must be a string")),
                row("jti is int", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"jti\":5}")), 422, msg("JWT ID must be a string")),
                row("aud present, no JWT_DECODE_AUDIENCE", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"aud\":\"x\"}")), 200, ID_HEADERS),
                row("kid header not string", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":5,\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", SECRET)), 422, msg("Key ID header parameter must be a string")),
                row("payload JSON is a list", D, e -> e.get("/protected").bearer(e.forge("[\"sub\",\"u\"]")), 422, msg("Invalid payload string: must be a json object")),
                row("refresh token on access endpoint", D, e -> e.get("/protected").bearer(e.refresh()), 422, msg("Only non-refresh tokens are allowed")),
                row("access token on refresh endpoint", D, e -> e.post("/refresh").bearer(e.access()), 422, msg("Only refresh tokens are allowed")),
                row("verify_type=False with refresh token", D, e -> e.get("/any-type").bearer(e.refresh()), 200, "{\"id\":\"u\",\"type\":\"refresh\"}"),
                row("fresh endpoint, non-fresh", D, e -> e.get("/fresh").bearer(e.access()), 401, msg("Fresh token required")),
                row("fresh endpoint, fresh", D, e -> e.get("/fresh").bearer(e.fresh()), 200, ID),
                row("fresh endpoint, fresh=timedelta expired", D, e -> e.get("/fresh").bearer(
                        e.access(TokenOptions.defaults().withFreshUntil(ConformanceSetup.NOW.minusMillis(500)))), 401, msg("Fresh token required")),
                row("HEAD with valid token", D, e -> e.request("HEAD", "/protected").bearer(e.access()), 200, ""),
                row("HEAD without token", D, e -> e.request("HEAD", "/protected"), 401, ""),
                row("revoked access token", ConformanceSetup.REVOKE_ALL, e -> e.get("/protected").bearer(e.access()), 401, msg("Token has been revoked")),
                row("revoked + wrong type (refresh on access ep)", ConformanceSetup.REVOKE_ALL, e -> e.get("/protected").bearer(e.refresh()), 422, msg("Only non-refresh tokens are allowed")),
                row("revoked + non-fresh on fresh ep", ConformanceSetup.REVOKE_ALL, e -> e.get("/fresh").bearer(e.access()), 401, msg("Fresh token required")),
                row("revoked, skip_revocation_check=True", ConformanceSetup.REVOKE_ALL, e -> e.get("/skip-revocation").bearer(e.access()), 200, ID),
                row("revoked + expired", ConformanceSetup.REVOKE_ALL, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")),
                row("token_verification_loader returns False", ConformanceSetup.VERIFY_FAILS, e -> e.get("/protected").bearer(e.access()), 400, msg("User claims verification failed")),
                row("user_lookup_loader returns None", ConformanceSetup.NO_USER, e -> e.get("/protected").bearer(e.access()), 401, msg("Error loading the user u")),
                row("JWT_HEADER_TYPE='' JWT_HEADER_NAME=X-Token, missing", ConformanceSetup.BARE_X_TOKEN, e -> e.get("/protected"), 401, msg("Missing X-Token Header")),
                row("JWT_HEADER_TYPE='', X-Token: <jwt>", ConformanceSetup.BARE_X_TOKEN, e -> e.get("/protected").header("X-Token", e.access()), 200, ID_HEADERS),
                row("JWT_HEADER_TYPE='', X-Token: Bearer <jwt>", ConformanceSetup.BARE_X_TOKEN, e -> e.get("/protected").header("X-Token", "Bearer " + e.access()),
                        422, msg("Bad X-Token header. Expected 'X-Token: <JWT>'")),
                row("query_string, missing", ConformanceSetup.QUERY, e -> e.get("/protected"), 401, msg("Missing 'jwt' query paramater")),
                row("query_string prefix 'Bearer ', value lacks prefix", ConformanceSetup.QUERY_PREFIX, e -> e.get("/protected?jwt=" + e.access()), 422,
                        msg("Invalid value for query parameter 'jwt'. Expected the value to start with 'Bearer '")),
                row("query_string prefix 'Bearer ', ok", ConformanceSetup.QUERY_PREFIX, e -> e.get("/protected?jwt=" + enc("Bearer " + e.access())), 200,
                        "{\"id\":\"u\",\"loc\":\"query_string\"}"),
                row("json, GET without body", ConformanceSetup.JSON, e -> e.get("/protected"), 401, msg("Invalid content-type. Must be application/json.")),
                row("json, POST text/plain", ConformanceSetup.JSON, e -> e.post("/protected").body("text/plain", "{\"access_token\":\"" + e.access() + "\"}"),
                        401, msg("Invalid content-type. Must be application/json.")),
                row("json, POST invalid json", ConformanceSetup.JSON, e -> e.post("/protected").json("{\"access_token\":"), 401, msg("Missing \"access_token\" key in json data.")),
                row("json, POST {}", ConformanceSetup.JSON, e -> e.post("/protected").json("{}"), 401, msg("Missing \"access_token\" key in json data.")),
                row("json, POST access_token", ConformanceSetup.JSON, e -> e.post("/protected").json("{\"access_token\":\"" + e.access() + "\"}"), 200, "{\"id\":\"u\",\"loc\":\"json\"}"),
                row("json, refresh endpoint uses refresh_token key, missing", ConformanceSetup.JSON, e -> e.post("/refresh").json("{\"access_token\":\"" + e.refresh() + "\"}"),
                        401, msg("Missing \"refresh_token\" key in json data.")),
                row("json, refresh endpoint refresh_token key", ConformanceSetup.JSON, e -> e.post("/refresh").json("{\"refresh_token\":\"" + e.refresh() + "\"}"), 200, ID),
                row("cookies+headers: access cookie, POST, no CSRF, valid Bearer header too", COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).bearer(t);
                }, 401, msg("Missing CSRF token")),
                row("cookie access, POST, X-CSRF-TOKEN ok", COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).csrf(e.csrf(t));
                }, 200, ID_COOKIES),
                row("cookie access, GET no CSRF", COOKIES_HEADERS, e -> e.get("/protected").cookie("access_token_cookie", e.access()), 200, ID_COOKIES),
                row("refresh endpoint, only access cookie present", COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.post("/refresh").cookie("access_token_cookie", t).csrf(e.csrf(t));
                }, 401, msg("Missing JWT in cookies or headers (Missing cookie \"refresh_token_cookie\"; Missing Authorization Header)")),
                row("empty access cookie value", COOKIES_HEADERS, e -> e.get("/protected").cookie("access_token_cookie", ""), 401,
                        msg("Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)")),
                row("cookie token w/o csrf claim, POST with X-CSRF-TOKEN", COOKIES_HEADERS, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.forge("{\"sub\":\"u\"}")).csrf("x"), 422, msg("Missing claim: csrf")),
                row("JWT_CSRF_CHECK_FORM, form csrf_token ok", ConformanceSetup.CSRF_FORM, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t).form("csrf_token=" + enc(e.csrf(t)));
                }, 200, ID_COOKIES),
                row("JWT_CSRF_CHECK_FORM, form csrf_token wrong", ConformanceSetup.CSRF_FORM, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.access()).form("csrf_token=wrong"), 401, msg("CSRF double submit tokens do not match")),
                row("JWT_COOKIE_CSRF_PROTECT=False, POST cookie no CSRF", ConformanceSetup.NO_CSRF, e -> e.post("/protected").cookie("access_token_cookie", e.access()), 200, ID_COOKIES),
                row("JWT_ERROR_MESSAGE_KEY=error", ConformanceSetup.ERROR_KEY, e -> e.get("/protected"), 401, msg("error", "Missing Authorization Header")),
                row("aud expected, missing", ConformanceSetup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\"}")), 422,
                        msg("Token is missing the \"aud\" claim")),
                row("aud mismatch", ConformanceSetup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\",\"aud\":\"aud2\"}")), 422, msg("Audience doesn't match")),
                row("iss missing", ConformanceSetup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"aud\":\"aud1\"}")), 422, msg("Token is missing the \"iss\" claim")),
                row("iss mismatch", ConformanceSetup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss2\",\"aud\":\"aud1\"}")), 422, msg("Invalid issuer")),
                row("aud+iss ok", ConformanceSetup.AUD_ISS, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"iss\":\"iss1\",\"aud\":\"aud1\"}")), 200, ID_HEADERS),
                row("leeway 10, exp 5s ago", ConformanceSetup.LEEWAY, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 5) + "}")), 200, ID_HEADERS),
                row("JWT_IDENTITY_CLAIM=identity, token with only sub", ConformanceSetup.IDENTITY_CLAIM, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\"}")), 422,
                        msg("Missing claim: identity")),
                row("JWT_VERIFY_SUB=False, sub int", ConformanceSetup.NO_VERIFY_SUB, e -> e.get("/protected").bearer(e.forge("{\"sub\":5}")), 200, "{\"id\":5,\"loc\":\"headers\"}"),
                row("optional, no cookie, POST", COOKIES_HEADERS, e -> e.post("/optional"), 200, "{\"id\":null}"),
                row("optional, cookie present, POST without CSRF", COOKIES_HEADERS, e -> e.post("/optional").cookie("access_token_cookie", e.access()), 401,
                        msg("Missing CSRF token")),
                row("optional, expired cookie, GET", COOKIES_HEADERS, e -> e.get("/optional")
                        .cookie("access_token_cookie", e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() - 60) + "}")), 401, msg("Token has expired")));
    }

    /** The further flask-jwt-extended edge cases, beside the probe's table. */
    static List<ConformanceCase> moreEdgeCases() {
        ConformanceSetup D = DEFAULT;
        return List.of(
                row("JSON body [1]", ConformanceSetup.JSON, e -> e.post("/protected").json("[1]"), 401, msg("Missing \"access_token\" key in json data."))
                        .deviating("reference 500 (AttributeError on list.get); a non-object body holds no token"),
                row("JSON body \"abc\"", ConformanceSetup.JSON, e -> e.post("/protected").json("\"abc\""), 401, msg("Missing \"access_token\" key in json data."))
                        .deviating("reference 500 (AttributeError on str.get); a non-object body holds no token"),
                row("OPTIONS to a view that calls get_jwt()", D, e -> e.request("OPTIONS", "/claims"), 200, "{}")
                        .deviating("reference 500 (nothing stored for OPTIONS); the handler sees an absent token: no claims"),
                row("Authorization: , ,", D, e -> e.get("/protected").header("Authorization", ", ,"), 401, msg(NO_TYPE))
                        .deviating("reference 500 (IndexError on a blank entry); blank entries are no Bearer entry"),
                row("Authorization: Bearer, <jwt>", D, e -> e.get("/protected").header("Authorization", "Bearer, " + e.access()), 422, msg(BAD)),
                row("Authorization: ,Bearer x", D, e -> e.get("/protected").header("Authorization", ",Bearer x"), 422, msg("Not enough segments")),
                row("Authorization: Bearer ,,0 (upstream fix #567)", D, e -> e.get("/protected").header("Authorization", "Bearer ,,0"), 422, msg(BAD)),
                row("two Authorization field lines", D, e -> {
                    String t = e.access();
                    return e.get("/protected").bearer(t).bearer(t);
                }, 400, msg("Multiple Authorization headers"))
                        .deviating("reference reads whatever the WSGI server makes of them; RFC 6750 3.1: ambiguous request, 400"),
                row("?jwt=a&jwt=b", ConformanceSetup.QUERY, e -> e.get("/protected?jwt=a&jwt=b"), 400, msg("Multiple 'jwt' query parameters"))
                        .deviating("reference uses the first value; a repeated parameter is ambiguous, 400"),
                row("a form field named jwt is no query parameter", ConformanceSetup.QUERY, e -> e.post("/protected").form("jwt=" + e.access()), 401,
                        msg("Missing 'jwt' query paramater")));
    }

    /** Cookies: reading them (names, duplicates, CSRF), setting them and clearing them. */
    static List<ConformanceCase> cookies() {
        ConformanceSetup A = COOKIE_ATTRIBUTES;
        return List.of(
                row("set access and refresh cookies", ConformanceSetup.COOKIES_HEADERS, e -> e.post("/cookies/login")
                        .header("X-Access-Token", e.access()).header("X-Refresh-Token", e.refresh()), 200, OK)
                        .withCookies(e -> {
                            List<String> lines = new ArrayList<>(CaseEnv.lines(e.manager().accessCookies(e.tokens.get(0))));
                            lines.addAll(CaseEnv.lines(e.manager().refreshCookies(e.tokens.get(1))));
                            return lines;
                        }),
                row("unset the cookies", DEFAULT, e -> e.post("/cookies/logout"), 200, OK)
                        .withCookies(e -> CaseEnv.lines(e.manager().unsetJwtCookies())),
                row("set cookies with Secure, Domain, SameSite, Max-Age, custom name and path", A, e -> e.post("/cookies/login")
                        .header("X-Access-Token", e.access()).header("X-Refresh-Token", e.refresh()), 200, OK)
                        .withCookies(e -> {
                            List<String> lines = new ArrayList<>(CaseEnv.lines(e.manager().accessCookies(e.tokens.get(0))));
                            lines.addAll(CaseEnv.lines(e.manager().refreshCookies(e.tokens.get(1))));
                            return lines;
                        }),
                row("unset cookies with their attributes", A, e -> e.post("/cookies/logout"), 200, OK)
                        .withCookies(e -> CaseEnv.lines(e.manager().unsetJwtCookies())),
                row("custom access cookie name, GET", A, e -> e.get("/protected").cookie("at", e.access()), 200, ID_COOKIES),
                row("custom access cookie name, POST without CSRF", A, e -> e.post("/protected").cookie("at", e.access()), 401, msg("Missing CSRF token")),
                row("custom access cookie name, POST with CSRF", A, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("at", t).csrf(e.csrf(t));
                }, 200, ID_COOKIES),
                row("default cookie name ignored when renamed", A, e -> e.get("/protected").cookie("access_token_cookie", e.access()), 401,
                        msg("Missing cookie \"at\"")),
                row("CSRF header does not match", COOKIES_HEADERS, e -> e.post("/protected").cookie("access_token_cookie", e.access()).csrf("nope"), 401,
                        msg("CSRF double submit tokens do not match")),
                row("refresh cookie with refresh CSRF", COOKIES_HEADERS, e -> {
                    String t = e.refresh();
                    return e.post("/refresh").cookie("refresh_token_cookie", t).csrf(e.csrf(t));
                }, 200, ID),
                row("DELETE with cookie needs CSRF", COOKIES_HEADERS, e -> e.request("DELETE", "/protected").cookie("access_token_cookie", e.access()), 401,
                        msg("Missing CSRF token")),
                row("PUT with cookie and CSRF", COOKIES_HEADERS, e -> {
                    String t = e.access();
                    return e.request("PUT", "/protected").cookie("access_token_cookie", t).csrf(e.csrf(t));
                }, 200, ID_COOKIES),
                row("two same-named cookies: the first is used (valid first)", COOKIES_HEADERS, e -> e.get("/protected")
                        .cookie("access_token_cookie", e.access()).cookie("access_token_cookie", "x.y"), 200, ID_COOKIES),
                row("two same-named cookies: the first is used (bad first)", COOKIES_HEADERS, e -> e.get("/protected")
                        .cookie("access_token_cookie", "x.y").cookie("access_token_cookie", e.access()), 422, msg("Not enough segments")));
    }

    /** The request accessors, failures thrown by a handler, a revocation store outage, unguarded and prefix paths. */
    static List<ConformanceCase> accessors() {
        return List.of(
                row("claims accessor (type, fresh, jti defaulted)", DEFAULT, e -> e.get("/claims").bearer(e.forge("{\"sub\":\"u\",\"a\":[1,2],\"b\":{\"c\":true}}")), 200,
                        "{\"a\":[1,2],\"b\":{\"c\":true},\"fresh\":false,\"jti\":null,\"sub\":\"u\",\"type\":\"access\"}"),
                row("header accessor", DEFAULT, e -> e.get("/header").bearer(e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}", "{\"sub\":\"u\"}", SECRET)), 200,
                        "{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}"),
                row("current user accessor", ConformanceSetup.USER_LOOKUP, e -> e.get("/user").bearer(e.access()), 200, "{\"user\":\"user:u\"}"),
                row("verify inside a handler, ok", DEFAULT, e -> e.get("/verify-inside").bearer(e.fresh()), 200, ID),
                row("verify inside a handler, failure answered", DEFAULT, e -> e.get("/verify-inside").bearer(e.access()), 401, msg("Fresh token required")),
                row("revocation store down: fails closed", ConformanceSetup.STORE_DOWN, e -> e.get("/protected").bearer(e.access()), 503,
                        msg("Token revocation status is temporarily unavailable")),
                row("revocation store down, skip_revocation_check=True", ConformanceSetup.STORE_DOWN, e -> e.get("/skip-revocation").bearer(e.access()), 200, ID),
                row("unguarded route ignores tokens", DEFAULT, e -> e.get("/open").header("Authorization", "Bearer x.y"), 200, OK),
                row("guarded path under a prefix", DEFAULT, e -> e.get("/protected/deeper"), 401, msg("Missing Authorization Header")));
    }

    /** RFC 6750 §3.1 answers. */
    static List<ConformanceCase> rfc6750() {
        ConformanceSetup R = ConformanceSetup.RFC6750;
        return List.of(
                row("rfc6750: missing token", R, e -> e.get("/protected"), 401, msg("Missing Authorization Header")).withChallenge("Bearer"),
                row("rfc6750: invalid token", R, e -> e.get("/protected").header("Authorization", "Bearer x.y"), 401, msg("Not enough segments"))
                        .withChallenge("Bearer error=\"invalid_token\""),
                row("rfc6750: not fresh", R, e -> e.get("/fresh").bearer(e.access()), 401, msg("Fresh token required"))
                        .withChallenge("Bearer error=\"insufficient_scope\""),
                row("rfc6750: ambiguous request", R, e -> e.get("/protected").bearer("a").bearer("b"), 400, msg("Multiple Authorization headers"))
                        .withChallenge("Bearer error=\"invalid_request\""));
    }

    /** An {@code alg: none} token: empty signature. */
    static String unsigned(String payloadJson) {
        return io.github.jwtextended.fixtures.Forge.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                + io.github.jwtextended.fixtures.Forge.b64(payloadJson) + ".";
    }

    private static final String SIG = "Signature verification failed";
    private static final String NOT_ALLOWED = "The specified alg value is not allowed";
    private static final String U = "{\"sub\":\"u\"}";

    /** A token whose segments are given as they stand (base64url or not), signed with SECRET over them. */
    private static String segments(String header, String payload, String signature) {
        return header + "." + payload + "." + signature;
    }

    /**
     * The hostile-input rows of SECURITY.md (named {@code catalogue <ID>}; the table there says each
     * rule) not already in the rows above, with the answer the rule asks for; where this library keeps
     * flask-jwt-extended's answer against a recommendation, the row pins that (docs/compatibility.md
     * says why).
     */
    static List<ConformanceCase> catalogue() {
        ConformanceSetup D = DEFAULT;
        String h = io.github.jwtextended.fixtures.Forge.b64(HS256);
        String p = io.github.jwtextended.fixtures.Forge.b64(U);
        return List.of(
                row("catalogue A2: abc (no dot)", D, e -> e.get("/protected").bearer("abc"), 422, msg("Not enough segments")),
                row("catalogue A3: empty header segment", D, e -> e.get("/protected").bearer(
                        segments("", p, e.forge(U).split("\\.")[2])), 422, msg("Invalid header string: not valid JSON")),
                row("catalogue A4: four segments", D, e -> e.get("/protected").bearer(e.forge(U) + ".x"), 422, msg("Invalid payload padding")),
                row("catalogue A5: five segments (compact JWE shape)", D, e -> e.get("/protected").bearer(
                        segments(io.github.jwtextended.fixtures.Forge.b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}"), "", "AAAAAAAAAAAAAAAA")
                                + ".AAAA.AAAAAAAAAAAAAAAAAAAAAA"), 422, msg("Invalid payload padding")),
                row("catalogue A8: padded signature", D, e -> e.get("/protected").bearer(e.forge(U) + "="), 422, msg("Invalid crypto padding")),
                row("catalogue A9: standard-alphabet characters", D, e -> e.get("/protected").bearer(e.forge(U).replace('-', '+').replace('_', '/') + "+/"),
                        422, msg("Invalid crypto padding")),
                row("catalogue B2: alg none with a real HMAC", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"none\",\"typ\":\"JWT\"}", U, SECRET)), 422, msg(NOT_ALLOWED)),
                row("catalogue B3: alg as an array", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":[\"HS256\"],\"typ\":\"JWT\"}", U, SECRET)), 422, msg(NOT_ALLOWED)),
                row("catalogue B5: alg hs256 (case variant)", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"hs256\",\"typ\":\"JWT\"}", U, SECRET)), 422, msg(NOT_ALLOWED)),
                row("catalogue B10: alg HS1024", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS1024\",\"typ\":\"JWT\"}", U, SECRET)), 422, msg(NOT_ALLOWED)),
                row("catalogue C1: stripped signature", D, e -> e.get("/protected").bearer(h + "." + p + "."), 422, msg(SIG)),
                row("catalogue C3: payload changed, signature kept", D, e -> {
                    String[] t = e.access().split("\\.");
                    return e.get("/protected").bearer(t[0] + "." + io.github.jwtextended.fixtures.Forge.b64("{\"sub\":\"admin\",\"type\":\"access\"}") + "." + t[2]);
                }, 422, msg(SIG)),
                row("catalogue C10: 16-byte MAC for HS256", D, e -> {
                    String[] t = e.access().split("\\.");
                    byte[] mac = java.util.Base64.getUrlDecoder().decode(t[2]);
                    return e.get("/protected").bearer(t[0] + "." + t[1] + "." + io.github.jwtextended.fixtures.Forge.b64(java.util.Arrays.copyOf(mac, 16)));
                }, 422, msg(SIG)),
                row("catalogue D1: crit []", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"crit\":[]}", U, SECRET)), 422, msg("Unsupported critical header parameter")),
                // Signed over the segments as they stand, which is also the RFC 7797 signing input when b64 is
                // false: the signature verifies either way, and only the header rule refuses.
                row("catalogue D2: b64 false without crit, correctly signed", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"b64\":false}", U, SECRET)), 422, msg("Invalid header string: b64 is not allowed")),
                row("catalogue D2: b64 true without crit, correctly signed", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"b64\":true}", U, SECRET)), 422, msg("Invalid header string: b64 is not allowed")),
                row("catalogue D2: b64 false with crit b64", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", U, SECRET)), 422, msg("Unsupported critical header parameter")),
                row("catalogue D6: kid path traversal, signed with the bytes of /dev/null", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"../../../../../../dev/null\"}", U, "/dev/null")), 422, msg(SIG)),
                row("catalogue D7: kid SQL injection, signed with key 1", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"x' UNION SELECT '1';--\"}", U, "1")), 422, msg(SIG)),
                row("catalogue D8: kid shell command", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"|sleep 10\"}", U, OTHER_SECRET)), 422, msg(SIG)),
                row("catalogue D9: kid with CRLF and NUL", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"a\\r\\nX-Injected: 1\\u0000\"}", U, OTHER_SECRET)), 422, msg(SIG)),
                row("catalogue D9: kid of 10 KB (in a JSON body)", ConformanceSetup.JSON, e -> e.post("/protected").json("{\"access_token\":\""
                        + e.forge("HS256", "{\"alg\":\"HS256\",\"kid\":\"" + "k".repeat(10_240) + "\"}", U, SECRET) + "\"}"), 422, msg("Token is too large")),
                row("catalogue D13: zip DEF with a DEFLATE payload is never inflated", D, e -> e.get("/protected").bearer(
                        io.github.jwtextended.fixtures.Forge.signSegments("HS256", SECRET.getBytes(StandardCharsets.UTF_8),
                                io.github.jwtextended.fixtures.Forge.b64("{\"alg\":\"HS256\",\"zip\":\"DEF\"}"),
                                io.github.jwtextended.fixtures.Forge.b64(deflate(U)))), 422, msg("Invalid payload string: not valid UTF-8")),
                row("catalogue D17: unknown non-critical header is ignored", D, e -> e.get("/protected").bearer(
                        e.forge("HS256", "{\"alg\":\"HS256\",\"foo\":\"bar\",\"typ\":\"JWT\"}", "{\"sub\":\"u\",\"exp\":" + (e.now() + 60) + "}", SECRET)),
                        200, ID_HEADERS),
                row("catalogue E1: no exp (kept as flask: valid, rec. 422 not adopted)", D, e -> e.get("/protected").bearer(e.forge(U)), 200, ID_HEADERS),
                row("catalogue E4: fractional exp in the future", D, e -> e.get("/protected").bearer(
                        e.forge("{\"sub\":\"u\",\"exp\":" + e.now() + ".5}")), 200, ID_HEADERS),
                row("catalogue E5: exp 1e400", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":1e400}")), 422,
                        msg("Expiration Time claim (exp) must be an integer.")),
                row("catalogue E5: exp 2^63", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":9223372036854775808}")), 422,
                        msg("Expiration Time claim (exp) must be an integer.")),
                row("catalogue E6: exp -1", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":-1}")), 401, msg("Token has expired")),
                row("catalogue E7: exp = now (leeway 0)", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + e.now() + "}")), 401,
                        msg("Token has expired")),
                row("catalogue E7: exp = now + 1 (leeway 0)", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"exp\":" + (e.now() + 1) + "}")),
                        200, ID_HEADERS),
                row("catalogue E12: sub false", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":false}")), 422, msg("Subject must be a string")),
                row("catalogue E23: no jti (kept as flask: valid, cannot be revoked)", D, e -> e.get("/protected").bearer(
                        e.forge("{\"sub\":\"u\",\"type\":\"access\",\"exp\":" + (e.now() + 60) + "}")), 200, ID_HEADERS),
                row("catalogue E23: jti of another type", D, e -> e.get("/protected").bearer(e.forge("{\"sub\":\"u\",\"jti\":{}}")), 422,
                        msg("JWT ID must be a string")),
                row("catalogue F4: surrounding spaces", D, e -> e.get("/protected").header("Authorization", "  Bearer   " + e.access() + "  "), 200, ID_HEADERS),
                row("catalogue F5: Bearer<TAB><jwt> (kept as flask: accepted)", D, e -> e.get("/protected").header("Authorization", "Bearer\t" + e.access()),
                        200, ID_HEADERS),
                row("catalogue F5: Bearer:<jwt>", D, e -> e.get("/protected").header("Authorization", "Bearer:" + e.access()), 401, msg(NO_TYPE)),
                row("catalogue F7: Basic creds, Bearer <jwt>", D, e -> e.get("/protected").header("Authorization", "Basic dXNlcjpwYXNz, Bearer " + e.access()),
                        200, ID_HEADERS),
                row("catalogue F15: duplicate access_token members", ConformanceSetup.JSON, e -> e.post("/protected")
                        .json("{\"access_token\":\"x\",\"access_token\":\"" + e.access() + "\"}"), 401, msg("Missing \"access_token\" key in json data."))
                        .deviating("reference: the last member wins; a repeated name is invalid JSON here (catalogue F15/T7)"),
                row("catalogue F15: access_token null", ConformanceSetup.JSON, e -> e.post("/protected").json("{\"access_token\":null}"), 401,
                        msg("Missing \"access_token\" key in json data.")),
                // A charset the JVM does not know: Jetty's parsed Content-Type threw on it (a 500 found by
                // RawFramingContract); the JSON location reads the header as sent, and JSON is UTF-8 anyway.
                row("JSON body under charset=utf-7", ConformanceSetup.JSON, e -> e.post("/protected")
                        .body("application/json; charset=utf-7", "{\"access_token\":\"" + e.access() + "\"}"), 200, "{\"id\":\"u\",\"loc\":\"json\"}"),
                row("JSON body under an invalid charset name", ConformanceSetup.JSON, e -> e.post("/protected")
                        .body("application/json; charset=\"no such\"", "{\"access_token\":\"" + e.access() + "\"}"), 200, "{\"id\":\"u\",\"loc\":\"json\"}"),
                row("JWT_CSRF_CHECK_FORM, form under a charset the JVM does not know", ConformanceSetup.CSRF_FORM, e -> {
                    String t = e.access();
                    return e.post("/protected").cookie("access_token_cookie", t)
                            .body("application/x-www-form-urlencoded; charset=utf-7", "csrf_token=" + enc(e.csrf(t)));
                }, 401, msg("Missing CSRF token"))
                        .deviating("reference: Werkzeug decodes the form as UTF-8 whatever its charset; here no CSRF value is read"
                                + " from a form the container cannot decode (Jetty throws, Tomcat guesses): 401, never a 500"),
                row("catalogue G3: CSRF header equal to a tossed CSRF cookie", COOKIES_HEADERS, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.access()).cookie("csrf_access_token", "tossed-by-attacker").csrf("tossed-by-attacker"),
                        401, msg("CSRF double submit tokens do not match")),
                // A method override is not honoured (GET stays GET; G5); where the framework routes by the
                // header (Javalin), the CSRF check follows the effective method.
                row("catalogue G5: method override header on a GET with a cookie and no CSRF header", COOKIES_HEADERS, e -> e.get("/protected")
                        .cookie("access_token_cookie", e.access()).header("X-HTTP-Method-Override", "DELETE"), 200, ID_COOKIES)
                        .whenRoutedByMethodOverride(401, msg("Missing CSRF token")),
                row("catalogue G7: empty X-CSRF-TOKEN", COOKIES_HEADERS, e -> e.post("/protected")
                        .cookie("access_token_cookie", e.access()).csrf(""), 401, msg("Missing CSRF token")));
    }

    private static byte[] deflate(String text) {
        java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(text.getBytes(StandardCharsets.UTF_8));
        d.finish();
        byte[] out = new byte[256];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
