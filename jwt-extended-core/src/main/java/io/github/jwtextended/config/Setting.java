package io.github.jwtextended.config;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One option, as the mapping table {@link Settings} names it: its Java name (the path of record
 * components from {@link JwtConfig}: {@code access.cookieName} is {@code config.access().cookieName()}),
 * its flask key ({@code JWT_ACCESS_COOKIE_NAME}), its Spring property (made from the flask key:
 * {@code jwt.access-cookie-name}), and how its value is written as text. The option itself, with
 * its default and its checks, is the record component the Java name leads to.
 *
 * <p>Thread safety: immutable.
 */
public final class Setting {
    private final String flaskKey;
    private final String javaName;
    private final SettingFormat format;
    private final RecordPath path;

    /** Refuses a Java name that leads to no component, or to one whose type the format does not read. */
    Setting(String flaskKey, String javaName, SettingFormat format) {
        this.flaskKey = Objects.requireNonNull(flaskKey, "flaskKey");
        this.javaName = Objects.requireNonNull(javaName, "javaName");
        this.format = Objects.requireNonNull(format, "format");
        this.path = RecordPath.of(JwtConfig.Draft.class, javaName);
        Class<?> type = path.type().isPrimitive() ? boxed(path.type()) : path.type();
        if (!type.isAssignableFrom(format.type()) && !(Collection.class.isAssignableFrom(type) && format.type() == Collection.class)) {
            throw new IllegalArgumentException(this + ": " + format + " does not read a " + path.genericType());
        }
    }

    private static Class<?> boxed(Class<?> primitive) {
        return primitive == boolean.class ? Boolean.class : primitive == int.class ? Integer.class : primitive;
    }

    /** The flask-jwt-extended (or, for our additions, flask-style) key: {@code JWT_COOKIE_SECURE}. */
    public String flaskKey() {
        return flaskKey;
    }

    /** The path of record components from {@link JwtConfig}: {@code cookies.secure} is {@code config.cookies().secure()}. */
    public String javaName() {
        return javaName;
    }

    /** The Spring Boot starter's property: {@code jwt.} and the flask key without {@code JWT_}, in kebab case. */
    public String springName() {
        return "jwt." + kebab(flaskKey);
    }

    /** A flask key without {@code JWT_}, in kebab case: {@code JWT_COOKIE_SECURE} is {@code cookie-secure}. */
    static String kebab(String flaskKey) {
        String bare = flaskKey.startsWith("JWT_") ? flaskKey.substring("JWT_".length()) : flaskKey;
        return bare.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The value in {@code config} (a copy, for the secret). */
    public Object valueIn(JwtConfig config) {
        return config.toBuilder().get(path);
    }

    /** The default as flask-style text; null when the default is "not set". */
    public String defaultText() {
        return format.write(JwtConfig.builder().get(path));
    }

    /** The value in {@code config} as flask-style text (a secret as {@code (secret)}); null when not set. */
    String textIn(JwtConfig config) {
        return format.write(valueIn(config));
    }

    /**
     * Reads {@code text} and sets it on {@code b}, as given under {@code name}: a refusal, here or
     * at {@link JwtConfig.Builder#build()}, names the setting so.
     */
    void apply(JwtConfig.Builder b, String text, String name) {
        UnaryOperator<String> names = javaName -> javaName.equals(this.javaName) ? name : javaName;
        try {
            Object value = format.parse(text);
            b.set(path, value instanceof Collection<?> c && Set.class.isAssignableFrom(path.type()) ? new LinkedHashSet<>(c) : value);
        } catch (InvalidSettingException e) {
            throw e.named(names);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("%s " + e.getMessage().replace("%", "%%"), javaName).named(names);
        }
        b.givenAs(javaName, name);
    }

    @Override
    public String toString() {
        return flaskKey + " (" + javaName + ")";
    }
}
