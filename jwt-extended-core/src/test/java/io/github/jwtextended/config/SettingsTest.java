package io.github.jwtextended.config;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The mapping table {@link Settings}: each option of the configuration is named there once, with
 * its flask key; every key of flask-jwt-extended is an option or is refused with its reason; the
 * defaults are those of before the grouped configuration; every setting reads its own text.
 */
class SettingsTest {

    /** Every key of §2 of the reference (flask-jwt-extended 4.7.1's options), the public-key ones included. */
    static final List<String> REFERENCE_KEYS = List.of(
            "JWT_ACCESS_TOKEN_EXPIRES", "JWT_REFRESH_TOKEN_EXPIRES", "JWT_ALGORITHM", "JWT_DECODE_ALGORITHMS",
            "JWT_SECRET_KEY", "JWT_PRIVATE_KEY", "JWT_PUBLIC_KEY", "JWT_DECODE_AUDIENCE", "JWT_ENCODE_AUDIENCE",
            "JWT_DECODE_ISSUER", "JWT_ENCODE_ISSUER", "JWT_DECODE_LEEWAY", "JWT_ENCODE_NBF", "JWT_ERROR_MESSAGE_KEY",
            "JWT_IDENTITY_CLAIM", "JWT_VERIFY_SUB", "JWT_TOKEN_LOCATION", "JWT_HEADER_NAME", "JWT_HEADER_TYPE",
            "JWT_QUERY_STRING_NAME", "JWT_QUERY_STRING_VALUE_PREFIX", "JWT_JSON_KEY", "JWT_REFRESH_JSON_KEY",
            "JWT_ACCESS_COOKIE_NAME", "JWT_REFRESH_COOKIE_NAME", "JWT_ACCESS_COOKIE_PATH", "JWT_REFRESH_COOKIE_PATH",
            "JWT_COOKIE_SECURE", "JWT_COOKIE_DOMAIN", "JWT_COOKIE_SAMESITE", "JWT_SESSION_COOKIE", "JWT_COOKIE_CSRF_PROTECT",
            "JWT_CSRF_METHODS", "JWT_CSRF_IN_COOKIES", "JWT_CSRF_CHECK_FORM", "JWT_ACCESS_CSRF_COOKIE_NAME",
            "JWT_REFRESH_CSRF_COOKIE_NAME", "JWT_ACCESS_CSRF_COOKIE_PATH", "JWT_REFRESH_CSRF_COOKIE_PATH",
            "JWT_ACCESS_CSRF_HEADER_NAME", "JWT_REFRESH_CSRF_HEADER_NAME", "JWT_ACCESS_CSRF_FIELD_NAME",
            "JWT_REFRESH_CSRF_FIELD_NAME");
    /** The reference's "options removed in 4.0 (don't port)". */
    static final List<String> REMOVED_IN_4 = List.of("JWT_USER_CLAIMS", "JWT_CSRF_HEADER_NAME", "JWT_BLACKLIST_ENABLED",
            "JWT_BLACKLIST_TOKEN_CHECKS", "JWT_VERIFY_AUDIENCE", "JWT_CLAIMS_IN_REFRESH_TOKEN");
    /** Our additions. */
    static final List<String> OURS = List.of("JWT_PRIVATE_KEY_FILE", "JWT_PUBLIC_KEY_FILE", "JWT_JWKS", "JWT_JWKS_FILE",
            "JWT_JWKS_URL", "JWT_JWKS_CACHE_TTL", "JWT_JWKS_REFETCH_INTERVAL", "JWT_JWKS_CONNECT_TIMEOUT", "JWT_JWKS_READ_TIMEOUT",
            "JWT_JWKS_MAX_STALENESS",
            "JWT_SIGNING_KID", "JWT_REQUIRE_TYPE", "JWT_HEADER_TYPE_CASE_SENSITIVE", "JWT_MAX_TOKEN_LENGTH",
            "JWT_MAX_JSON_BODY_LENGTH", "JWT_ERROR_STYLE");

    @Test
    void everyReferenceKeyIsAnOptionOrUnsupportedWithAReason() {
        for (String key : REFERENCE_KEYS) {
            assertThat(Settings.byFlaskKey(key)).as(key).isPresent();
        }
        assertThat(Settings.unsupported().keySet()).containsExactlyInAnyOrderElementsOf(REMOVED_IN_4);
        for (String key : REMOVED_IN_4) {
            String reason = Settings.unsupported().get(key);
            assertThat(reason).as(key).startsWith("removed in flask-jwt-extended 4.0: ").hasSizeGreaterThan(40);
            assertThat(Settings.byFlaskKey(key)).isEmpty();
            assertThatThrownBy(() -> FlaskConfig.load(Map.of(key, "true")))
                    .isInstanceOf(InvalidSettingException.class).hasMessage(key + " is not supported: " + reason);
        }
        // Flask's own SECRET_KEY is the fallback for JWT_SECRET_KEY (as in the reference); nothing else is ours to read.
        assertThat(FlaskConfig.load(Map.of("SECRET_KEY", SECRET_64, "PROPAGATE_EXCEPTIONS", "x")).build().keys().secret())
                .isEqualTo(SECRET_64.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        List<String> all = new ArrayList<>(REFERENCE_KEYS);
        all.addAll(OURS);
        assertThat(FlaskConfig.knownKeys()).containsExactlyInAnyOrderElementsOf(all);
    }

    /**
     * Each leaf component of the configuration's records (but the naming of its refusals) is an
     * option: named once in the table, and nothing else is.
     */
    @Test
    void everyOptionIsDeclaredOnceAndNamedOnce() {
        List<String> leaves = new ArrayList<>();
        leaves(JwtConfig.class, "", leaves);
        assertThat(leaves).doesNotHaveDuplicates();
        assertThat(Settings.all().stream().map(Setting::javaName).toList()).containsExactlyInAnyOrderElementsOf(leaves);
        assertThat(Settings.all().stream().map(Setting::flaskKey).toList()).doesNotHaveDuplicates();
        for (Setting s : Settings.all()) {
            assertThat(Settings.byJavaName(s.javaName())).contains(s);
            assertThat(Settings.byFlaskKey(s.flaskKey())).contains(s);
        }
    }

    private static void leaves(Class<?> type, String prefix, List<String> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            if (type == JwtConfig.class && c.getName().equals("settingNames")) {
                continue; // how refusals name the settings, not one of them
            }
            if (c.getType().isRecord()) {
                leaves(c.getType(), prefix + c.getName() + ".", out);
            } else {
                out.add(prefix + c.getName());
            }
        }
    }

    /**
     * The defaults of before the grouped configuration (the old {@code JwtConfig.Builder}'s field
     * initialisers), as flask-style text: "none" is not set, "empty" an empty text or list.
     */
    static final String DEFAULTS_BEFORE = """
            JWT_ACCESS_TOKEN_EXPIRES        900
            JWT_REFRESH_TOKEN_EXPIRES       2592000
            JWT_ALGORITHM                   HS256
            JWT_DECODE_ALGORITHMS           none
            JWT_SECRET_KEY                  none
            JWT_DECODE_AUDIENCE             none
            JWT_ENCODE_AUDIENCE             empty
            JWT_DECODE_ISSUER               none
            JWT_ENCODE_ISSUER               none
            JWT_DECODE_LEEWAY               0
            JWT_ENCODE_NBF                  true
            JWT_ERROR_MESSAGE_KEY           msg
            JWT_IDENTITY_CLAIM              sub
            JWT_VERIFY_SUB                  true
            JWT_REQUIRE_TYPE                false
            JWT_HEADER_TYPE_CASE_SENSITIVE  false
            JWT_TOKEN_LOCATION              headers
            JWT_HEADER_NAME                 Authorization
            JWT_HEADER_TYPE                 Bearer
            JWT_QUERY_STRING_NAME           jwt
            JWT_QUERY_STRING_VALUE_PREFIX   empty
            JWT_JSON_KEY                    access_token
            JWT_REFRESH_JSON_KEY            refresh_token
            JWT_ACCESS_COOKIE_NAME          access_token_cookie
            JWT_REFRESH_COOKIE_NAME         refresh_token_cookie
            JWT_ACCESS_COOKIE_PATH          /
            JWT_REFRESH_COOKIE_PATH         /
            JWT_COOKIE_SECURE               false
            JWT_COOKIE_DOMAIN               none
            JWT_COOKIE_SAMESITE             none
            JWT_SESSION_COOKIE              true
            JWT_COOKIE_CSRF_PROTECT         true
            JWT_CSRF_METHODS                POST,PUT,PATCH,DELETE
            JWT_CSRF_IN_COOKIES             true
            JWT_CSRF_CHECK_FORM             false
            JWT_ACCESS_CSRF_COOKIE_NAME     csrf_access_token
            JWT_REFRESH_CSRF_COOKIE_NAME    csrf_refresh_token
            JWT_ACCESS_CSRF_COOKIE_PATH     /
            JWT_REFRESH_CSRF_COOKIE_PATH    /
            JWT_ACCESS_CSRF_HEADER_NAME     X-CSRF-TOKEN
            JWT_REFRESH_CSRF_HEADER_NAME    X-CSRF-TOKEN
            JWT_ACCESS_CSRF_FIELD_NAME      csrf_token
            JWT_REFRESH_CSRF_FIELD_NAME     csrf_token
            JWT_ERROR_STYLE                 flask
            JWT_MAX_TOKEN_LENGTH            8192
            JWT_MAX_JSON_BODY_LENGTH        65536
            JWT_PRIVATE_KEY                 none
            JWT_PUBLIC_KEY                  none
            JWT_PRIVATE_KEY_FILE            none
            JWT_PUBLIC_KEY_FILE             none
            JWT_JWKS                        none
            JWT_JWKS_FILE                   none
            JWT_SIGNING_KID                 none
            JWT_JWKS_URL                    none
            JWT_JWKS_CACHE_TTL              300
            JWT_JWKS_REFETCH_INTERVAL       30
            JWT_JWKS_CONNECT_TIMEOUT        2
            JWT_JWKS_READ_TIMEOUT           5
            JWT_JWKS_MAX_STALENESS          86400
            """;

    /** {@link #DEFAULTS_BEFORE} as a map: key to text, null for "none", "" for "empty". */
    static Map<String, String> defaultsBefore() {
        Map<String, String> out = new HashMap<>();
        for (String row : DEFAULTS_BEFORE.strip().split("\n")) {
            String[] cells = row.strip().split("\\s+");
            out.put(cells[0], cells[1].equals("none") ? null : cells[1].equals("empty") ? "" : cells[1]);
        }
        return out;
    }

    @Test
    void defaultsAreUnchanged() {
        Map<String, String> now = new HashMap<>();
        for (Setting s : Settings.all()) {
            now.put(s.flaskKey(), s.defaultText());
        }
        assertThat(now).isEqualTo(defaultsBefore());
    }

    /** A setting's default, written as text and read back, is the default: parsing and writing agree for every option. */
    @Test
    void everySettingReadsItsOwnDefaultText() {
        JwtConfig defaults = JwtConfig.builder().keys(k -> k.withSecret(SECRET_64)).build();
        for (Setting s : Settings.all()) {
            if (s.defaultText() == null || s.flaskKey().equals("JWT_DECODE_ALGORITHMS")) {
                continue;
            }
            JwtConfig read = FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, s.flaskKey(), s.defaultText())).build();
            assertThat(read).as(s.toString()).isEqualTo(defaults);
        }
        assertThat(FlaskConfig.load(Map.of("JWT_SECRET_KEY", SECRET_64, "JWT_DECODE_ALGORITHMS", "HS256")).build()).isEqualTo(defaults);
    }

    @Test
    void springNamesAreTheFlaskKeysInKebabCase() {
        assertThat(Settings.byFlaskKey("JWT_SECRET_KEY").orElseThrow().springName()).isEqualTo("jwt.secret-key");
        assertThat(Settings.byFlaskKey("JWT_COOKIE_SAMESITE").orElseThrow().springName()).isEqualTo("jwt.cookie-samesite");
        assertThat(Settings.byFlaskKey("JWT_ACCESS_CSRF_HEADER_NAME").orElseThrow().springName()).isEqualTo("jwt.access-csrf-header-name");
        Set<String> spring = new LinkedHashSet<>();
        for (Setting s : Settings.all()) {
            assertThat(spring.add(s.springName())).as(s.toString()).isTrue();
            assertThat(SettingNames.properties("jwt").apply(s.javaName())).isEqualTo(s.springName());
            assertThat(SettingNames.FLASK.apply(s.javaName())).isEqualTo(s.flaskKey());
        }
    }

    @Test
    void valuesAreReadFromAConfiguration() {
        JwtConfig c = JwtConfig.builder().keys(k -> k.withSecret(SECRET_64)).access(a -> a.withCsrf(x -> x.withHeaderName("X-A"))).build();
        assertThat(Settings.byFlaskKey("JWT_ACCESS_CSRF_HEADER_NAME").orElseThrow().valueIn(c)).isEqualTo("X-A");
        assertThat(Settings.byFlaskKey("JWT_REFRESH_CSRF_HEADER_NAME").orElseThrow().valueIn(c)).isEqualTo("X-CSRF-TOKEN");
    }
}
