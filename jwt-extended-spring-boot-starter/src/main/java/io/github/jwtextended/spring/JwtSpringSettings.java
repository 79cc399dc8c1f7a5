package io.github.jwtextended.spring;

import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * Keys under {@code jwt.revocation.*} belong to the starter and are not passed on; any other key
 * that names no setting is ignored with a warning naming it (the {@code jwt.*} namespace is shared
 * with other tools), where the example server, which owns its environment, refuses it.
 *
 * <p>Thread safety: stateless.
 */
final class JwtSpringSettings {
    static final String PREFIX = "jwt";
    private static final Set<String> KNOWN = Set.copyOf(FlaskConfig.knownKeys());
    private static final Logger LOG = LoggerFactory.getLogger(JwtSpringSettings.class);

    private JwtSpringSettings() {
    }

    /** The flask-style settings named by the environment's {@code jwt.*} properties. */
    static Map<String, String> flaskSettings(Environment env) {
        Map<String, String> raw = Binder.get(env).bind(PREFIX, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
        Map<String, String> out = new TreeMap<>();
        java.util.List<String> unknown = new java.util.ArrayList<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String name = flaskName(e.getKey());
            if (name.startsWith("JWT_REVOCATION_")) {
                continue;
            }
            if (!KNOWN.contains(name)) {
                unknown.add(name);
                continue;
            }
            out.put(name, e.getValue());
        }
        if (!unknown.isEmpty()) {
            // Other libraries and build tools also use the jwt.* namespace: not refused, but named.
            LOG.warn("jwt.* properties that are no jwt-extended setting were ignored: {}", unknown);
        }
        return out;
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

    /** The configuration, validated by the core; a bad or unknown setting fails the start with its name. */
    static JwtConfig config(Environment env) {
        return FlaskConfig.load(flaskSettings(env)).build();
    }
}
