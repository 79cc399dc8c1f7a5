package io.github.jwtextended.example;

import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.example.login.LoginSettings;
import io.github.jwtextended.example.settings.ServerDefaults;
import io.github.jwtextended.example.settings.SettingValues;
import io.github.jwtextended.example.storage.DatabaseUrl;
import io.github.jwtextended.key.KeyResolvers;
import io.github.jwtextended.redis.RedisRevocationStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server's settings, read from environment-style variables: flask-jwt-extended's
 * {@code JWT_*} names (through {@link FlaskConfig}) plus {@code HOST}, {@code PORT},
 * {@code DATA_DIR}, {@code DATABASE_URL}, {@code DEMO_USERS}, {@code DATABASE_POOL_SIZE},
 * {@code DATABASE_CONNECT_TIMEOUT}, {@code REVOCATION_PURGE_INTERVAL}, for revocations
 * {@code REVOCATION_NEAR_CACHE}, {@code REVOCATION_NEAR_CACHE_STALENESS_MS},
 * {@code REVOCATION_TIMEOUT_MS} and {@code REVOCATION_FAIL_OPEN}, for revocations shared through
 * Redis {@code REDIS_URL}, and for {@code POST /login} the brute-force limits
 * ({@code LOGIN_RATE_LIMIT_*}, {@code TRUST_X_FORWARDED_FOR}) and the cross-site check
 * ({@code LOGIN_ALLOWED_ORIGINS}). Every value is checked when read; a bad one is reported by a
 * {@link SettingsException} whose one-line message names the setting.
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
        Map<String, String> d = new LinkedHashMap<>(ServerDefaults.COMMON);
        d.put("JWT_TOKEN_LOCATION", "cookies,headers");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private static final int MAX_POOL_SIZE = 100;

    private final String host;
    private final int port;
    private final Path dataDir;
    private final DatabaseUrl database;
    private final boolean demoUsers;
    private final int poolSize;
    private final Duration connectTimeout;
    private final Duration purgeInterval;
    private final String redisUrl;
    private final boolean nearCache;
    private final Duration nearCacheStaleness;
    private final Duration revocationTimeout;
    private final boolean failOpen;
    private final boolean rotation;
    private final Duration reuseGrace;
    private final Duration maxSession;
    private final Duration implicitRefreshWindow;
    private final LoginSettings login;
    private final Map<String, String> jwtSettings;
    private final boolean secretGiven;

    private ServerSettings(Map<String, String> env) {
        host = text(env, "HOST");
        port = integer(env, "PORT", 0, 65535);
        dataDir = path(env, "DATA_DIR");
        try {
            database = DatabaseUrl.parse(env.get("DATABASE_URL"), dataDir);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage()); // the message never repeats the URL
        }
        demoUsers = bool(env, "DEMO_USERS");
        poolSize = integer(env, "DATABASE_POOL_SIZE", 1, MAX_POOL_SIZE);
        connectTimeout = Duration.ofSeconds(integer(env, "DATABASE_CONNECT_TIMEOUT", 1, 600));
        purgeInterval = Duration.ofSeconds(integer(env, "REVOCATION_PURGE_INTERVAL", 1, 7 * 24 * 3600));
        redisUrl = redisUrl(env.get("REDIS_URL"));
        nearCache = bool(env, "REVOCATION_NEAR_CACHE");
        nearCacheStaleness = Duration.ofMillis(integer(env, "REVOCATION_NEAR_CACHE_STALENESS_MS", 10, 60_000));
        revocationTimeout = Duration.ofMillis(integer(env, "REVOCATION_TIMEOUT_MS", 10, 60_000));
        failOpen = bool(env, "REVOCATION_FAIL_OPEN");
        rotation = bool(env, "REFRESH_TOKEN_ROTATION");
        reuseGrace = Duration.ofSeconds(integer(env, "REFRESH_REUSE_GRACE_SECONDS", 0, 300));
        int maxSessionSeconds = integer(env, "REFRESH_MAX_SESSION_SECONDS", 0, Integer.MAX_VALUE);
        maxSession = maxSessionSeconds == 0 ? null : Duration.ofSeconds(maxSessionSeconds);
        implicitRefreshWindow = Duration.ofSeconds(integer(env, "IMPLICIT_REFRESH_WINDOW_SECONDS", 0, 24 * 3600));
        try {
            login = LoginSettings.from(env::get); // shared with the Spring Boot sample
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
        Map<String, String> jwt = new HashMap<>();
        jwt.put("JWT_TOKEN_LOCATION", DEFAULTS.get("JWT_TOKEN_LOCATION"));
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() != null && (e.getKey().startsWith("JWT_") || e.getKey().equals("SECRET_KEY"))) {
                jwt.put(e.getKey(), e.getValue());
            }
        }
        jwtSettings = Map.copyOf(jwt);
        secretGiven = nonEmpty(jwt.get("JWT_SECRET_KEY")) || nonEmpty(jwt.get("SECRET_KEY"));
        // Check every JWT_* value now, the keys' files and text included, before anything is created
        // on disk; a placeholder secret stands in for the one that will be read from (or written to)
        // the data folder.
        JwtConfig config = jwtConfig(secretGiven ? null : "placeholder-secret-for-validation-only-0123456789abcdef0123456789");
        try {
            KeyResolvers.check(config.keys(), config.decode().algorithms(), config.settingNames());
        } catch (IllegalStateException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /** Reads and checks {@code env}; throws {@link SettingsException} naming the first bad setting. */
    public static ServerSettings from(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        Map<String, String> withDefaults = new HashMap<>(DEFAULTS);
        for (Map.Entry<String, String> e : env.entrySet()) {
            if (e.getKey() != null && e.getValue() != null) {
                withDefaults.put(e.getKey(), e.getValue());
            }
        }
        return new ServerSettings(withDefaults);
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

    public String host() { return host; }
    /** The port to listen on; 0 picks a free one. */
    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public DatabaseUrl database() { return database; }
    public boolean demoUsers() { return demoUsers; }
    public int poolSize() { return poolSize; }
    public Duration purgeInterval() { return purgeInterval; }
    /** The Redis holding revocations ({@code REDIS_URL}), or null: revocations in the database. */
    public String redisUrl() { return redisUrl; }
    /** Whether the revocation store (Redis or the database's tables) keeps a near cache ({@code REVOCATION_NEAR_CACHE}). */
    public boolean nearCache() { return nearCache; }
    /**
     * How stale the database store's near cache may be: another instance's revocation is refused
     * within it ({@code REVOCATION_NEAR_CACHE_STALENESS_MS}; Redis's near cache is fed by pub/sub).
     */
    public Duration nearCacheStaleness() { return nearCacheStaleness; }
    /** The longest a revocation check may take before the request fails closed with 503. */
    public Duration revocationTimeout() { return revocationTimeout; }
    /** Whether checks the store cannot answer accept the token ({@code REVOCATION_FAIL_OPEN}; logged as WARN). */
    public boolean failOpen() { return failOpen; }

    /** Whether {@code /refresh} rotates the refresh token ({@code REFRESH_TOKEN_ROTATION}). */
    public boolean rotation() { return rotation; }

    /** How long a rotated refresh token is accepted once more ({@code REFRESH_REUSE_GRACE_SECONDS}). */
    public Duration reuseGrace() { return reuseGrace; }

    /** The longest a rotated session lasts from its login ({@code REFRESH_MAX_SESSION_SECONDS}), or null for none. */
    public Duration maxSession() { return maxSession; }

    /** Re-issue the access cookie when it expires within this ({@code IMPLICIT_REFRESH_WINDOW_SECONDS}; zero: off). */
    public Duration implicitRefreshWindow() { return implicitRefreshWindow; }
    /** Whether the client address is the last {@code X-Forwarded-For} entry rather than the socket's peer ({@code TRUST_X_FORWARDED_FOR}). */
    public boolean trustForwardedFor() { return login.trustForwardedFor(); }
    /** The five settings of the defences of {@code /login} together. */
    public LoginSettings login() { return login; }
    /** How long the start waits for the database to answer (it may still be starting). */
    public Duration connectTimeout() { return connectTimeout; }
    /** Whether {@code JWT_SECRET_KEY} (or flask's {@code SECRET_KEY}) was given. */
    public boolean secretGiven() { return secretGiven; }

    private static String redisUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!RedisRevocationStore.isUrl(value)) {
            throw new SettingsException("REDIS_URL must be " + RedisRevocationStore.URL_FORMS + ", or be unset");
        }
        return value.trim();
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }

    private static String text(Map<String, String> env, String key) {
        return valid(() -> SettingValues.text(env::get, key));
    }

    private static int integer(Map<String, String> env, String key, int min, int max) {
        return valid(() -> SettingValues.integer(env::get, key, min, max));
    }

    private static boolean bool(Map<String, String> env, String key) {
        return valid(() -> SettingValues.bool(env::get, key));
    }

    private static Path path(Map<String, String> env, String key) {
        return valid(() -> SettingValues.path(env::get, key));
    }

    private static <T> T valid(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage());
        }
    }
}
