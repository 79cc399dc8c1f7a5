package io.github.jwtextended.spring;

import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.Setting;
import io.github.jwtextended.config.SettingNames;
import io.github.jwtextended.config.Settings;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.KeyResolvers;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the {@code jwt.*} properties into a {@link JwtConfig} through the core's
 * {@link FlaskConfig}, so every option, default and refusal is the core's. Each key, in any of
 * Spring's relaxed forms, maps to its flask-style name: {@code jwt.secret-key},
 * {@code jwt.secretKey}, {@code jwt.secret_key} and the environment variable {@code JWT_SECRET_KEY}
 * all are {@code JWT_SECRET_KEY}. Lists are comma-separated ({@code jwt.token-location=cookies,headers}).
 * A value the core refuses is named as the application gave it: the environment variable
 * ({@code JWT_COOKIE_SECURE must be true or false}) when it came from one, else the property
 * ({@code jwt.cookie-secure must be true or false}); a setting not given at all as its property
 * ({@code jwt.secret-key must be set ...}).
 * The starter's own keys ({@link #STARTER_KEYS}: {@code jwt.revocation.*}, {@code jwt.redis.*},
 * {@code jwt.metrics.enabled}, {@code jwt.observations.enabled}) are
 * not passed on. Any other key that names no setting stops the start with a message naming it, as
 * the core refuses an unknown {@code JWT_*} key: a misspelt {@code jwt.cookie-secure} must not
 * leave cookies insecure without a word. One exception: JVM system properties ({@code -Djwt.x=...})
 * belong to the whole process, not to this application's configuration: any library, agent, launcher
 * or test harness in it may define a {@code jwt.*} property of its own, which the application cannot
 * rename. Refusing those would stop an application for a setting it never made, so an unknown key
 * found only among system properties is logged as a warning, not refused; a known one there is used
 * like any other.
 *
 * <p>Thread safety: stateless.
 */
final class JwtSpringSettings {
    static final String PREFIX = "jwt";
    private static final Set<String> KNOWN = Set.copyOf(FlaskConfig.knownKeys());
    private static final Logger LOG = LoggerFactory.getLogger(JwtSpringSettings.class);
    /** The starter's own settings, by flask-style name (see the README's starter settings table). */
    static final Set<String> STARTER_KEYS = Set.of("JWT_REVOCATION_STORE", "JWT_REVOCATION_TABLE",
            "JWT_REVOCATION_CREATE_TABLE", "JWT_REVOCATION_TIMEOUT", "JWT_REVOCATION_NEAR_CACHE",
            "JWT_REVOCATION_NEAR_CACHE_STALENESS", "JWT_REDIS_URL", "JWT_REDIS_KEY_PREFIX", "JWT_REDIS_NEAR_CACHE",
            "JWT_REDIS_TLS_CA_FILE", "JWT_REDIS_MIN_REPLICAS_ACK", "JWT_REDIS_REPLICA_ACK_TIMEOUT",
            "JWT_REDIS_SENTINEL_USERNAME", "JWT_REDIS_SENTINEL_PASSWORD",
            "JWT_METRICS_ENABLED", "JWT_OBSERVATIONS_ENABLED");

    private JwtSpringSettings() {
    }

    /**
     * The flask-style settings named by the environment's {@code jwt.*} properties; an
     * {@link JwtSettingsException} naming every key that is neither a setting nor the starter's.
     */
    static Map<String, String> flaskSettings(Environment env) {
        Map<String, String> raw = bindAll(Binder.get(env));
        Map<String, String> out = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = flaskName(e.getKey());
            if (STARTER_KEYS.contains(name)) {
                continue;
            }
            if (!KNOWN.contains(name)) {
                unknown.add("jwt." + e.getKey() + " (" + name + ")");
                continue;
            }
            out.put(name, e.getValue());
        }
        if (unknown.isEmpty()) {
            return out;
        }
        java.util.Collections.sort(unknown);
        Set<String> fromApplication = applicationKeys(env);
        List<String> refused = new ArrayList<>();
        for (String u : unknown) {
            String key = u.substring("jwt.".length(), u.indexOf(' '));
            if (fromApplication == null || fromApplication.contains(key)) {
                refused.add(u);
            } else {
                LOG.warn("JVM system property {} is no jwt-extended setting: ignored", "jwt." + key);
            }
        }
        if (!refused.isEmpty()) {
            throw new JwtSettingsException("Unknown jwt-extended setting" + (refused.size() == 1 ? " " : "s ")
                    + String.join(", ", refused) + ": every jwt.* property must be a flask-jwt-extended setting"
                    + " (docs/compatibility.md) or one of the starter's (jwt.revocation.*, jwt.redis.*, jwt.metrics.*, jwt.observations.*; see its README)");
        }
        return out;
    }

    private static Map<String, String> bindAll(Binder binder) {
        return binder.bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }

    /**
     * The {@code jwt.*} keys set anywhere but in the JVM's system properties (null when the
     * environment's sources cannot be told apart: then every key counts).
     */
    private static Set<String> applicationKeys(Environment env) {
        if (!(env instanceof ConfigurableEnvironment configurable)) {
            return null;
        }
        List<PropertySource<?>> sources = new ArrayList<>();
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (!source.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME)
                    && !source.getName().equals("configurationProperties")) {
                sources.add(source);
            }
        }
        return bindAll(new Binder(ConfigurationPropertySources.from(sources))).keySet();
    }

    /** {@code secret-key}, {@code secretKey}, {@code secret.key} -> {@code JWT_SECRET_KEY}. */
    static String flaskName(String key) {
        StringBuilder b = new StringBuilder("JWT_");
        char prev = 0;
        for (char c : key.toCharArray()) {
            if (c == '-' || c == '.' || c == '_') {
                b.append('_');
            } else if (Character.isUpperCase(c) && Character.isLowerCase(prev)) {
                b.append('_').append(c);
            } else {
                b.append(Character.toUpperCase(c));
            }
            prev = c;
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The configuration, validated by the core; a bad or unknown setting fails the start with its
     * name as the application gave it ({@link #settingNames}). Its keys are read by {@link #keys}.
     */
    static JwtConfig config(Environment env) {
        checkSwitches(env);
        Map<String, String> settings = flaskSettings(env);
        try {
            return FlaskConfig.load(settings, settingNames(env)).build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new JwtSettingsException(e.getMessage());
        }
    }

    /** The starter's on/off settings: a value that is neither true nor false stops the start rather than turning one off. */
    private static void checkSwitches(Environment env) {
        for (String name : List.of("jwt.metrics.enabled", "jwt.observations.enabled")) {
            Binder.get(env).bind(name, String.class).ifBound(v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new JwtSettingsException(name + " must be true or false");
                }
            });
        }
    }

    /**
     * The keys of {@code config}, read and checked once at start (the manager is given them and
     * does not read them again); a key that cannot be read or is refused fails the start as a bad
     * setting does, naming it. A remote JWKS is only checked here: the manager makes its resolver,
     * timed by the manager's clock, and fetches it when first needed.
     */
    static Keys keys(JwtConfig config) {
        try {
            if (config.keys().remote().url() != null) {
                KeyResolvers.check(config.keys(), config.decode().algorithms(), config.settingNames());
                return new Keys(null);
            }
            return new Keys(KeyResolvers.from(config.keys(), config.decode().algorithms(), Clock.systemUTC(), config.settingNames()));
        } catch (IllegalStateException e) {
            throw new JwtSettingsException(e.getMessage());
        }
    }

    /**
     * The configuration's keys as read at start ({@link #keys}).
     *
     * <p>Thread safety: immutable.
     *
     * @param resolver the local keys or secret, or null for a remote JWKS (the manager makes its resolver)
     */
    record Keys(KeyResolver resolver) {
    }

    /**
     * How refusals name a setting: an environment variable by its own name ({@code JWT_COOKIE_SECURE})
     * when that is where the value in force came from, any other setting (and one not set at all)
     * as its property, {@code jwt.cookie-secure}.
     */
    static SettingNames settingNames(Environment env) {
        Map<String, String> variables = new HashMap<>();
        BindHandler recordVariables = new AbstractBindHandler() {
            @Override
            public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
                ConfigurationProperty property = context.getConfigurationProperty();
                String variable = property == null ? null : environmentVariable(property.getOrigin());
                if (variable != null && name.getNumberOfElements() > 1) {
                    variables.put(flaskName(name.subName(1).toString()), variable);
                }
                return result;
            }
        };
        Binder.get(env).bind(PREFIX, Bindable.mapOf(String.class, String.class), recordVariables);
        return SettingNames.byFlaskKey(key -> variables.getOrDefault(key,
                Settings.byFlaskKey(key).map(Setting::springName).orElse(key)));
    }

    /** The name of the environment variable a value came from, or null when it came from elsewhere. */
    private static String environmentVariable(Origin origin) {
        if (origin instanceof PropertySourceOrigin source) {
            if (source.getPropertySource() instanceof SystemEnvironmentPropertySource) {
                return source.getPropertyName();
            }
            origin = source.getOrigin();
        }
        return origin instanceof SystemEnvironmentOrigin variable ? variable.getProperty() : null;
    }
}
