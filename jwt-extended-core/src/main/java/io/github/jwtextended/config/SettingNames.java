package io.github.jwtextended.config;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How a refusal names a setting: the way the application gave it. A setting is identified by its
 * Java name ({@code keys.secret}, see {@link Setting#javaName()}); a naming turns that into the
 * name the user wrote: {@link #JAVA} keeps it (what {@link JwtConfig#builder()} refusals say),
 * {@link #FLASK} gives the flask-jwt-extended key ({@code JWT_SECRET_KEY}, what {@link FlaskConfig}
 * reads from the environment), {@link #properties(String)} a property under a prefix
 * ({@code jwt.secret-key}, the Spring Boot starter's).
 *
 * <pre>{@code
 * JwtConfig.builder().keys(k -> k.withSecret("short")).build();
 *     // InvalidSettingException: keys.secret is 5 bytes; HS256 needs at least 32 bytes ...
 * FlaskConfig.load(Map.of("JWT_SECRET_KEY", "short")).build();
 *     // InvalidSettingException: JWT_SECRET_KEY is 5 bytes; HS256 needs at least 32 bytes ...
 * }</pre>
 *
 * <p>A naming is an {@code UnaryOperator<String>} from Java names, so that the configuration keeps
 * one ({@link JwtConfig#settingNames()}) for the refusals made after it is built (the manager's)
 * without depending on this mapping. Thread safety: implementations must be stateless; the ones
 * given here are.
 */
@FunctionalInterface
public interface SettingNames extends UnaryOperator<String> {
    /** The Java names as they are: {@code keys.secret}. */
    SettingNames JAVA = javaName -> javaName;

    /** flask-jwt-extended's keys: {@code JWT_SECRET_KEY}. */
    SettingNames FLASK = byFlaskKey(flaskKey -> flaskKey);

    /**
     * Properties under {@code prefix}, in kebab case: {@code properties("jwt")} names
     * {@code keys.secret} (flask key {@code JWT_SECRET_KEY}) {@code jwt.secret-key}.
     */
    static SettingNames properties(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        return byFlaskKey(flaskKey -> prefix + "." + Setting.kebab(flaskKey));
    }

    /** A naming given by flask key, for a front end that knows the settings by those: a name unknown to {@code names} stays the Java name. */
    static SettingNames byFlaskKey(UnaryOperator<String> names) {
        Objects.requireNonNull(names, "names");
        return javaName -> Settings.byJavaName(javaName).map(s -> names.apply(s.flaskKey())).orElse(javaName);
    }
}
