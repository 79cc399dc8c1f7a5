package io.github.jwtextended.config;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a refusal at startup names a setting: the way the application gave it. Every option is
 * identified by its flask-jwt-extended key ({@code JWT_SECRET_KEY}); a naming turns that key into
 * the name the user wrote: {@link #JAVA} gives the builder method ({@code secretKey(...)}, the
 * default of {@link JwtConfig#builder()}), {@link #FLASK} the key itself (what
 * {@link FlaskConfig} reads from the environment), {@link #properties(String)} a property under a
 * prefix ({@code jwt.secret-key}, the Spring Boot starter's).
 *
 * <pre>{@code
 * JwtConfig.builder().secretKey("short").build();
 *     // IllegalStateException: secretKey(...) is 5 bytes; HS256 needs at least 32 bytes ...
 * FlaskConfig.load(Map.of("JWT_SECRET_KEY", "short")).build();
 *     // IllegalStateException: JWT_SECRET_KEY is 5 bytes; HS256 needs at least 32 bytes ...
 * }</pre>
 *
 * <p>Thread safety: implementations must be stateless; the ones given here are.
 */
@FunctionalInterface
public interface SettingNames {
    /** The name shown for the option whose flask-jwt-extended key is {@code flaskKey} ({@code JWT_SECRET_KEY}). */
    String name(String flaskKey);

    /** flask-jwt-extended's keys as they are: {@code JWT_SECRET_KEY}. */
    SettingNames FLASK = flaskKey -> flaskKey;

    /** {@link JwtConfig.Builder}'s methods: {@code secretKey(...)}, {@code tokenLocations(...)}. */
    SettingNames JAVA = flaskKey -> javaName(flaskKey) + "(...)";

    /**
     * Properties under {@code prefix}, in kebab case: {@code properties("jwt")} names
     * {@code JWT_SECRET_KEY} {@code jwt.secret-key}.
     */
    static SettingNames properties(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return flaskKey -> prefix + "." + withoutPrefix(flaskKey).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The builder method of a flask key: its camel case, but for the few whose Java name differs. */
    private static String javaName(String flaskKey) {
        String different = Map.of(
                "JWT_DECODE_LEEWAY", "leeway",
                "JWT_TOKEN_LOCATION", "tokenLocations",
                "JWT_COOKIE_CSRF_PROTECT", "csrfProtect",
                "JWT_COOKIE_SAMESITE", "cookieSameSite").get(flaskKey);
        if (different != null) {
            return different;
        }
        StringBuilder b = new StringBuilder();
        boolean upper = false;
        for (char c : withoutPrefix(flaskKey).toCharArray()) {
            if (c == '_') {
                upper = b.length() > 0;
            } else {
                b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return b.toString();
    }

    private static String withoutPrefix(String flaskKey) {
        return flaskKey.startsWith("JWT_") ? flaskKey.substring(4) : flaskKey;
    }
}
