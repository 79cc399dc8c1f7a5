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
import java.util.function.BiConsumer;

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
    private static final Map<String, BiConsumer<JwtConfig.Builder, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("JWT_ACCESS_TOKEN_EXPIRES", (b, v) -> {
            Duration d = duration("JWT_ACCESS_TOKEN_EXPIRES", v);
            if (d == null) b.accessTokensNeverExpire(); else b.accessTokenExpires(d);
        });
        KEYS.put("JWT_REFRESH_TOKEN_EXPIRES", (b, v) -> {
            Duration d = duration("JWT_REFRESH_TOKEN_EXPIRES", v);
            if (d == null) b.refreshTokensNeverExpire(); else b.refreshTokenExpires(d);
        });
        KEYS.put("JWT_ALGORITHM", (b, v) -> b.algorithm(algorithm("JWT_ALGORITHM", v)));
        KEYS.put("JWT_DECODE_ALGORITHMS", (b, v) -> {
            List<JwsAlgorithm> algs = new ArrayList<>();
            for (String s : list(v)) algs.add(algorithm("JWT_DECODE_ALGORITHMS", s));
            if (algs.isEmpty()) throw new IllegalArgumentException("JWT_DECODE_ALGORITHMS must name at least one algorithm");
            b.decodeAlgorithms(algs);
        });
        KEYS.put("JWT_SECRET_KEY", (b, v) -> { if (!v.isEmpty()) b.secretKey(v); });
        KEYS.put("JWT_DECODE_AUDIENCE", (b, v) -> b.decodeAudience(list(v).isEmpty() ? null : list(v)));
        KEYS.put("JWT_ENCODE_AUDIENCE", (b, v) -> b.encodeAudience(list(v)));
        KEYS.put("JWT_DECODE_ISSUER", (b, v) -> b.decodeIssuer(list(v).isEmpty() ? null : list(v)));
        KEYS.put("JWT_ENCODE_ISSUER", (b, v) -> b.encodeIssuer(emptyToNull(v)));
        KEYS.put("JWT_DECODE_LEEWAY", (b, v) -> b.leeway(Duration.ofSeconds(integer("JWT_DECODE_LEEWAY", v))));
        KEYS.put("JWT_ENCODE_NBF", (b, v) -> b.encodeNbf(bool("JWT_ENCODE_NBF", v)));
        KEYS.put("JWT_ERROR_MESSAGE_KEY", (b, v) -> b.errorMessageKey(v));
        KEYS.put("JWT_IDENTITY_CLAIM", (b, v) -> b.identityClaim(v));
        KEYS.put("JWT_VERIFY_SUB", (b, v) -> b.verifySub(bool("JWT_VERIFY_SUB", v)));
        KEYS.put("JWT_TOKEN_LOCATION", (b, v) -> {
            List<TokenLocation> locs = new ArrayList<>();
            for (String s : list(v)) {
                try {
                    locs.add(TokenLocation.fromWireName(s));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("JWT_TOKEN_LOCATION can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
                }
            }
            if (locs.isEmpty()) {
                throw new IllegalArgumentException("JWT_TOKEN_LOCATION must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
            }
            b.tokenLocations(locs);
        });
        KEYS.put("JWT_HEADER_NAME", (b, v) -> b.headerName(v));
        KEYS.put("JWT_HEADER_TYPE", (b, v) -> b.headerType(v));
        KEYS.put("JWT_QUERY_STRING_NAME", (b, v) -> b.queryStringName(v));
        KEYS.put("JWT_QUERY_STRING_VALUE_PREFIX", (b, v) -> b.queryStringValuePrefix(v));
        KEYS.put("JWT_JSON_KEY", (b, v) -> b.jsonKey(v));
        KEYS.put("JWT_REFRESH_JSON_KEY", (b, v) -> b.refreshJsonKey(v));
        KEYS.put("JWT_ACCESS_COOKIE_NAME", (b, v) -> b.accessCookieName(v));
        KEYS.put("JWT_REFRESH_COOKIE_NAME", (b, v) -> b.refreshCookieName(v));
        KEYS.put("JWT_ACCESS_COOKIE_PATH", (b, v) -> b.accessCookiePath(v));
        KEYS.put("JWT_REFRESH_COOKIE_PATH", (b, v) -> b.refreshCookiePath(v));
        KEYS.put("JWT_COOKIE_SECURE", (b, v) -> b.cookieSecure(bool("JWT_COOKIE_SECURE", v)));
        KEYS.put("JWT_COOKIE_DOMAIN", (b, v) -> b.cookieDomain(emptyToNull(v)));
        KEYS.put("JWT_COOKIE_SAMESITE", (b, v) -> b.cookieSameSite(emptyToNull(v)));
        KEYS.put("JWT_SESSION_COOKIE", (b, v) -> b.sessionCookie(bool("JWT_SESSION_COOKIE", v)));
        KEYS.put("JWT_COOKIE_CSRF_PROTECT", (b, v) -> b.csrfProtect(bool("JWT_COOKIE_CSRF_PROTECT", v)));
        KEYS.put("JWT_CSRF_METHODS", (b, v) -> b.csrfMethods(list(v)));
        KEYS.put("JWT_CSRF_IN_COOKIES", (b, v) -> b.csrfInCookies(bool("JWT_CSRF_IN_COOKIES", v)));
        KEYS.put("JWT_CSRF_CHECK_FORM", (b, v) -> b.csrfCheckForm(bool("JWT_CSRF_CHECK_FORM", v)));
        KEYS.put("JWT_ACCESS_CSRF_COOKIE_NAME", (b, v) -> b.accessCsrfCookieName(v));
        KEYS.put("JWT_REFRESH_CSRF_COOKIE_NAME", (b, v) -> b.refreshCsrfCookieName(v));
        KEYS.put("JWT_ACCESS_CSRF_COOKIE_PATH", (b, v) -> b.accessCsrfCookiePath(v));
        KEYS.put("JWT_REFRESH_CSRF_COOKIE_PATH", (b, v) -> b.refreshCsrfCookiePath(v));
        KEYS.put("JWT_ACCESS_CSRF_HEADER_NAME", (b, v) -> b.accessCsrfHeaderName(v));
        KEYS.put("JWT_REFRESH_CSRF_HEADER_NAME", (b, v) -> b.refreshCsrfHeaderName(v));
        KEYS.put("JWT_ACCESS_CSRF_FIELD_NAME", (b, v) -> b.accessCsrfFieldName(v));
        KEYS.put("JWT_REFRESH_CSRF_FIELD_NAME", (b, v) -> b.refreshCsrfFieldName(v));
        // Extensions of this library (not in flask-jwt-extended).
        KEYS.put("JWT_ERROR_STYLE", (b, v) -> {
            try {
                b.errorStyle(ErrorStyle.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JWT_ERROR_STYLE must be flask or rfc6750");
            }
        });
        // Keys for the public-key algorithms (JWT_PRIVATE_KEY/JWT_PUBLIC_KEY are flask's; the rest are ours).
        KEYS.put("JWT_PRIVATE_KEY", (b, v) -> b.privateKey(v));
        KEYS.put("JWT_PUBLIC_KEY", (b, v) -> b.publicKey(v));
        KEYS.put("JWT_PRIVATE_KEY_FILE", (b, v) -> b.privateKeyFile(path(v)));
        KEYS.put("JWT_PUBLIC_KEY_FILE", (b, v) -> b.publicKeyFile(path(v)));
        KEYS.put("JWT_JWKS", (b, v) -> b.jwks(v));
        KEYS.put("JWT_JWKS_FILE", (b, v) -> b.jwksFile(path(v)));
        KEYS.put("JWT_SIGNING_KID", (b, v) -> b.signingKid(emptyToNull(v)));
        KEYS.put("JWT_JWKS_URL", (b, v) -> {
            String t = emptyToNull(v);
            try {
                b.jwksUrl(t == null ? null : java.net.URI.create(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JWT_JWKS_URL is not a valid URL");
            }
        });
        KEYS.put("JWT_JWKS_CACHE_TTL", (b, v) -> b.jwksCacheTtl(seconds("JWT_JWKS_CACHE_TTL", v)));
        KEYS.put("JWT_JWKS_REFETCH_INTERVAL", (b, v) -> b.jwksRefetchInterval(seconds("JWT_JWKS_REFETCH_INTERVAL", v)));
        KEYS.put("JWT_JWKS_CONNECT_TIMEOUT", (b, v) -> b.jwksConnectTimeout(seconds("JWT_JWKS_CONNECT_TIMEOUT", v)));
        KEYS.put("JWT_JWKS_READ_TIMEOUT", (b, v) -> b.jwksReadTimeout(seconds("JWT_JWKS_READ_TIMEOUT", v)));
        KEYS.put("JWT_REQUIRE_TYPE", (b, v) -> b.requireType(bool("JWT_REQUIRE_TYPE", v)));
        KEYS.put("JWT_HEADER_TYPE_CASE_SENSITIVE", (b, v) -> b.headerTypeCaseSensitive(bool("JWT_HEADER_TYPE_CASE_SENSITIVE", v)));
        KEYS.put("JWT_MAX_TOKEN_LENGTH", (b, v) -> b.maxTokenLength((int) integer("JWT_MAX_TOKEN_LENGTH", v)));
    }

    private FlaskConfig() {
    }

    /** The keys this loader understands, in documentation order. */
    public static List<String> knownKeys() {
        return Collections.unmodifiableList(new ArrayList<>(KEYS.keySet()));
    }

    /**
     * A builder filled from flask-style keys. Keys not starting with {@code JWT_} are ignored,
     * except flask's {@code SECRET_KEY}, used when {@code JWT_SECRET_KEY} is absent.
     */
    public static JwtConfig.Builder load(Map<String, String> settings) {
        JwtConfig.Builder b = JwtConfig.builder();
        return apply(b, settings);
    }

    /** Applies flask-style keys onto an existing builder (later values win). */
    public static JwtConfig.Builder apply(JwtConfig.Builder b, Map<String, String> settings) {
        String flaskSecret = settings.get("SECRET_KEY");
        if (flaskSecret != null && !flaskSecret.isEmpty() && !settings.containsKey("JWT_SECRET_KEY")) {
            b.secretKey(flaskSecret);
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (key == null || !key.startsWith("JWT_")) {
                continue;
            }
            BiConsumer<JwtConfig.Builder, String> setter = KEYS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException("Unknown setting " + key + " (known: see docs/compatibility.md)");
            }
            String value = e.getValue() == null ? "" : e.getValue();
            setter.accept(b, value);
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
