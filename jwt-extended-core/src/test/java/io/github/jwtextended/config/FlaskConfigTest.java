package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.JwsAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlaskConfigTest {

    /** Every configuration option of flask-jwt-extended 4.7.1 except the asymmetric keys. */
    private static final List<String> REFERENCE_KEYS = List.of(
            "JWT_ACCESS_TOKEN_EXPIRES", "JWT_REFRESH_TOKEN_EXPIRES", "JWT_ALGORITHM", "JWT_DECODE_ALGORITHMS",
            "JWT_SECRET_KEY", "JWT_DECODE_AUDIENCE", "JWT_ENCODE_AUDIENCE", "JWT_DECODE_ISSUER", "JWT_ENCODE_ISSUER",
            "JWT_DECODE_LEEWAY", "JWT_ENCODE_NBF", "JWT_ERROR_MESSAGE_KEY", "JWT_IDENTITY_CLAIM", "JWT_VERIFY_SUB",
            "JWT_TOKEN_LOCATION", "JWT_HEADER_NAME", "JWT_HEADER_TYPE", "JWT_QUERY_STRING_NAME",
            "JWT_QUERY_STRING_VALUE_PREFIX", "JWT_JSON_KEY", "JWT_REFRESH_JSON_KEY", "JWT_ACCESS_COOKIE_NAME",
            "JWT_REFRESH_COOKIE_NAME", "JWT_ACCESS_COOKIE_PATH", "JWT_REFRESH_COOKIE_PATH", "JWT_COOKIE_SECURE",
            "JWT_COOKIE_DOMAIN", "JWT_COOKIE_SAMESITE", "JWT_SESSION_COOKIE", "JWT_COOKIE_CSRF_PROTECT",
            "JWT_CSRF_METHODS", "JWT_CSRF_IN_COOKIES", "JWT_CSRF_CHECK_FORM", "JWT_ACCESS_CSRF_COOKIE_NAME",
            "JWT_REFRESH_CSRF_COOKIE_NAME", "JWT_ACCESS_CSRF_COOKIE_PATH", "JWT_REFRESH_CSRF_COOKIE_PATH",
            "JWT_ACCESS_CSRF_HEADER_NAME", "JWT_REFRESH_CSRF_HEADER_NAME", "JWT_ACCESS_CSRF_FIELD_NAME",
            "JWT_REFRESH_CSRF_FIELD_NAME");

    /**
     * Our strict options (a token without {@code type} refused, E20; the {@code Bearer} scheme compared
     * case-insensitively, F3): defaults, and the flask-style keys that set them.
     */
    @Test
    void requireTypeAndSchemeCaseKeys() {
        JwtConfig d = FlaskConfig.load(Map.of("JWT_SECRET_KEY", "fake-test-secret-0123456789abcdef")).build();
        assertThat(d.requireType()).isFalse();
        assertThat(d.headerTypeCaseSensitive()).isFalse();
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", "fake-test-secret-0123456789abcdef",
                "JWT_REQUIRE_TYPE", "true", "JWT_HEADER_TYPE_CASE_SENSITIVE", "yes")).build();
        assertThat(c.requireType()).isTrue();
        assertThat(c.headerTypeCaseSensitive()).isTrue();
        assertThat(c.toBuilder().build().requireType()).isTrue();
        assertThat(c.toBuilder().build().headerTypeCaseSensitive()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_REQUIRE_TYPE", "maybe")))
                .hasMessage("JWT_REQUIRE_TYPE must be true or false");
    }

    @Test
    void everyReferenceKeyIsKnown() {
        assertThat(FlaskConfig.knownKeys()).containsAll(REFERENCE_KEYS);
    }

    @Test
    void everyKnownKeyIsReadFromAMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("JWT_ACCESS_TOKEN_EXPIRES", "60");
        m.put("JWT_REFRESH_TOKEN_EXPIRES", "3600");
        m.put("JWT_ALGORITHM", "HS512");
        m.put("JWT_DECODE_ALGORITHMS", "HS256, HS384");
        m.put("JWT_SECRET_KEY", SECRET_64);
        m.put("JWT_DECODE_AUDIENCE", "aud1,aud2");
        m.put("JWT_ENCODE_AUDIENCE", "aud1");
        m.put("JWT_DECODE_ISSUER", "iss1");
        m.put("JWT_ENCODE_ISSUER", "iss1");
        m.put("JWT_DECODE_LEEWAY", "10");
        m.put("JWT_ENCODE_NBF", "false");
        m.put("JWT_ERROR_MESSAGE_KEY", "error");
        m.put("JWT_IDENTITY_CLAIM", "identity");
        m.put("JWT_VERIFY_SUB", "False");
        m.put("JWT_TOKEN_LOCATION", "cookies,headers,query_string,json");
        m.put("JWT_HEADER_NAME", "X-Token");
        m.put("JWT_HEADER_TYPE", "JWT");
        m.put("JWT_QUERY_STRING_NAME", "token");
        m.put("JWT_QUERY_STRING_VALUE_PREFIX", "Bearer ");
        m.put("JWT_JSON_KEY", "at");
        m.put("JWT_REFRESH_JSON_KEY", "rt");
        m.put("JWT_ACCESS_COOKIE_NAME", "ac");
        m.put("JWT_REFRESH_COOKIE_NAME", "rc");
        m.put("JWT_ACCESS_COOKIE_PATH", "/api");
        m.put("JWT_REFRESH_COOKIE_PATH", "/refresh");
        m.put("JWT_COOKIE_SECURE", "true");
        m.put("JWT_COOKIE_DOMAIN", "example.test");
        m.put("JWT_COOKIE_SAMESITE", "strict");
        m.put("JWT_SESSION_COOKIE", "0");
        m.put("JWT_COOKIE_CSRF_PROTECT", "1");
        m.put("JWT_CSRF_METHODS", "post,delete");
        m.put("JWT_CSRF_IN_COOKIES", "no");
        m.put("JWT_CSRF_CHECK_FORM", "yes");
        m.put("JWT_ACCESS_CSRF_COOKIE_NAME", "cac");
        m.put("JWT_REFRESH_CSRF_COOKIE_NAME", "crc");
        m.put("JWT_ACCESS_CSRF_COOKIE_PATH", "/c1");
        m.put("JWT_REFRESH_CSRF_COOKIE_PATH", "/c2");
        m.put("JWT_ACCESS_CSRF_HEADER_NAME", "X-A");
        m.put("JWT_REFRESH_CSRF_HEADER_NAME", "X-R");
        m.put("JWT_ACCESS_CSRF_FIELD_NAME", "fa");
        m.put("JWT_REFRESH_CSRF_FIELD_NAME", "fr");
        m.put("JWT_ERROR_STYLE", "rfc6750");
        m.put("JWT_MAX_TOKEN_LENGTH", "4096");
        m.put("JWT_REQUIRE_TYPE", "true");
        m.put("JWT_HEADER_TYPE_CASE_SENSITIVE", "true");
        // The key settings of the public-key algorithms are covered by key/AsymmetricConfigTest.
        assertThat(m.keySet()).containsExactlyInAnyOrderElementsOf(FlaskConfig.knownKeys().stream()
                .filter(k -> !k.contains("_KEY_FILE") && !k.contains("JWKS") && !k.equals("JWT_PRIVATE_KEY")
                        && !k.equals("JWT_PUBLIC_KEY") && !k.equals("JWT_SIGNING_KID")).toList());

        JwtConfig c = FlaskConfig.load(m).build();
        assertThat(c.accessTokenExpires()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.refreshTokenExpires()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(c.algorithm()).isEqualTo(JwsAlgorithm.HS512);
        assertThat(c.decodeAlgorithms()).containsExactly(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
        assertThat(c.secretKey()).isEqualTo(SECRET_64.getBytes(StandardCharsets.UTF_8));
        assertThat(c.decodeAudience()).containsExactly("aud1", "aud2");
        assertThat(c.encodeAudience()).containsExactly("aud1");
        assertThat(c.decodeIssuer()).containsExactly("iss1");
        assertThat(c.encodeIssuer()).isEqualTo("iss1");
        assertThat(c.leeway()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.encodeNbf()).isFalse();
        assertThat(c.errorMessageKey()).isEqualTo("error");
        assertThat(c.identityClaim()).isEqualTo("identity");
        assertThat(c.verifySub()).isFalse();
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.COOKIES, TokenLocation.HEADERS,
                TokenLocation.QUERY_STRING, TokenLocation.JSON);
        assertThat(c.headerName()).isEqualTo("X-Token");
        assertThat(c.headerType()).isEqualTo("JWT");
        assertThat(c.queryStringName()).isEqualTo("token");
        assertThat(c.queryStringValuePrefix()).isEqualTo("Bearer ");
        assertThat(c.jsonKey()).isEqualTo("at");
        assertThat(c.refreshJsonKey()).isEqualTo("rt");
        assertThat(c.accessCookieName()).isEqualTo("ac");
        assertThat(c.refreshCookieName()).isEqualTo("rc");
        assertThat(c.accessCookiePath()).isEqualTo("/api");
        assertThat(c.refreshCookiePath()).isEqualTo("/refresh");
        assertThat(c.cookieSecure()).isTrue();
        assertThat(c.cookieDomain()).isEqualTo("example.test");
        assertThat(c.cookieSameSite()).isEqualTo("Strict");
        assertThat(c.sessionCookie()).isFalse();
        assertThat(c.csrfProtect()).isTrue();
        assertThat(c.csrfMethods()).containsExactly("POST", "DELETE");
        assertThat(c.csrfInCookies()).isFalse();
        assertThat(c.csrfCheckForm()).isTrue();
        assertThat(c.accessCsrfCookieName()).isEqualTo("cac");
        assertThat(c.refreshCsrfCookieName()).isEqualTo("crc");
        assertThat(c.accessCsrfCookiePath()).isEqualTo("/c1");
        assertThat(c.refreshCsrfCookiePath()).isEqualTo("/c2");
        assertThat(c.accessCsrfHeaderName()).isEqualTo("X-A");
        assertThat(c.refreshCsrfHeaderName()).isEqualTo("X-R");
        assertThat(c.accessCsrfFieldName()).isEqualTo("fa");
        assertThat(c.refreshCsrfFieldName()).isEqualTo("fr");
        assertThat(c.errorStyle()).isEqualTo(ErrorStyle.RFC6750);
        assertThat(c.maxTokenLength()).isEqualTo(4096);
        assertThat(c.requireType()).isTrue();
        assertThat(c.headerTypeCaseSensitive()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"true,true", "True,true", "1,true", "yes,true", "ON,true", " true ,true",
            "false,false", "FALSE,false", "0,false", "no,false", "off,false"})
    void envStyleBooleans(String value, boolean expected) {
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SECURE", value)).build();
        assertThat(c.cookieSecure()).isEqualTo(expected);
    }

    @Test
    void falseExpiryMeansNeverAndEmptyOptionalStringsMeanUnset() {
        Map<String, String> m = new HashMap<>();
        m.put("JWT_SECRET_KEY", SECRET_64);
        m.put("JWT_ACCESS_TOKEN_EXPIRES", "False");
        m.put("JWT_REFRESH_TOKEN_EXPIRES", " 120 ");
        m.put("JWT_COOKIE_DOMAIN", "");
        m.put("JWT_COOKIE_SAMESITE", " ");
        m.put("JWT_ENCODE_ISSUER", "");
        m.put("JWT_DECODE_AUDIENCE", "");
        m.put("JWT_HEADER_TYPE", "");
        JwtConfig c = FlaskConfig.load(m).build();
        assertThat(c.accessTokenExpires()).isNull();
        assertThat(c.refreshTokenExpires()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.cookieDomain()).isNull();
        assertThat(c.cookieSameSite()).isNull();
        assertThat(c.encodeIssuer()).isNull();
        assertThat(c.decodeAudience()).isNull();
        assertThat(c.headerType()).isEmpty();
    }

    @Test
    void flaskSecretKeyIsTheFallback() {
        JwtConfig c = FlaskConfig.load(Map.of("SECRET_KEY", SECRET_64, "OTHER", "x")).build();
        assertThat(c.secretKey()).isEqualTo(SECRET_64.getBytes(StandardCharsets.UTF_8));
        String jwtSecret = SECRET_64.replace('f', 'g');
        JwtConfig d = FlaskConfig.load(Map.of("SECRET_KEY", SECRET_64, "JWT_SECRET_KEY", jwtSecret)).build();
        assertThat(d.secretKey()).isEqualTo(jwtSecret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownJwtKeyIsRefused() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_BLACKLIST_ENABLED", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_BLACKLIST_ENABLED");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATIONS", "headers")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown setting JWT_TOKEN_LOCATIONS");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_ALGORITHM", "RS256", "JWT_PRIVATE_KEY", "-----BEGIN FAKE-----")).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("JWT_PRIVATE_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("BEGIN"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void noneIsRefused(String none) {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_ALGORITHM", none)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWT_ALGORITHM");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_DECODE_ALGORITHMS", "HS256," + none)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWT_DECODE_ALGORITHMS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rs256", "hs256", "HS1024", "ES521", "ES224", "Ed25519", "RSA1_5"})
    void unsupportedOrWrongCaseAlgorithmsAreRefused(String alg) {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_ALGORITHM", alg)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported algorithm");
    }

    @Test
    void badLocationsAreRefusedWithTheReferenceMessages() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", "headers,body")))
                .hasMessage("JWT_TOKEN_LOCATION can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATION", " , ")))
                .hasMessage("JWT_TOKEN_LOCATION must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_DECODE_ALGORITHMS", "")))
                .hasMessageContaining("JWT_DECODE_ALGORITHMS");
    }

    /** A bad value is named by key only: the value (which may be a secret pasted in the wrong place) is never echoed. */
    @ParameterizedTest
    @ValueSource(strings = {"JWT_COOKIE_SECURE", "JWT_ACCESS_TOKEN_EXPIRES", "JWT_DECODE_LEEWAY", "JWT_ALGORITHM",
            "JWT_TOKEN_LOCATION", "JWT_ERROR_STYLE", "JWT_MAX_TOKEN_LENGTH", "JWT_ENCODE_NBF"})
    void badValuesAreNeverEchoed(String key) {
        String value = "s3cr3t-value-" + SECRET_64;
        assertThatThrownBy(() -> FlaskConfig.load(Map.of(key, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t").doesNotContain(SECRET_64));
    }

    @Test
    void aShortSecretIsNeverEchoed() {
        String shortSecret = "tiny-fake-secret";
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", shortSecret)).build())
                .isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortSecret));
    }

    @Test
    void nonPositiveExpiryIsRefused() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_ACCESS_TOKEN_EXPIRES", "0")))
                .hasMessageContaining("JWT_ACCESS_TOKEN_EXPIRES");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_REFRESH_TOKEN_EXPIRES", "-3")))
                .hasMessageContaining("JWT_REFRESH_TOKEN_EXPIRES");
    }

    @Test
    void leewayFromTheMapIsValidatedAtBuild() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "301")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JWT_DECODE_LEEWAY");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "-1")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("JWT_DECODE_LEEWAY");
    }

    @Test
    void nonJwtKeysAreIgnored() {
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "PATH", "/usr/bin", "jwt_lower", "x")).build();
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.HEADERS);
    }
}
