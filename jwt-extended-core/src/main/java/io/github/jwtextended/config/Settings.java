package io.github.jwtextended.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one mapping table: each option's flask key next to its Java name, the path of the record
 * component that declares it with its default and checks ({@code cookies.secure} is
 * {@link CookieSettings#secure()}, default in {@link CookieSettings#DEFAULTS}), and how its value
 * is written as text. {@link FlaskConfig} reads flask-style keys through it, and the Spring Boot
 * starter its {@code jwt.*} properties through {@link FlaskConfig}; a test holds
 * {@code docs/compatibility.md}'s options table against it, and another that every component of
 * the configuration is named here once. The keys of flask-jwt-extended that are no option here are
 * in {@link #unsupported()}, each with the reason.
 *
 * <p>Thread safety: immutable.
 */
public final class Settings {
    /** flask key, Java name, format ({@link SettingFormat}); ours are the keys flask-jwt-extended does not have. */
    private static final String TABLE = """
            JWT_SECRET_KEY                  keys.secret                 SECRET
            JWT_ALGORITHM                   keys.algorithm              ALGORITHM
            JWT_PRIVATE_KEY                 keys.pem.privateKey         BLOCK
            JWT_PUBLIC_KEY                  keys.pem.publicKey          BLOCK
            JWT_PRIVATE_KEY_FILE            keys.pem.privateKeyFile     PATH
            JWT_PUBLIC_KEY_FILE             keys.pem.publicKeyFile      PATH
            JWT_JWKS                        keys.jwks.json              BLOCK
            JWT_JWKS_FILE                   keys.jwks.file              PATH
            JWT_JWKS_URL                    keys.remote.url             URL
            JWT_JWKS_CACHE_TTL              keys.remote.cacheTtl        SECONDS
            JWT_JWKS_REFETCH_INTERVAL       keys.remote.refetchInterval SECONDS
            JWT_JWKS_CONNECT_TIMEOUT        keys.remote.connectTimeout  SECONDS
            JWT_JWKS_READ_TIMEOUT           keys.remote.readTimeout     SECONDS
            JWT_JWKS_MAX_STALENESS          keys.remote.maxStaleness    SECONDS
            JWT_SIGNING_KID                 keys.signingKid             OPTIONAL_TEXT
            JWT_ENCODE_AUDIENCE             encode.audience             LIST
            JWT_ENCODE_ISSUER               encode.issuer               OPTIONAL_TEXT
            JWT_ENCODE_NBF                  encode.nbf                  BOOLEAN
            JWT_DECODE_ALGORITHMS           decode.algorithms           ALGORITHMS
            JWT_DECODE_AUDIENCE             decode.audience             OPTIONAL_LIST
            JWT_DECODE_ISSUER               decode.issuer               OPTIONAL_LIST
            JWT_DECODE_LEEWAY               decode.leeway               WHOLE_SECONDS
            JWT_IDENTITY_CLAIM              claims.identity             TEXT
            JWT_VERIFY_SUB                  claims.verifySub            BOOLEAN
            JWT_REQUIRE_TYPE                claims.requireType          BOOLEAN
            JWT_MAX_TOKEN_LENGTH            limits.maxTokenLength       INTEGER
            JWT_MAX_JSON_BODY_LENGTH        limits.maxJsonBodyLength    INTEGER
            JWT_TOKEN_LOCATION              tokenLocations              LOCATIONS
            JWT_HEADER_NAME                 header.name                 TEXT
            JWT_HEADER_TYPE                 header.type                 TEXT
            JWT_HEADER_TYPE_CASE_SENSITIVE  header.typeCaseSensitive    BOOLEAN
            JWT_QUERY_STRING_NAME           query.name                  TEXT
            JWT_QUERY_STRING_VALUE_PREFIX   query.valuePrefix           TEXT
            JWT_ACCESS_TOKEN_EXPIRES        access.expires              EXPIRY
            JWT_JSON_KEY                    access.jsonKey              TEXT
            JWT_ACCESS_COOKIE_NAME          access.cookieName           TEXT
            JWT_ACCESS_COOKIE_PATH          access.cookiePath           TEXT
            JWT_ACCESS_CSRF_COOKIE_NAME     access.csrf.cookieName      TEXT
            JWT_ACCESS_CSRF_COOKIE_PATH     access.csrf.cookiePath      TEXT
            JWT_ACCESS_CSRF_HEADER_NAME     access.csrf.headerName      TEXT
            JWT_ACCESS_CSRF_FIELD_NAME      access.csrf.fieldName       TEXT
            JWT_REFRESH_TOKEN_EXPIRES       refresh.expires             EXPIRY
            JWT_REFRESH_JSON_KEY            refresh.jsonKey             TEXT
            JWT_REFRESH_COOKIE_NAME         refresh.cookieName          TEXT
            JWT_REFRESH_COOKIE_PATH         refresh.cookiePath          TEXT
            JWT_REFRESH_CSRF_COOKIE_NAME    refresh.csrf.cookieName     TEXT
            JWT_REFRESH_CSRF_COOKIE_PATH    refresh.csrf.cookiePath     TEXT
            JWT_REFRESH_CSRF_HEADER_NAME    refresh.csrf.headerName     TEXT
            JWT_REFRESH_CSRF_FIELD_NAME     refresh.csrf.fieldName      TEXT
            JWT_COOKIE_SECURE               cookies.secure              BOOLEAN
            JWT_COOKIE_DOMAIN               cookies.domain              OPTIONAL_TEXT
            JWT_COOKIE_SAMESITE             cookies.sameSite            OPTIONAL_TEXT
            JWT_SESSION_COOKIE              cookies.session             BOOLEAN
            JWT_COOKIE_CSRF_PROTECT         csrf.protect                BOOLEAN
            JWT_CSRF_METHODS                csrf.methods                LIST
            JWT_CSRF_IN_COOKIES             csrf.inCookies              BOOLEAN
            JWT_CSRF_CHECK_FORM             csrf.checkForm              BOOLEAN
            JWT_ERROR_MESSAGE_KEY           errors.messageKey           TEXT
            JWT_ERROR_STYLE                 errors.style                ERROR_STYLE
            """;

    /** flask-jwt-extended's keys that are no option here: key, then the reason and what to use instead. */
    private static final String UNSUPPORTED = """
            JWT_USER_CLAIMS              removed in flask-jwt-extended 4.0: additional claims are top-level claims (an additional claims loader)
            JWT_CSRF_HEADER_NAME         removed in flask-jwt-extended 4.0: use JWT_ACCESS_CSRF_HEADER_NAME and JWT_REFRESH_CSRF_HEADER_NAME
            JWT_BLACKLIST_ENABLED        removed in flask-jwt-extended 4.0: give the manager a revocation store or a token-in-blocklist callback
            JWT_BLACKLIST_TOKEN_CHECKS   removed in flask-jwt-extended 4.0: a revocation store or blocklist callback checks every token
            JWT_VERIFY_AUDIENCE          removed in flask-jwt-extended 4.0: aud is checked exactly when JWT_DECODE_AUDIENCE is set
            JWT_CLAIMS_IN_REFRESH_TOKEN  removed in flask-jwt-extended 4.0: additional claims go into refresh tokens too
            """;

    private static final List<Setting> ALL;
    private static final Map<String, Setting> BY_FLASK_KEY = new LinkedHashMap<>();
    private static final Map<String, Setting> BY_JAVA_NAME = new LinkedHashMap<>();
    private static final Map<String, String> UNSUPPORTED_REASONS = new LinkedHashMap<>();

    static {
        List<Setting> all = new ArrayList<>();
        for (String row : TABLE.strip().split("\n")) {
            String[] cells = row.strip().split("\\s+");
            Setting s = new Setting(cells[0], cells[1], SettingFormat.valueOf(cells[2]));
            if (BY_FLASK_KEY.put(s.flaskKey(), s) != null || BY_JAVA_NAME.put(s.javaName(), s) != null) {
                throw new IllegalStateException("two settings named " + s);
            }
            all.add(s);
        }
        ALL = List.copyOf(all);
        for (String row : UNSUPPORTED.strip().split("\n")) {
            String[] cells = row.strip().split("\\s+", 2);
            UNSUPPORTED_REASONS.put(cells[0], cells[1]);
        }
    }

    private Settings() {
    }

    /** Every setting, in the order of {@link JwtConfig}'s groups. */
    public static List<Setting> all() {
        return ALL;
    }

    /** The setting with this flask key ({@code JWT_COOKIE_SECURE}). */
    public static Optional<Setting> byFlaskKey(String key) {
        return Optional.ofNullable(BY_FLASK_KEY.get(key));
    }

    /** The setting with this Java name ({@code cookies.secure}). */
    public static Optional<Setting> byJavaName(String name) {
        return Optional.ofNullable(BY_JAVA_NAME.get(name));
    }

    /** flask-jwt-extended's keys that are no option here, each with the reason and what to use instead. */
    public static Map<String, String> unsupported() {
        return Map.copyOf(UNSUPPORTED_REASONS);
    }
}
