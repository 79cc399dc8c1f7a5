package io.github.jwtextended.extract;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.BadRequestException;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.MissingTokenException;
import io.github.jwtextended.fixtures.FakeRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.UnaryOperator;

import static io.github.jwtextended.error.InvalidTokenException.Reason.REQUEST;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-location extraction rules and messages, as flask-jwt-extended has them. */
class TokenExtractorTest {
    private static final String T = "aaa.bbb.ccc";
    private static final String BAD_HEADER = "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'";
    private static final String NO_BEARER = "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'";

    private static TokenExtractor extractor(UnaryOperator<JwtConfig.Builder> cfg) {
        return new TokenExtractor(cfg.apply(config()).build());
    }

    private static String header(String value) {
        return extractor(b -> b).extract(FakeRequest.get().header("Authorization", value), TokenLocation.HEADERS, false).token();
    }

    /** A missing token (UNAUTHORIZED) or a malformed header (INVALID_TOKEN, reason REQUEST), with the reference's message. */
    private static void headerFails(String value, ErrorKind kind, String message) {
        assertThatThrownBy(() -> header(value)).isInstanceOf(JwtException.class).hasMessage(message)
                .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(kind))
                .satisfies(e -> {
                    if (kind == ErrorKind.UNAUTHORIZED) {
                        assertThat(e).isInstanceOf(MissingTokenException.class);
                    } else {
                        assertThat(e).satisfies(invalidToken(REQUEST, null));
                    }
                });
    }

    @Test
    void headerForms() {
        assertThat(header("Bearer " + T)).isEqualTo(T);
        assertThat(header("Bearer  " + T)).isEqualTo(T);
        assertThat(header("  Bearer " + T + "  ")).isEqualTo(T);
        assertThat(header("Bearer\t" + T)).isEqualTo(T);
        assertThat(header("Basic abc, Bearer " + T)).isEqualTo(T);
        assertThat(header("Bearer " + T + ", Basic abc")).isEqualTo(T);
    }

    @Test
    void headerErrors() {
        assertThatThrownBy(() -> extractor(b -> b).extract(FakeRequest.get(), TokenLocation.HEADERS, false))
                .hasMessage("Missing Authorization Header");
        for (String empty : new String[]{"", ",", " , ", ",,"}) {
            headerFails(empty, ErrorKind.UNAUTHORIZED, "Missing Authorization Header");
        }
        headerFails("Basic dXNlcjpwYXNz", ErrorKind.UNAUTHORIZED, NO_BEARER);
        headerFails(T, ErrorKind.UNAUTHORIZED, NO_BEARER);
        headerFails("Bearer a, Bearer b", ErrorKind.UNAUTHORIZED, NO_BEARER);
        headerFails(", ,", ErrorKind.UNAUTHORIZED, NO_BEARER);
        headerFails("Bearer", ErrorKind.INVALID_TOKEN, BAD_HEADER);
        headerFails("Bearer " + T + " extra", ErrorKind.INVALID_TOKEN, BAD_HEADER);
        headerFails("Bearer ,,0", ErrorKind.INVALID_TOKEN, BAD_HEADER);
        headerFails("Bearer, " + T, ErrorKind.INVALID_TOKEN, BAD_HEADER);
    }

    /** The auth-scheme is ASCII case-insensitive by default (RFC 9110 §11.1; F3); exact on request. */
    @Test
    void schemeCase() {
        for (String scheme : new String[]{"bearer", "BEARER", "BeArEr", "Bearer"}) {
            assertThat(extractor(b -> b).extract(FakeRequest.get().header("Authorization", scheme + " " + T), TokenLocation.HEADERS, false)
                    .token()).as(scheme).isEqualTo(T);
            assertThat(extractor(b -> b).extract(FakeRequest.get().header("Authorization", "Basic x, " + scheme + " " + T),
                    TokenLocation.HEADERS, false).token()).as(scheme).isEqualTo(T);
        }
        // Only ASCII letters fold: a dotless i, a Kelvin sign or a fullwidth letter is another scheme.
        for (String lookalike : new String[]{"Bear\u0131r", "BEARE\u0280", "\uff22earer", "Bearer\u00a0"}) {
            assertThatThrownBy(() -> extractor(b -> b).extract(FakeRequest.get().header("Authorization", lookalike + " " + T),
                    TokenLocation.HEADERS, false)).as(lookalike).hasMessage(NO_BEARER);
        }
        TokenExtractor exact = extractor(b -> b.header(h -> h.withTypeCaseSensitive(true)));
        for (String scheme : new String[]{"bearer", "BEARER", "BeArEr"}) {
            assertThatThrownBy(() -> exact.extract(FakeRequest.get().header("Authorization", scheme + " " + T), TokenLocation.HEADERS, false))
                    .as(scheme).hasMessage(NO_BEARER)
                    .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
        }
        assertThat(exact.extract(FakeRequest.get().header("Authorization", "Bearer " + T), TokenLocation.HEADERS, false).token()).isEqualTo(T);
        TokenExtractor custom = extractor(b -> b.header(h -> h.withType("JWT")));
        assertThat(custom.extract(FakeRequest.get().header("Authorization", "jwt " + T), TokenLocation.HEADERS, false).token()).isEqualTo(T);
    }

    @Test
    void twoHeaderLinesAreAmbiguous() {
        FakeRequest r = FakeRequest.get().header("Authorization", "Bearer " + T).header("Authorization", "Bearer " + T);
        assertThatThrownBy(() -> extractor(b -> b).extract(r, TokenLocation.HEADERS, false))
                .isInstanceOf(BadRequestException.class)
                .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    }

    @Test
    void aBodyOverTheLimitIsABadRequestNotAMissingToken() {
        String padding = "x".repeat(64 * 1024); // the body passes the default limit of 64 KiB
        FakeRequest r = FakeRequest.post().json("{\"access_token\":\"" + T + "\",\"pad\":\"" + padding + "\"}");
        assertThatThrownBy(() -> extractor(b -> b).extract(r, TokenLocation.JSON, false))
                .isInstanceOf(BadRequestException.class).hasMessage("Request body too large")
                .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.BAD_REQUEST));
    }

    @Test
    void bareHeaderType() {
        TokenExtractor x = extractor(b -> b.header(h -> h.withName("X-Token").withType("")));
        assertThat(x.extract(FakeRequest.get().header("X-Token", T), TokenLocation.HEADERS, false).token()).isEqualTo(T);
        assertThatThrownBy(() -> x.extract(FakeRequest.get(), TokenLocation.HEADERS, false)).hasMessage("Missing X-Token Header");
        assertThatThrownBy(() -> x.extract(FakeRequest.get().header("X-Token", "Bearer " + T), TokenLocation.HEADERS, false))
                .hasMessage("Bad X-Token header. Expected 'X-Token: <JWT>'");
    }

    @Test
    void cookies() {
        TokenExtractor x = extractor(b -> b);
        assertThatThrownBy(() -> x.extract(FakeRequest.get(), TokenLocation.COOKIES, false))
                .hasMessage("Missing cookie \"access_token_cookie\"");
        assertThatThrownBy(() -> x.extract(FakeRequest.get().cookie("access_token_cookie", ""), TokenLocation.COOKIES, false))
                .hasMessage("Missing cookie \"access_token_cookie\"");
        assertThatThrownBy(() -> x.extract(FakeRequest.get().cookie("access_token_cookie", T), TokenLocation.COOKIES, true))
                .hasMessage("Missing cookie \"refresh_token_cookie\"");
        ExtractedToken get = x.extract(FakeRequest.get().cookie("access_token_cookie", T), TokenLocation.COOKIES, false);
        assertThat(get.token()).isEqualTo(T);
        assertThat(get.csrfValue()).isNull();
        assertThat(get.toString()).doesNotContain(T);
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE", "post"})
    void csrfIsRequiredOnStateChangingMethods(String method) {
        TokenExtractor x = extractor(b -> b);
        FakeRequest noCsrf = FakeRequest.method(method).cookie("access_token_cookie", T);
        assertThatThrownBy(() -> x.extract(noCsrf, TokenLocation.COOKIES, false)).isInstanceOf(CsrfException.class)
                .hasMessage("Missing CSRF token");
        FakeRequest empty = FakeRequest.method(method).cookie("access_token_cookie", T).header("X-CSRF-TOKEN", "");
        assertThatThrownBy(() -> x.extract(empty, TokenLocation.COOKIES, false)).hasMessage("Missing CSRF token");
        FakeRequest ok = FakeRequest.method(method).cookie("access_token_cookie", T).header("X-CSRF-TOKEN", "c");
        assertThat(x.extract(ok, TokenLocation.COOKIES, false).csrfValue()).isEqualTo("c");
    }

    @Test
    void csrfFormFieldOnlyWhenEnabled() {
        FakeRequest r = FakeRequest.post().cookie("access_token_cookie", T).form("csrf_token", "c");
        assertThatThrownBy(() -> extractor(b -> b).extract(r, TokenLocation.COOKIES, false)).hasMessage("Missing CSRF token");
        assertThat(extractor(b -> b.csrf(c -> c.withCheckForm(true))).extract(r, TokenLocation.COOKIES, false).csrfValue()).isEqualTo("c");
        assertThat(extractor(b -> b.csrf(c -> c.withProtect(false))).extract(FakeRequest.post().cookie("access_token_cookie", T),
                TokenLocation.COOKIES, false).csrfValue()).isNull();
    }

    @Test
    void refreshCsrfHeader() {
        TokenExtractor x = extractor(b -> b.refresh(r -> r.withCsrf(c -> c.withHeaderName("X-R"))));
        FakeRequest r = FakeRequest.post().cookie("refresh_token_cookie", T).header("X-CSRF-TOKEN", "a").header("X-R", "r");
        assertThat(x.extract(r, TokenLocation.COOKIES, true).csrfValue()).isEqualTo("r");
    }

    @Test
    void queryString() {
        TokenExtractor x = extractor(b -> b);
        assertThatThrownBy(() -> x.extract(FakeRequest.get(), TokenLocation.QUERY_STRING, false))
                .hasMessage("Missing 'jwt' query paramater");
        assertThatThrownBy(() -> x.extract(FakeRequest.get().query("jwt", ""), TokenLocation.QUERY_STRING, false))
                .hasMessage("Missing 'jwt' query paramater");
        assertThat(x.extract(FakeRequest.get().query("jwt", T), TokenLocation.QUERY_STRING, false).token()).isEqualTo(T);
        assertThatThrownBy(() -> x.extract(FakeRequest.get().query("jwt", T, T), TokenLocation.QUERY_STRING, false))
                .isInstanceOf(BadRequestException.class);
        TokenExtractor prefixed = extractor(b -> b.query(q -> q.withValuePrefix("Bearer ")));
        assertThatThrownBy(() -> prefixed.extract(FakeRequest.get().query("jwt", T), TokenLocation.QUERY_STRING, false))
                .hasMessage("Invalid value for query parameter 'jwt'. Expected the value to start with 'Bearer '")
                .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.INVALID_TOKEN))
                .satisfies(invalidToken(REQUEST, null));
        assertThat(prefixed.extract(FakeRequest.get().query("jwt", "Bearer " + T), TokenLocation.QUERY_STRING, false).token())
                .isEqualTo(T);
    }

    @Test
    void jsonBody() {
        TokenExtractor x = extractor(b -> b);
        String badType = "Invalid content-type. Must be application/json.";
        String missing = "Missing \"access_token\" key in json data.";
        assertThatThrownBy(() -> x.extract(FakeRequest.get(), TokenLocation.JSON, false)).hasMessage(badType);
        assertThatThrownBy(() -> x.extract(FakeRequest.post().body("text/plain", "{\"access_token\":\"x\"}".getBytes()),
                TokenLocation.JSON, false)).hasMessage(badType);
        for (String body : new String[]{"", "not json", "{}", "null", "[]", "[1]", "\"abc\"", "{\"access_token\":\"\"}",
                "{\"access_token\":null}", "{\"access_token\":false}", "{\"access_token\":0}", "{\"access_token\":[]}"}) {
            assertThatThrownBy(() -> x.extract(FakeRequest.post().json(body), TokenLocation.JSON, false))
                    .as(body).hasMessage(missing)
                    .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
        }
        assertThatThrownBy(() -> x.extract(FakeRequest.post().json("{\"access_token\":123}"), TokenLocation.JSON, false))
                .hasMessage("Invalid token type. Token must be a string")
                .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.INVALID_TOKEN))
                .satisfies(invalidToken(REQUEST, null));
        assertThat(x.extract(FakeRequest.post().json("{\"access_token\":\"" + T + "\"}"), TokenLocation.JSON, false).token())
                .isEqualTo(T);
        assertThat(x.extract(FakeRequest.post().body("application/vnd.api+json; charset=utf-8",
                ("{\"access_token\":\"" + T + "\"}").getBytes()), TokenLocation.JSON, false).token()).isEqualTo(T);
        assertThatThrownBy(() -> x.extract(FakeRequest.post().json("{\"access_token\":\"" + T + "\"}"), TokenLocation.JSON, true))
                .hasMessage("Missing \"refresh_token\" key in json data.");
        assertThatThrownBy(() -> x.extract(FakeRequest.post().json("{\"access_token\":\"" + "x".repeat(70_000) + "\"}"),
                TokenLocation.JSON, false)).isInstanceOf(JwtException.class);
    }

    /** Two access_token members (or any repeated name) are invalid JSON, never last-wins (F15, T7). */
    @Test
    void jsonBodyWithDuplicateNamesIsInvalid() {
        TokenExtractor x = extractor(b -> b);
        for (String body : new String[]{"{\"access_token\":\"x\",\"access_token\":\"" + T + "\"}",
                "{\"access_token\":\"" + T + "\",\"access_token\":\"" + T + "\"}",
                "{\"a\":1,\"a\":2,\"access_token\":\"" + T + "\"}",
                "{\"access_token\":\"" + T + "\",\"o\":{\"k\":1,\"k\":1}}"}) {
            assertThatThrownBy(() -> x.extract(FakeRequest.post().json(body), TokenLocation.JSON, false))
                    .as(body).hasMessage("Missing \"access_token\" key in json data.")
                    .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
        }
    }
}
