package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.JwsAlgorithm;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads flask-jwt-extended's configuration keys ({@code JWT_SECRET_KEY}, {@code JWT_TOKEN_LOCATION},
 * ...) from a map of strings or from the environment into a {@link JwtConfig.Builder}.
 *
 * <p>Values: durations are whole seconds or {@code false} (never expires); booleans are
 * {@code true/false/1/0/yes/no/on/off}; lists are comma-separated; an empty string means "not set"
 * for optional strings. An unknown {@code JWT_*} key or a value that cannot be read is refused with
 * an {@link IllegalArgumentException} naming the key and never echoing a secret.
 *
 * <p>Thread safety: stateless; all methods may be called from any thread.
 */
public final class FlaskConfig {
    private static final Map<String, Setter> KEYS = new LinkedHashMap<>();

    /** Reads one key's value onto the builder; {@code name} is the key as the application gave it, for refusals. */
    @FunctionalInterface
    private interface Setter {
        void apply(JwtConfig.Builder builder, String value, String name);
    }

    static {
        KEYS.put("JWT_ACCESS_TOKEN_EXPIRES", (b, v, n) -> {
            Duration d = duration(n, v);
            if (d == null) b.accessTokensNeverExpire(); else b.accessTokenExpires(d);
        });
        KEYS.put("JWT_REFRESH_TOKEN_EXPIRES", (b, v, n) -> {
            Duration d = duration(n, v);
            if (d == null) b.refreshTokensNeverExpire(); else b.refreshTokenExpires(d);
        });
        KEYS.put("JWT_ALGORITHM", (b, v, n) -> b.algorithm(algorithm(n, v)));
        KEYS.put("JWT_DECODE_ALGORITHMS", (b, v, n) -> {
            List<JwsAlgorithm> algs = new ArrayList<>();
            for (String s : list(v)) algs.add(algorithm(n, s));
            if (algs.isEmpty()) throw new IllegalArgumentException(n + " must name at least one algorithm");
            b.decodeAlgorithms(algs);
        });
        KEYS.put("JWT_SECRET_KEY", (b, v, n) -> { if (!v.isEmpty()) b.secretKey(v); });
        KEYS.put("JWT_DECODE_AUDIENCE", (b, v, n) -> b.decodeAudience(list(v).isEmpty() ? null : list(v)));
        KEYS.put("JWT_ENCODE_AUDIENCE", (b, v, n) -> b.encodeAudience(list(v)));
        KEYS.put("JWT_DECODE_ISSUER", (b, v, n) -> b.decodeIssuer(list(v).isEmpty() ? null : list(v)));
        KEYS.put("JWT_ENCODE_ISSUER", (b, v, n) -> b.encodeIssuer(emptyToNull(v)));
        KEYS.put("JWT_DECODE_LEEWAY", (b, v, n) -> b.leeway(Duration.ofSeconds(integer(n, v))));
        KEYS.put("JWT_ENCODE_NBF", (b, v, n) -> b.encodeNbf(bool(n, v)));
        KEYS.put("JWT_ERROR_MESSAGE_KEY", (b, v, n) -> b.errorMessageKey(v));
        KEYS.put("JWT_IDENTITY_CLAIM", (b, v, n) -> b.identityClaim(v));
        KEYS.put("JWT_VERIFY_SUB", (b, v, n) -> b.verifySub(bool(n, v)));
        KEYS.put("JWT_TOKEN_LOCATION", (b, v, n) -> {
            List<TokenLocation> locs = new ArrayList<>();
            for (String s : list(v)) {
                try {
                    locs.add(TokenLocation.fromWireName(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(n + " can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
                }
            }
            if (locs.isEmpty()) {
                throw new IllegalArgumentException(n + " must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
            }
            b.tokenLocations(locs);
        });
        KEYS.put("JWT_HEADER_NAME", (b, v, n) -> b.headerName(v));
        KEYS.put("JWT_HEADER_TYPE", (b, v, n) -> b.headerType(v));
        KEYS.put("JWT_QUERY_STRING_NAME", (b, v, n) -> b.queryStringName(v));
        KEYS.put("JWT_QUERY_STRING_VALUE_PREFIX", (b, v, n) -> b.queryStringValuePrefix(v));
        KEYS.put("JWT_JSON_KEY", (b, v, n) -> b.jsonKey(v));
        KEYS.put("JWT_REFRESH_JSON_KEY", (b, v, n) -> b.refreshJsonKey(v));
        KEYS.put("JWT_ACCESS_COOKIE_NAME", (b, v, n) -> b.accessCookieName(v));
        KEYS.put("JWT_REFRESH_COOKIE_NAME", (b, v, n) -> b.refreshCookieName(v));
        KEYS.put("JWT_ACCESS_COOKIE_PATH", (b, v, n) -> b.accessCookiePath(v));
        KEYS.put("JWT_REFRESH_COOKIE_PATH", (b, v, n) -> b.refreshCookiePath(v));
        KEYS.put("JWT_COOKIE_SECURE", (b, v, n) -> b.cookieSecure(bool(n, v)));
        KEYS.put("JWT_COOKIE_DOMAIN", (b, v, n) -> b.cookieDomain(emptyToNull(v)));
        KEYS.put("JWT_COOKIE_SAMESITE", (b, v, n) -> b.cookieSameSite(emptyToNull(v)));
        KEYS.put("JWT_SESSION_COOKIE", (b, v, n) -> b.sessionCookie(bool(n, v)));
        KEYS.put("JWT_COOKIE_CSRF_PROTECT", (b, v, n) -> b.csrfProtect(bool(n, v)));
        KEYS.put("JWT_CSRF_METHODS", (b, v, n) -> b.csrfMethods(list(v)));
        KEYS.put("JWT_CSRF_IN_COOKIES", (b, v, n) -> b.csrfInCookies(bool(n, v)));
        KEYS.put("JWT_CSRF_CHECK_FORM", (b, v, n) -> b.csrfCheckForm(bool(n, v)));
        KEYS.put("JWT_ACCESS_CSRF_COOKIE_NAME", (b, v, n) -> b.accessCsrfCookieName(v));
        KEYS.put("JWT_REFRESH_CSRF_COOKIE_NAME", (b, v, n) -> b.refreshCsrfCookieName(v));
        KEYS.put("JWT_ACCESS_CSRF_COOKIE_PATH", (b, v, n) -> b.accessCsrfCookiePath(v));
        KEYS.put("JWT_REFRESH_CSRF_COOKIE_PATH", (b, v, n) -> b.refreshCsrfCookiePath(v));
        KEYS.put("JWT_ACCESS_CSRF_HEADER_NAME", (b, v, n) -> b.accessCsrfHeaderName(v));
        KEYS.put("JWT_REFRESH_CSRF_HEADER_NAME", (b, v, n) -> b.refreshCsrfHeaderName(v));
        KEYS.put("JWT_ACCESS_CSRF_FIELD_NAME", (b, v, n) -> b.accessCsrfFieldName(v));
        KEYS.put("JWT_REFRESH_CSRF_FIELD_NAME", (b, v, n) -> b.refreshCsrfFieldName(v));
        // Extensions of this library (not in flask-jwt-extended).
        KEYS.put("JWT_ERROR_STYLE", (b, v, n) -> {
            try {
                b.errorStyle(ErrorStyle.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(n + " must be flask or rfc6750");
            }
        });
        // Keys for the public-key algorithms (JWT_PRIVATE_KEY/JWT_PUBLIC_KEY are flask's; the rest are ours).
        KEYS.put("JWT_PRIVATE_KEY", (b, v, n) -> b.privateKey(v));
        KEYS.put("JWT_PUBLIC_KEY", (b, v, n) -> b.publicKey(v));
        KEYS.put("JWT_PRIVATE_KEY_FILE", (b, v, n) -> b.privateKeyFile(path(v)));
        KEYS.put("JWT_PUBLIC_KEY_FILE", (b, v, n) -> b.publicKeyFile(path(v)));
        KEYS.put("JWT_JWKS", (b, v, n) -> b.jwks(v));
        KEYS.put("JWT_JWKS_FILE", (b, v, n) -> b.jwksFile(path(v)));
        KEYS.put("JWT_SIGNING_KID", (b, v, n) -> b.signingKid(emptyToNull(v)));
        KEYS.put("JWT_JWKS_URL", (b, v, n) -> {
            String t = emptyToNull(v);
            try {
                b.jwksUrl(t == null ? null : java.net.URI.create(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(n + " is not a valid URL");
            }
        });
        KEYS.put("JWT_JWKS_CACHE_TTL", (b, v, n) -> b.jwksCacheTtl(seconds(n, v)));
        KEYS.put("JWT_JWKS_REFETCH_INTERVAL", (b, v, n) -> b.jwksRefetchInterval(seconds(n, v)));
        KEYS.put("JWT_JWKS_CONNECT_TIMEOUT", (b, v, n) -> b.jwksConnectTimeout(seconds(n, v)));
        KEYS.put("JWT_JWKS_READ_TIMEOUT", (b, v, n) -> b.jwksReadTimeout(seconds(n, v)));
        KEYS.put("JWT_REQUIRE_TYPE", (b, v, n) -> b.requireType(bool(n, v)));
        KEYS.put("JWT_HEADER_TYPE_CASE_SENSITIVE", (b, v, n) -> b.headerTypeCaseSensitive(bool(n, v)));
        KEYS.put("JWT_MAX_TOKEN_LENGTH", (b, v, n) -> b.maxTokenLength((int) integer(n, v)));
    }

    private FlaskConfig() {
    }

    /** The keys this loader understands, in documentation order. */
    public static List<String> knownKeys() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.keySet()));
    }

    /**
     * A builder filled from flask-style keys. Keys not starting with {@code JWT_} are ignored,
     * except flask's {@code SECRET_KEY}, used when {@code JWT_SECRET_KEY} is absent. Refusals,
     * here and at {@link JwtConfig.Builder#build()}, name the options by their keys
     * ({@code JWT_SECRET_KEY}).
     */
    public static JwtConfig.Builder load(Map<String, String> settings) {
        return load(settings, SettingNames.FLASK);
    }

    /**
     * {@link #load(Map)} for a front end that reads the keys under names of its own (a framework's
     * properties): refusals, here and at {@link JwtConfig.Builder#build()}, name each option by
     * {@code names}.
     */
    public static JwtConfig.Builder load(Map<String, String> settings, SettingNames names) {
        return apply(JwtConfig.builder().settingNames(names), settings, names);
    }

    /**
     * Applies flask-style keys onto an existing builder (later values win); refusals name these
     * keys as they are ({@code JWT_SECRET_KEY}), the builder's other options as before.
     */
    public static JwtConfig.Builder apply(JwtConfig.Builder b, Map<String, String> settings) {
        return apply(b, settings, SettingNames.FLASK);
    }

    private static JwtConfig.Builder apply(JwtConfig.Builder b, Map<String, String> settings, SettingNames names) {
        String flaskSecret = settings.get("SECRET_KEY");
        if (flaskSecret != null && !flaskSecret.isEmpty() && !settings.containsKey("JWT_SECRET_KEY")) {
            b.secretKey(flaskSecret);
            b.givenAs("JWT_SECRET_KEY", "SECRET_KEY");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (key == null || !key.startsWith("JWT_")) {
                continue;
            }
            Setter setter = KEYS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException("Unknown setting " + key + " (known: see docs/compatibility.md)");
            }
            String value = e.getValue() == null ? "" : e.getValue();
            String name = names.name(key);
            setter.apply(b, value, name);
            b.givenAs(key, name);
        }
        return b;
    }

    /** A builder filled from this process's environment variables. */
    public static JwtConfig.Builder fromEnvironment() {
        return load(System.getenv());
    }

    private static String emptyToNull(String v) {
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static java.nio.file.Path path(String v) {
        String t = emptyToNull(v);
        return t == null ? null : java.nio.file.Paths.get(t);
    }

    /** A positive number of seconds, decimals allowed (0.5 is 500 ms). */
    private static Duration seconds(String key, String v) {
        try {
            java.math.BigDecimal s = new java.math.BigDecimal(v.trim());
            if (s.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(s.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + " must be a positive number of seconds");
        }
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    private static long integer(String key, String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static Duration duration(String key, String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("false")) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number of seconds, or false for tokens that never expire");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(key + " must be a positive number of seconds, or false for tokens that never expire");
        }
        return Duration.ofSeconds(seconds);
    }

    private static boolean bool(String key, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": return false;
            default: throw new IllegalArgumentException(key + " must be true or false");
        }
    }

    private static JwsAlgorithm algorithm(String key, String v) {
        String name = v.trim();
        if (name.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException(key + " cannot be 'none': unsigned tokens are never accepted");
        }
        JwsAlgorithm a = JwsAlgorithm.fromName(name);
        if (a == null) {
            throw new IllegalArgumentException(key + " names an unsupported algorithm; supported: " + JwsAlgorithm.supportedNames());
        }
        return a;
    }
}
