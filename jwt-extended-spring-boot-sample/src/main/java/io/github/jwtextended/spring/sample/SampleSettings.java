package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.login.LoginSettings;
import io.github.jwtextended.example.settings.ServerDefaults;
import io.github.jwtextended.example.settings.SettingValues;
import io.github.jwtextended.example.storage.DatabaseUrl;
import io.github.jwtextended.redis.RedisRevocationStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The example server's own settings, read by the same names, defaults and limits as the Javalin
 * example ({@code HOST}, {@code PORT}, {@code DATA_DIR}, {@code DATABASE_URL}, {@code DEMO_USERS},
 * {@code DATABASE_POOL_SIZE}, {@code DATABASE_CONNECT_TIMEOUT}, {@code REVOCATION_PURGE_INTERVAL},
 * {@code REDIS_URL}, {@code REVOCATION_NEAR_CACHE}, {@code REVOCATION_NEAR_CACHE_STALENESS_MS}, {@code REVOCATION_TIMEOUT_MS},
 * {@code REVOCATION_FAIL_OPEN}, {@code REFRESH_TOKEN_ROTATION}, {@code REFRESH_REUSE_GRACE_SECONDS}, {@code REFRESH_MAX_SESSION_SECONDS},
 * {@code IMPLICIT_REFRESH_WINDOW_SECONDS}, and the defences of {@code /login}:
 * {@code LOGIN_RATE_LIMIT_PER_USERNAME}, {@code LOGIN_RATE_LIMIT_PER_ADDRESS},
 * {@code LOGIN_RATE_LIMIT_WINDOW_SECONDS}, {@code TRUST_X_FORWARDED_FOR}, {@code LOGIN_ALLOWED_ORIGINS},
 * parsed by the example's own {@link LoginSettings}). The {@code JWT_*} settings are not read here: they reach
 * the starter as {@code jwt.*} properties through Spring's relaxed binding.
 *
 * <p>One difference: {@code IMPLICIT_REFRESH_WINDOW_SECONDS} must stay 0, since implicit refresh is
 * a feature of the Javalin plugin that the servlet adapter does not have.
 *
 * <p>Thread safety: immutable.
 */
public final class SampleSettings {
    /** Defaults, as the example server's. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>(ServerDefaults.COMMON);
        DEFAULTS = Collections.unmodifiableMap(d);
    }

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
    private final LoginSettings login;

    private SampleSettings(Function<String, String> lookup) {
        Function<String, String> get = name -> {
            String v = lookup.apply(name);
            return v == null ? DEFAULTS.get(name) : v;
        };
        host = text(get, "HOST");
        port = integer(get, "PORT", 0, 65535);
        dataDir = path(get, "DATA_DIR");
        try {
            database = DatabaseUrl.parse(get.apply("DATABASE_URL"), dataDir);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
        demoUsers = bool(get, "DEMO_USERS");
        poolSize = integer(get, "DATABASE_POOL_SIZE", 1, 100);
        connectTimeout = Duration.ofSeconds(integer(get, "DATABASE_CONNECT_TIMEOUT", 1, 600));
        purgeInterval = Duration.ofSeconds(integer(get, "REVOCATION_PURGE_INTERVAL", 1, 7 * 24 * 3600));
        redisUrl = redisUrl(get.apply("REDIS_URL"));
        nearCache = bool(get, "REVOCATION_NEAR_CACHE");
        nearCacheStaleness = Duration.ofMillis(integer(get, "REVOCATION_NEAR_CACHE_STALENESS_MS", 10, 60_000));
        revocationTimeout = Duration.ofMillis(integer(get, "REVOCATION_TIMEOUT_MS", 10, 60_000));
        failOpen = bool(get, "REVOCATION_FAIL_OPEN");
        rotation = bool(get, "REFRESH_TOKEN_ROTATION");
        reuseGrace = Duration.ofSeconds(integer(get, "REFRESH_REUSE_GRACE_SECONDS", 0, 300));
        int maxSessionSeconds = integer(get, "REFRESH_MAX_SESSION_SECONDS", 0, Integer.MAX_VALUE);
        maxSession = maxSessionSeconds == 0 ? null : Duration.ofSeconds(maxSessionSeconds);
        if (integer(get, "IMPLICIT_REFRESH_WINDOW_SECONDS", 0, 24 * 3600) != 0) {
            throw new Invalid("IMPLICIT_REFRESH_WINDOW_SECONDS is not supported by the Spring Boot sample (implicit refresh"
                    + " is a Javalin plugin feature): leave it 0 or unset");
        }
        try {
            login = LoginSettings.from(get); // the example server's parsing and messages
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** Reads and checks the settings {@code lookup} finds (null: unset); {@link Invalid} names the first bad one. */
    public static SampleSettings from(Function<String, String> lookup) {
        return new SampleSettings(lookup);
    }

    public String host() { return host; }
    /** The port to listen on; 0 picks a free one. */
    public int port() { return port; }
    public Path dataDir() { return dataDir; }
    public DatabaseUrl database() { return database; }
    public boolean demoUsers() { return demoUsers; }
    public int poolSize() { return poolSize; }
    public Duration connectTimeout() { return connectTimeout; }
    public Duration purgeInterval() { return purgeInterval; }
    /** {@code REDIS_URL}, or null: revocations in the database. */
    public String redisUrl() { return redisUrl; }
    public boolean nearCache() { return nearCache; }
    /** {@code REVOCATION_NEAR_CACHE_STALENESS_MS}: the database near cache's bound on other instances' revocations. */
    public Duration nearCacheStaleness() { return nearCacheStaleness; }
    public Duration revocationTimeout() { return revocationTimeout; }
    public boolean failOpen() { return failOpen; }
    public boolean rotation() { return rotation; }
    public Duration reuseGrace() { return reuseGrace; }

    /** The longest a rotated session lasts from its login ({@code REFRESH_MAX_SESSION_SECONDS}), or null for none. */
    public Duration maxSession() { return maxSession; }
    /** The login limit and cross-site check settings ({@code LOGIN_RATE_LIMIT_*}, {@code TRUST_X_FORWARDED_FOR}, {@code LOGIN_ALLOWED_ORIGINS}). */
    public LoginSettings login() { return login; }

    private static String redisUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!RedisRevocationStore.isUrl(value)) {
            throw new Invalid("REDIS_URL must be " + RedisRevocationStore.URL_FORMS + ", or be unset");
        }
        return value.trim();
    }

    private static String text(Function<String, String> get, String key) {
        return valid(() -> SettingValues.text(get, key));
    }

    private static int integer(Function<String, String> get, String key, int min, int max) {
        return valid(() -> SettingValues.integer(get, key, min, max));
    }

    private static boolean bool(Function<String, String> get, String key) {
        return valid(() -> SettingValues.bool(get, key));
    }

    private static Path path(Function<String, String> get, String key) {
        return valid(() -> SettingValues.path(get, key));
    }

    private static <T> T valid(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /**
     * A setting that stops the start: a one-line message naming it, never showing a secret value.
     *
     * <p>Thread safety: immutable.
     */
    public static final class Invalid extends RuntimeException {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }
}
