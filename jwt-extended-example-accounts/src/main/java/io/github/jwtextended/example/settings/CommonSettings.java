package io.github.jwtextended.example.settings;

import io.github.jwtextended.example.login.LoginSettings;
import io.github.jwtextended.example.metrics.MetricsToken;
import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.example.storage.DatabaseUrl;
import io.github.jwtextended.redis.RedisRevocationStore;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings both example servers read from environment-style variables (besides the
 * {@code JWT_*} ones), by the same names, defaults and checks; each server adds its own few. A bad
 * value is refused with an {@link IllegalArgumentException} whose one-line message names the
 * setting and never repeats the value; each server turns it into its own start-up failure.
 *
 * <p>Adding a setting: a component here and the line reading it in {@link #read} (its name,
 * default and check, through {@link SettingReader}); {@link #DEFAULTS}, and so both servers'
 * {@code --help} and the README checks, follow. A setting of the defences of {@code /login} goes
 * into {@link LoginSettings} the same way.
 *
 * <p>Thread safety: immutable.
 *
 * @param host                  {@code HOST}: the address to listen on
 * @param port                  {@code PORT}: the port to listen on; 0 picks a free one
 * @param dataDir               {@code DATA_DIR}: the data folder (SQLite file, generated signing key)
 * @param database              {@code DATABASE_URL}: PostgreSQL, or empty for SQLite in the data folder
 * @param demoUsers             {@code DEMO_USERS}: create the quick start's users when there are none
 * @param poolSize              {@code DATABASE_POOL_SIZE}: the most database connections
 * @param connectTimeout        {@code DATABASE_CONNECT_TIMEOUT} (seconds): how long the start waits for the database
 * @param purgeInterval         {@code REVOCATION_PURGE_INTERVAL} (seconds): how often expired revocations are deleted
 * @param redisUrl              {@code REDIS_URL}: the Redis holding revocations, or null: revocations in the database
 * @param redisTlsCaFile        {@code REDIS_TLS_CA_FILE}: the certificate authorities (PEM) trusted for {@code rediss://},
 *                              or null: the JDK's
 * @param redisSentinel         {@code REDIS_SENTINEL_PASSWORD}/{@code REDIS_SENTINEL_USERNAME}: the credentials of
 *                              Sentinels that ask a password of their own (a {@code redis-sentinel://} {@code REDIS_URL}
 *                              only), or null: none
 * @param redisMinReplicasAck   {@code REDIS_MIN_REPLICAS_ACK}: how many replicas must confirm each revocation (0: none)
 * @param redisReplicaAckTimeout {@code REDIS_REPLICA_ACK_TIMEOUT_MS}: how long a revocation waits for them before 503
 * @param nearCache             {@code REVOCATION_NEAR_CACHE}: whether the revocation store keeps a near cache
 * @param nearCacheStaleness    {@code REVOCATION_NEAR_CACHE_STALENESS_MS}: how stale the database store's near cache
 *                              may be (another instance's revocation is refused within it; Redis's is fed by pub/sub)
 * @param revocationTimeout     {@code REVOCATION_TIMEOUT_MS}: the longest a revocation check may take before 503
 * @param failOpen              {@code REVOCATION_FAIL_OPEN}: whether checks the store cannot answer accept the token
 * @param rotation              {@code REFRESH_TOKEN_ROTATION}: whether {@code /refresh} rotates the refresh token
 * @param reuseGrace            {@code REFRESH_REUSE_GRACE_SECONDS}: the window after a rotation in which the previous refresh token gets the same successor instead of counting as reuse (0: none)
 * @param maxSession            {@code REFRESH_MAX_SESSION_SECONDS}: the longest a rotated session lasts from its login,
 *                              or null (0) for none
 * @param implicitRefreshWindow {@code IMPLICIT_REFRESH_WINDOW_SECONDS}: re-issue the access cookie when it expires
 *                              within this (zero: off)
 * @param refreshTokenInBody    {@code REFRESH_TOKEN_IN_BODY}: whether the login and refresh answers carry the refresh
 *                              token in their JSON also when it went in a cookie ({@code false}: only in the cookie, so
 *                              a page's script never sees it; see {@link io.github.jwtextended.example.login.LoginTokens})
 * @param metricsToken          {@code METRICS_TOKEN}: the bearer token of {@code GET /metrics}, or null (unset): no
 *                              metrics at all ({@link io.github.jwtextended.example.metrics.ServerMetrics})
 * @param login                 the defences of {@code /login} ({@code LOGIN_RATE_LIMIT_*}, {@code TRUST_X_FORWARDED_FOR},
 *                              {@code LOGIN_ALLOWED_ORIGINS}, {@code TRUSTED_PROXIES})
 */
public record CommonSettings(String host, int port, Path dataDir, DatabaseUrl database, boolean demoUsers, int poolSize,
                             Duration connectTimeout, Duration purgeInterval, String redisUrl, Path redisTlsCaFile,
                             SentinelCredentials redisSentinel, int redisMinReplicasAck, Duration redisReplicaAckTimeout, boolean nearCache,
                             Duration nearCacheStaleness, Duration revocationTimeout, boolean failOpen, boolean rotation,
                             Duration reuseGrace, Duration maxSession, Duration implicitRefreshWindow, boolean refreshTokenInBody,
                             MetricsToken metricsToken, LoginSettings login) {
    /** Both servers' own default of {@code JWT_TOKEN_LOCATION} (flask-jwt-extended's is {@code headers}). */
    public static final String TOKEN_LOCATION_DEFAULT = "cookies,headers";

    /** Setting name to default value, in the order the documentation lists them. */
    public static final Map<String, String> DEFAULTS = defaults();

    /** How long a pooled connection may be waited for when revocations are not in the database. */
    private static final Duration CONNECTION_WAIT_WITHOUT_REVOCATIONS = Duration.ofSeconds(5);

    /**
     * Reads and checks the settings {@code lookup} finds (null: unset, the default).
     *
     * @throws IllegalArgumentException naming the first bad setting (never repeating its value)
     */
    public static CommonSettings from(Function<String, String> lookup) {
        return read(new SettingReader(lookup));
    }

    /** Every setting, read in the order of the documentation. */
    static CommonSettings read(SettingReader r) {
        String host = r.text("HOST", "127.0.0.1");
        int port = r.integer("PORT", 5000, 0, 65535);
        Path dataDir = r.path("DATA_DIR", "./data");
        DatabaseUrl database = r.value("DATABASE_URL", "", url -> DatabaseUrl.parse(url, dataDir)); // the message never repeats the URL
        boolean demoUsers = r.bool("DEMO_USERS", false);
        int poolSize = r.integer("DATABASE_POOL_SIZE", 10, 1, 100);
        Duration connectTimeout = Duration.ofSeconds(r.integer("DATABASE_CONNECT_TIMEOUT", 10, 1, 600));
        Duration purgeInterval = Duration.ofSeconds(r.integer("REVOCATION_PURGE_INTERVAL", 3600, 1, 7 * 24 * 3600));
        String redisUrl = r.value("REDIS_URL", "", CommonSettings::redisUrl);
        Path redisTlsCaFile = r.value("REDIS_TLS_CA_FILE", "", CommonSettings::readableFile);
        return new CommonSettings(host, port, dataDir, database, demoUsers, poolSize, connectTimeout, purgeInterval,
                redisUrl, redisTlsCaFile, sentinelCredentials(r, redisUrl),
                r.integer("REDIS_MIN_REPLICAS_ACK", 0, 0, 100),
                Duration.ofMillis(r.integer("REDIS_REPLICA_ACK_TIMEOUT_MS", 500, 10, 60_000)),
                r.bool("REVOCATION_NEAR_CACHE", true),
                Duration.ofMillis(r.integer("REVOCATION_NEAR_CACHE_STALENESS_MS", 1000, 10, 60_000)),
                Duration.ofMillis(r.integer("REVOCATION_TIMEOUT_MS", 250, 10, 60_000)),
                r.bool("REVOCATION_FAIL_OPEN", false),
                r.bool("REFRESH_TOKEN_ROTATION", true),
                Duration.ofSeconds(r.integer("REFRESH_REUSE_GRACE_SECONDS", 10, 0, 300)),
                noneIfZero(Duration.ofSeconds(r.integer("REFRESH_MAX_SESSION_SECONDS", 0, 0, Integer.MAX_VALUE))),
                Duration.ofSeconds(r.integer("IMPLICIT_REFRESH_WINDOW_SECONDS", 0, 0, 24 * 3600)),
                r.bool("REFRESH_TOKEN_IN_BODY", true),
                r.value("METRICS_TOKEN", "", MetricsToken::parse), // the message never repeats the token
                LoginSettings.read(r));
    }

    /**
     * Opens (and migrates) the database these settings name, with {@code DATABASE_POOL_SIZE}
     * connections; with revocations in it, waiting for a pooled connection counts against
     * {@code REVOCATION_TIMEOUT_MS}. Fails with {@link io.github.jwtextended.example.storage.StorageException}.
     */
    public Database openDatabase() {
        return Database.open(database, poolSize, connectTimeout,
                redisUrl == null ? revocationTimeout : CONNECTION_WAIT_WITHOUT_REVOCATIONS);
    }

    private static Map<String, String> defaults() {
        SettingReader r = new SettingReader(name -> null);
        read(r);
        return r.defaults();
    }

    private static Duration noneIfZero(Duration d) {
        return d.isZero() ? null : d;
    }

    private static Path readableFile(String value) {
        if (value.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(value.trim()).toAbsolutePath().normalize();
            if (java.nio.file.Files.isRegularFile(p) && java.nio.file.Files.isReadable(p)) {
                return p;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // refused below
        }
        throw new IllegalArgumentException("REDIS_TLS_CA_FILE must be a readable PEM file of certificate authorities, or be unset");
    }

    /**
     * {@code REDIS_SENTINEL_PASSWORD} (as given; blank: none, and then no user is sent either) and
     * {@code REDIS_SENTINEL_USERNAME} (trimmed; blank: the Sentinels' default user);
     * a password with a {@code REDIS_URL} that is not a Sentinel one is refused, never repeating it.
     */
    private static SentinelCredentials sentinelCredentials(SettingReader r, String redisUrl) {
        String password = r.raw("REDIS_SENTINEL_PASSWORD", "");
        String user = r.raw("REDIS_SENTINEL_USERNAME", "").trim();
        if (password.isBlank()) {
            return null;
        }
        if (redisUrl == null || !RedisRevocationStore.isSentinelUrl(redisUrl)) {
            throw new IllegalArgumentException("REDIS_SENTINEL_PASSWORD is for a redis-sentinel:// REDIS_URL (the Sentinels'"
                    + " own password), or must be unset");
        }
        return new SentinelCredentials(user.isEmpty() ? null : user, password.toCharArray());
    }

    private static String redisUrl(String value) {
        if (value.isBlank()) {
            return null;
        }
        if (!RedisRevocationStore.isUrl(value)) {
            throw new IllegalArgumentException("REDIS_URL must be " + RedisRevocationStore.URL_FORMS + ", or be unset");
        }
        return value.trim();
    }
}
