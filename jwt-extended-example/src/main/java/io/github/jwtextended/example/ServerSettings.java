package io.github.jwtextended.example;

import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.KeyResolvers;
import io.github.jwtextended.key.KeySource;

import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The server's settings, read from environment-style variables: the ones both example servers
 * read ({@link CommonSettings}: {@code HOST}, {@code PORT}, {@code DATA_DIR}, {@code DATABASE_URL},
 * the revocation store's, refresh-token rotation's and {@code /login}'s defences') plus
 * flask-jwt-extended's {@code JWT_*} names (through {@link FlaskConfig}). Every value is checked
 * when read, the signing and verification keys included (read and parsed here, once, for the
 * manager: {@link #keys()}); a bad one is reported by a {@link SettingsException} whose one-line
 * message names the setting.
 *
 * <p>This server's own default differs from flask-jwt-extended's in one place:
 * {@code JWT_TOKEN_LOCATION} is {@code cookies,headers}.
 *
 * <p>Thread safety: immutable.
 */
public final class ServerSettings {
    /** Defaults of the settings this server adds, for the documentation and {@code --help}. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>(CommonSettings.DEFAULTS);
        d.put("JWT_TOKEN_LOCATION", CommonSettings.TOKEN_LOCATION_DEFAULT);
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    /** Stands in for the secret read from (or written to) the data folder at start, to check the other JWT_* values. */
    private static final String PLACEHOLDER_SECRET = "placeholder-secret-for-validation-only-0123456789abcdef0123456789";

    private final CommonSettings common;
    private final Map<String, String> jwtSettings;
    private final boolean secretGiven;
    private final KeyResolver keys;

    private ServerSettings(Map<String, String> env) {
        try {
            common = CommonSettings.from(env::get); // shared with the Spring Boot sample
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage()); // the message never repeats the value
        }
        Map<String, String> jwt = new HashMap<>();
        jwt.put("JWT_TOKEN_LOCATION", CommonSettings.TOKEN_LOCATION_DEFAULT);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() != null && e.getValue() != null && (e.getKey().startsWith("JWT_") || e.getKey().equals("SECRET_KEY"))) {
                jwt.put(e.getKey(), e.getValue());
            }
        }
        jwtSettings = Map.copyOf(jwt);
        secretGiven = nonEmpty(jwt.get("JWT_SECRET_KEY")) || nonEmpty(jwt.get("SECRET_KEY"));
        // Check every JWT_* value now, the keys' files and text included, before anything is created
        // on disk; the placeholder secret stands in for the one that will be read from (or written to)
        // the data folder.
        keys = readKeys(jwtConfig(secretGiven ? null : PLACEHOLDER_SECRET), secretGiven);
    }

    /** Reads and checks {@code env}; throws {@link SettingsException} naming the first bad setting. */
    public static ServerSettings from(Map<String, String> env) {
        return new ServerSettings(Objects.requireNonNull(env, "env"));
    }

    /**
     * The keys, read and checked once: null when the manager makes them itself, that is, from the
     * secret generated in the data folder (not known yet), or from a remote JWKS (fetched when
     * first needed, its cache timed by the manager's clock; nothing to read now).
     */
    private static KeyResolver readKeys(JwtConfig config, boolean secretGiven) {
        KeySource source = config.keys();
        try {
            if (source.remote().url() != null) {
                KeyResolvers.check(source, config.decode().algorithms(), config.settingNames());
                return null;
            }
            KeyResolver resolver = KeyResolvers.from(source, config.decode().algorithms(), Clock.systemUTC(), config.settingNames());
            return secretGiven || source.hasLocalKeys() ? resolver : null; // local keys never use the secret
        } catch (IllegalStateException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /**
     * The token configuration. {@code generatedSecret} is used when neither {@code JWT_SECRET_KEY}
     * nor {@code SECRET_KEY} is set (null otherwise).
     */
    public JwtConfig jwtConfig(String generatedSecret) {
        try {
            JwtConfig.Builder b = JwtConfig.builder().tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS);
            if (!secretGiven) {
                if (generatedSecret == null) {
                    throw new SettingsException("JWT_SECRET_KEY is not set and no generated key was given");
                }
                b.keys(k -> k.withSecret(generatedSecret));
            }
            FlaskConfig.apply(b, jwtSettings);
            return b.build();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /** The settings both example servers read. */
    public CommonSettings common() { return common; }

    /**
     * The keys read and checked with these settings, for {@code JwtManager.builder(..).keyResolver(..)}
     * (so that a key file is read once, and is the one that was checked); empty when the manager
     * makes them: from the generated secret, or from a remote JWKS.
     */
    public Optional<KeyResolver> keys() { return Optional.ofNullable(keys); }

    /** Whether {@code JWT_SECRET_KEY} (or flask's {@code SECRET_KEY}) was given. */
    public boolean secretGiven() { return secretGiven; }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
