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
import java.util.Map;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlaskConfigTest {

    /**
     * Our strict options (a token without {@code type} refused, E20; the {@code Bearer} scheme compared
     * case-insensitively, F3): defaults, and the flask-style keys that set them.
     */
    @Test
    void requireTypeAndSchemeCaseKeys() {
        JwtConfig d = FlaskConfig.load(Map.of("JWT_SECRET_KEY", "fake-test-secret-0123456789abcdef")).build();
        assertThat(d.claims().requireType()).isFalse();
        assertThat(d.header().typeCaseSensitive()).isFalse();
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", "fake-test-secret-0123456789abcdef",
                "JWT_REQUIRE_TYPE", "true", "JWT_HEADER_TYPE_CASE_SENSITIVE", "yes")).build();
        assertThat(c.claims().requireType()).isTrue();
        assertThat(c.header().typeCaseSensitive()).isTrue();
        assertThat(c.toBuilder().build().claims().requireType()).isTrue();
        assertThat(c.toBuilder().build().header().typeCaseSensitive()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_REQUIRE_TYPE", "maybe")))
                .hasMessage("JWT_REQUIRE_TYPE must be true or false");
    }

    /** Every key but the keys' (key/AsymmetricKeysTest): the text given, and the value read, written back as text ({space}: a space). */
    private static final String EVERY_KEY = """
            JWT_ACCESS_TOKEN_EXPIRES        | 60                                | 60
            JWT_REFRESH_TOKEN_EXPIRES       | 3600                              | 3600
            JWT_ALGORITHM                   | HS512                             | HS512
            JWT_DECODE_ALGORITHMS           | HS256, HS384                      | HS256,HS384,HS512
            JWT_DECODE_AUDIENCE             | aud1,aud2                         | aud1,aud2
            JWT_ENCODE_AUDIENCE             | aud1                              | aud1
            JWT_DECODE_ISSUER               | iss1                              | iss1
            JWT_ENCODE_ISSUER               | iss1                              | iss1
            JWT_DECODE_LEEWAY               | 10                                | 10
            JWT_ENCODE_NBF                  | false                             | false
            JWT_ERROR_MESSAGE_KEY           | error                             | error
            JWT_IDENTITY_CLAIM              | identity                          | identity
            JWT_VERIFY_SUB                  | False                             | false
            JWT_TOKEN_LOCATION              | cookies,headers,query_string,json | cookies,headers,query_string,json
            JWT_HEADER_NAME                 | X-Token                           | X-Token
            JWT_HEADER_TYPE                 | JWT                               | JWT
            JWT_QUERY_STRING_NAME           | token                             | token
            JWT_QUERY_STRING_VALUE_PREFIX   | Bearer{space}                     | Bearer{space}
            JWT_JSON_KEY                    | at                                | at
            JWT_REFRESH_JSON_KEY            | rt                                | rt
            JWT_ACCESS_COOKIE_NAME          | ac                                | ac
            JWT_REFRESH_COOKIE_NAME         | rc                                | rc
            JWT_ACCESS_COOKIE_PATH          | /api                              | /api
            JWT_REFRESH_COOKIE_PATH         | /refresh                          | /refresh
            JWT_COOKIE_SECURE               | true                              | true
            JWT_COOKIE_DOMAIN               | example.test                      | example.test
            JWT_COOKIE_SAMESITE             | strict                            | Strict
            JWT_SESSION_COOKIE              | 0                                 | false
            JWT_COOKIE_CSRF_PROTECT         | 1                                 | true
            JWT_CSRF_METHODS                | post,delete                       | POST,DELETE
            JWT_CSRF_IN_COOKIES             | no                                | false
            JWT_CSRF_CHECK_FORM             | yes                               | true
            JWT_ACCESS_CSRF_COOKIE_NAME     | cac                               | cac
            JWT_REFRESH_CSRF_COOKIE_NAME    | crc                               | crc
            JWT_ACCESS_CSRF_COOKIE_PATH     | /c1                               | /c1
            JWT_REFRESH_CSRF_COOKIE_PATH    | /c2                               | /c2
            JWT_ACCESS_CSRF_HEADER_NAME     | X-A                               | X-A
            JWT_REFRESH_CSRF_HEADER_NAME    | X-R                               | X-R
            JWT_ACCESS_CSRF_FIELD_NAME      | fa                                | fa
            JWT_REFRESH_CSRF_FIELD_NAME     | fr                                | fr
            JWT_ERROR_STYLE                 | rfc6750                           | rfc6750
            JWT_MAX_TOKEN_LENGTH            | 4096                              | 4096
            JWT_MAX_JSON_BODY_LENGTH        | 1024                              | 1024
            JWT_REQUIRE_TYPE                | true                              | true
            JWT_HEADER_TYPE_CASE_SENSITIVE  | true                              | true
            """;

    @Test
    void everyKnownKeyIsReadFromAMap() {
        Map<String, String> given = new LinkedHashMap<>();
        Map<String, String> read = new LinkedHashMap<>();
        for (String row : EVERY_KEY.strip().split("\n")) {
            String[] cells = row.split("\\|");
            given.put(cells[0].strip(), cells[1].strip().replace("{space}", " "));
            read.put(cells[0].strip(), cells[2].strip().replace("{space}", " "));
        }
        assertThat(given.keySet()).containsExactlyInAnyOrderElementsOf(Settings.all().stream()
                .filter(s -> !s.javaName().startsWith("keys.") || s.javaName().equals("keys.algorithm")).map(Setting::flaskKey).toList());
        given.put("JWT_SECRET_KEY", SECRET_64);
        JwtConfig c = FlaskConfig.load(given).build();
        for (Map.Entry<String, String> e : read.entrySet()) {
            assertThat(Settings.byFlaskKey(e.getKey()).orElseThrow().textIn(c)).as(e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(c.keys().secret()).isEqualTo(SECRET_64.getBytes(StandardCharsets.UTF_8));
        assertThat(c.decode().algorithms()).containsExactly(JwsAlgorithm.HS256, JwsAlgorithm.HS384, JwsAlgorithm.HS512);
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.COOKIES, TokenLocation.HEADERS, TokenLocation.QUERY_STRING,
                TokenLocation.JSON);
        assertThat(c.errors().style()).isEqualTo(ErrorStyle.RFC6750);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "True,true", "1,true", "yes,true", "ON,true", " true ,true",
            "false,false", "FALSE,false", "0,false", "no,false", "off,false"})
    void envStyleBooleans(String value, boolean expected) {
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_COOKIE_SECURE", value)).build();
        assertThat(c.cookies().secure()).isEqualTo(expected);
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
        assertThat(c.access().expires()).isNull();
        assertThat(c.refresh().expires()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.cookies().domain()).isNull();
        assertThat(c.cookies().sameSite()).isNull();
        assertThat(c.encode().issuer()).isNull();
        assertThat(c.decode().audience()).isNull();
        assertThat(c.header().type()).isEmpty();
    }

    @Test
    void flaskSecretKeyIsTheFallback() {
        JwtConfig c = FlaskConfig.load(Map.of("SECRET_KEY", SECRET_64, "OTHER", "x")).build();
        assertThat(c.keys().secret()).isEqualTo(SECRET_64.getBytes(StandardCharsets.UTF_8));
        String jwtSecret = SECRET_64.replace('f', 'g');
        JwtConfig d = FlaskConfig.load(Map.of("SECRET_KEY", SECRET_64, "JWT_SECRET_KEY", jwtSecret)).build();
        assertThat(d.keys().secret()).isEqualTo(jwtSecret.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownJwtKeyIsRefused() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_BLACKLIST_ENABLED", "true")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("JWT_BLACKLIST_ENABLED is not supported: removed in flask-jwt-extended 4.0: give the manager a "
                        + "revocation store or a token-in-blocklist callback");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_TOKEN_LOCATIONS", "headers")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Unknown setting JWT_TOKEN_LOCATIONS");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_100%_SURE", "x")))
                .hasMessageContaining("Unknown setting JWT_100%_SURE");
        // The key itself is read when the manager is built; its refusal names the setting and quotes nothing of it.
        JwtConfig c = FlaskConfig.load(Map.of("JWT_ALGORITHM", "RS256", "JWT_PRIVATE_KEY", "-----BEGIN FAKE-----")).build();
        assertThatThrownBy(() -> io.github.jwtextended.JwtManager.builder(c).build())
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
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("JWT_SECRET_KEY is 16 bytes; HS256 needs at least 32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortSecret));
    }

    @ParameterizedTest
    @CsvSource({"JWT_ACCESS_TOKEN_EXPIRES,0", "JWT_REFRESH_TOKEN_EXPIRES,-3"})
    void nonPositiveExpiryIsRefused(String key, String seconds) {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of(key, seconds)))
                .hasMessage(key + " must be a positive number of seconds, or false for tokens that never expire");
    }

    @Test
    void leewayFromTheMapIsValidatedWhenRead() {
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "301")))
                .isInstanceOf(InvalidSettingException.class).hasMessage("JWT_DECODE_LEEWAY must be between 0 and 300 seconds");
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_LEEWAY", "-1")))
                .isInstanceOf(InvalidSettingException.class).hasMessage("JWT_DECODE_LEEWAY must be between 0 and 300 seconds");
    }

    @Test
    void nonJwtKeysAreIgnored() {
        JwtConfig c = FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "PATH", "/usr/bin", "jwt_lower", "x")).build();
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.HEADERS);
    }
}
