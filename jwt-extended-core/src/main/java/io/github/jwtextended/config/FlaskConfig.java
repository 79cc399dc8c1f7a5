package io.github.jwtextended.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads flask-jwt-extended's configuration keys ({@code JWT_SECRET_KEY}, {@code JWT_TOKEN_LOCATION},
 * ...) from a map of strings or from the environment into a {@link JwtConfig.Builder}, through the
 * mapping table {@link Settings}.
 *
 * <p>Values: durations are whole seconds or {@code false} (never expires); booleans are
 * {@code true/false/1/0/yes/no/on/off}; lists are comma-separated; an empty string means "not set"
 * for optional values. An unknown {@code JWT_*} key, or a value that cannot be read or used, is
 * refused with an {@link InvalidSettingException} naming the key (a key flask-jwt-extended dropped
 * with the reason) and never echoing a value. Refusals at {@link JwtConfig.Builder#build()} name
 * the keys too.
 *
 * <p>Thread safety: stateless; all methods may be called from any thread.
 */
public final class FlaskConfig {
    private FlaskConfig() {
    }

    /** The keys this loader understands, in documentation order. */
    public static List<String> knownKeys() {
        return Settings.all().stream().map(Setting::flaskKey).toList();
    }

    /**
     * A builder filled from flask-style keys. Keys not starting with {@code JWT_} are ignored,
     * except flask's {@code SECRET_KEY}, used when {@code JWT_SECRET_KEY} is absent. Refusals, here
     * and at {@link JwtConfig.Builder#build()}, name the settings by their keys ({@code JWT_SECRET_KEY}).
     */
    public static JwtConfig.Builder load(Map<String, String> settings) {
        return load(settings, SettingNames.FLASK);
    }

    /**
     * {@link #load(Map)} for a front end that reads the keys under names of its own (a framework's
     * properties: {@link SettingNames#properties(String)}): refusals, here and at
     * {@link JwtConfig.Builder#build()}, name each setting by {@code names}.
     */
    public static JwtConfig.Builder load(Map<String, String> settings, SettingNames names) {
        return apply(JwtConfig.builder().settingNames(names), settings, names);
    }

    /**
     * Applies flask-style keys onto an existing builder (later values win); refusals name these
     * settings by their keys ({@code JWT_SECRET_KEY}), the builder's others as before.
     */
    public static JwtConfig.Builder apply(JwtConfig.Builder b, Map<String, String> settings) {
        return apply(b, settings, SettingNames.FLASK);
    }

    private static JwtConfig.Builder apply(JwtConfig.Builder b, Map<String, String> settings, SettingNames names) {
        Objects.requireNonNull(names, "names");
        String flaskSecret = settings.get("SECRET_KEY");
        if (flaskSecret != null && !flaskSecret.isEmpty() && !settings.containsKey("JWT_SECRET_KEY")) {
            setting("JWT_SECRET_KEY").apply(b, flaskSecret, "SECRET_KEY");
        }
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String key = e.getKey();
            if (key == null || !key.startsWith("JWT_")) {
                continue;
            }
            Setting setting = Settings.byFlaskKey(key).orElseThrow(() -> unknown(key));
            String value = e.getValue() == null ? "" : e.getValue();
            if (key.equals("JWT_SECRET_KEY") && value.isEmpty()) {
                continue; // not given: a secret set before (a generated one, say) stays
            }
            setting.apply(b, value, names.apply(setting.javaName()));
        }
        return b;
    }

    private static Setting setting(String key) {
        return Settings.byFlaskKey(key).orElseThrow();
    }

    private static InvalidSettingException unknown(String key) {
        String reason = Settings.unsupported().get(key);
        String message = reason != null ? key + " is not supported: " + reason
                : "Unknown setting " + key + " (known: see docs/compatibility.md)";
        return new InvalidSettingException(message.replace("%", "%%"));
    }

    /** A builder filled from this process's environment variables. */
    public static JwtConfig.Builder fromEnvironment() {
        return load(System.getenv());
    }
}
