package io.github.jwtextended.example;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.javalin.JwksHandler;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.example.health.Readiness;
import io.github.jwtextended.example.http.AuthRoutes;
import io.github.jwtextended.example.http.JsonErrorHandler;
import io.github.jwtextended.example.http.MetricsRoute;
import io.github.jwtextended.example.http.RequestLog;
import io.github.jwtextended.example.http.WebRoutes;
import io.github.jwtextended.example.login.LoginCounter;
import io.github.jwtextended.example.login.LoginTokens;
import io.github.jwtextended.example.login.PasswordLogin;
import io.github.jwtextended.example.login.RolesClaim;
import io.github.jwtextended.example.metrics.ServerMetrics;
import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.secret.SecretKeyFile;
import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.example.settings.DeploymentChecks;
import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.example.storage.DemoUsers;
import io.github.jwtextended.example.storage.RevocationPurge;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.javalin.JwtPlugin;
import io.javalin.Javalin;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Map;

/**
 * The example server: opens the database (migrating it), loads or creates the signing key, creates
 * the demo users when asked, and serves the routes of {@link AuthRoutes} with Javalin. Expired
 * revocations are purged in the background. With {@code METRICS_TOKEN}, {@code /metrics} serves the
 * library's meters and the logins' ({@link ServerMetrics}); without it nothing of them is made.
 *
 * <pre>{@code
 * Server server = new Server(ServerSettings.from(System.getenv()));
 * int port = server.start();
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>Thread safety: {@link #start} and {@link #stop} are synchronized; start once, stop once.
 */
public final class Server {
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final ServerSettings settings;
    private final Clock clock;
    private Database database;
    private Javalin app;
    private RevocationPurge purger;
    private JwtManager manager;
    /** The Redis store when {@code REDIS_URL} is set, else null. */
    private RedisRevocationStore redis;
    /** {@code /metrics} and the meters when {@code METRICS_TOKEN} is set, else null. */
    private ServerMetrics metrics;
    /** The store the manager uses (fail-open wrapped when asked): closed at stop, which closes the store under it. */
    private RevocationStore revocations;
    private boolean serving;
    private boolean stopped;

    public Server(ServerSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** With the clock tokens, revocations and the login limit read the time from (tests move it). */
    public Server(ServerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = java.util.Objects.requireNonNull(clock, "clock");
    }

    /** A server configured from environment-style variables (see {@link ServerSettings}). */
    public static Server fromEnvironment(Map<String, String> env) {
        return new Server(ServerSettings.from(env));
    }

    /**
     * Starts and returns the bound port. Throws {@link SettingsException} for a setting that
     * cannot work (including a port in use), {@link io.github.jwtextended.example.storage.StorageException}
     * when the database cannot be opened; nothing is left running then.
     */
    public synchronized int start() {
        if (app != null || stopped) {
            throw new IllegalStateException("a server starts once");
        }
        try {
            return doStart();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private int doStart() {
        CommonSettings common = settings.common();
        try {
            Database.createDataDir(common.dataDir());
        } catch (IOException e) {
            throw new SettingsException("DATA_DIR " + common.dataDir() + " cannot be created: " + e.getMessage());
        }
        JwtConfig config = settings.jwtConfig(settings.secretGiven() ? null : generatedSecret());

        database = common.openDatabase();
        UserStore users = new UserStore(database.dataSource(), clock);
        PasswordHasher passwords = new PasswordHasher();
        if (common.demoUsers()) {
            DemoUsers.createIfNoUsers(users, passwords);
        } else {
            DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords);
        }
        RevocationStore store;
        if (common.redisUrl() != null) {
            redis = openRedisRevocations(common, clock);
            store = redis;
        } else {
            store = openDatabaseRevocations(common, database, clock);
        }
        revocations = common.failOpen() ? new FailOpenRevocationStore(store) : store;
        metrics = ServerMetrics.from(common.metricsToken()).orElse(null); // METRICS_TOKEN unset: nothing at all
        JwtManager.Builder builder = JwtManager.builder(config)
                .clock(clock)
                .revocationStore(revocations)
                .additionalClaims(new RolesClaim(users))
                .refreshReuseGrace(common.reuseGrace())
                .maxSessionLifetime(common.maxSession());
        if (metrics != null) {
            metrics.instrument(builder, revocations);
        }
        settings.keys().ifPresent(builder::keyResolver); // read and checked with the settings: not read again
        manager = builder.build();
        PasswordLogin passwordLogin = common.login().passwordLogin(users, passwords, database.dataSource(),
                config.cookies().secure(), clock);
        AuthRoutes routes = new AuthRoutes(manager, users, Readiness.of(database, store), common.rotation(),
                common.login().checks(passwordLogin, metrics == null ? LoginCounter.NONE : metrics.logins()),
                common.refreshTokenInBody());
        WebRoutes web = new WebRoutes(config, LoginTokens.refreshTokenInBody(common.refreshTokenInBody(), config.tokenLocations()));

        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = AuthRoutes.MAX_BODY_BYTES;
            // Requests Jetty refuses itself (431 header fields, 414 request line): JSON, no HTML page.
            cfg.jetty.modifyServer(s -> s.setErrorHandler(new JsonErrorHandler()));
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(s -> s.setStopTimeout(10_000));
            cfg.requestLogger.http(RequestLog::log);
            cfg.registerPlugin(new JwtPlugin(p -> {
                p.manager = manager;
                if (!common.implicitRefreshWindow().isZero()) {
                    p.implicitRefreshWindow = common.implicitRefreshWindow();
                }
            }));
            routes.register(cfg);
            web.register(cfg);
            if (metrics != null) {
                new MetricsRoute(metrics).register(cfg);
            }
            if (manager.config().keys().algorithm().isAsymmetric()) {
                cfg.routes.get(JwksHandler.PATH, JwksHandler.of(manager)); // the public keys, for verifiers elsewhere
            }
        });
        try {
            app.start(common.host(), common.port());
        } catch (JavalinBindException e) {
            throw new SettingsException("PORT " + common.port() + " on HOST " + common.host()
                    + " cannot be used (already in use, or not an address of this machine)");
        }

        serving = true;
        DeploymentChecks.warnIfCookiesMayTravelInClear(common.host(), config);
        purger = new RevocationPurge(revocations, common.purgeInterval());

        LOG.info("jwt-extended-example listening on http://{}:{} (data folder: {}, database: {}, revocations: {})",
                common.host().contains(":") ? "[" + common.host() + "]" : common.host(), app.port(),
                common.dataDir(), database, redis == null ? "database" + (common.nearCache() ? ", near cache" : ", strict") : redis);
        return app.port();
    }

    /**
     * The revocation store the settings ask for: Redis when {@code REDIS_URL} is set, else the
     * database's tables; both with a near cache unless {@code REVOCATION_NEAR_CACHE=false} (the
     * database's polls other instances' rows, bounded by {@code REVOCATION_NEAR_CACHE_STALENESS_MS}).
     * Both fail a check after {@code REVOCATION_TIMEOUT_MS}. The server's, and the one
     * {@code users set-password} uses; close it when done.
     */
    public static RevocationStore openRevocationStore(CommonSettings settings, Database database, Clock clock) {
        return settings.redisUrl() != null ? openRedisRevocations(settings, clock) : openDatabaseRevocations(settings, database, clock);
    }

    private static RedisRevocationStore openRedisRevocations(CommonSettings settings, Clock clock) {
        try {
            RedisRevocationStore.Builder b = RedisRevocationStore.builder(settings.redisUrl()).clock(clock)
                    .timeout(settings.revocationTimeout()).nearCache(settings.nearCache())
                    .minReplicasAck(settings.redisMinReplicasAck()).replicaAckTimeout(settings.redisReplicaAckTimeout());
            if (settings.redisTlsCaFile() != null) {
                b.tlsCaFile(settings.redisTlsCaFile());
            }
            if (settings.redisSentinel() != null) {
                b.sentinelCredentials(settings.redisSentinel().user(), settings.redisSentinel().password());
            }
            return b.build();
        } catch (RevocationStoreException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    private static RevocationStore openDatabaseRevocations(CommonSettings settings, Database database, Clock clock) {
        JdbcRevocationStore jdbc = JdbcRevocationStore.builder(database.dataSource()).dialect(database.dialect()).clock(clock)
                .checkTimeout(settings.revocationTimeout())
                .nearCache(settings.nearCache() ? settings.nearCacheStaleness() : null).build();
        // The pool's wait for (and validation of) a connection comes on top of the statement's own
        // timeout; the deadline keeps every check within REVOCATION_TIMEOUT_MS all the same. A check
        // the near cache answers from memory skips the deadline's worker thread.
        return new DeadlineRevocationStore(jdbc, settings.revocationTimeout(), Math.max(2, settings.poolSize()));
    }

    private String generatedSecret() {
        try {
            return SecretKeyFile.loadOrCreateForServer(settings.common().dataDir(), LOG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the signing key in DATA_DIR " + settings.common().dataDir(), e);
        } catch (IllegalStateException e) {
            throw new SettingsException(e.getMessage());
        }
    }

    /** The bound port (after {@link #start}). */
    public synchronized int port() {
        return app == null ? -1 : app.port();
    }

    /** The token manager (after {@link #start}). */
    public synchronized JwtManager manager() {
        return manager;
    }

    /** The Javalin instance (after {@link #start}); tests read its routes. */
    synchronized Javalin javalin() {
        return app;
    }

    /** The database (after {@link #start}); tests close it to simulate an outage. */
    synchronized Database database() {
        return database;
    }

    /** Stops serving (letting requests in flight finish), the purger and the pool. Idempotent. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (app != null) {
            try {
                app.stop();
            } catch (RuntimeException e) {
                LOG.warn("stopping the HTTP server failed: {}", e.getMessage());
            }
        }
        if (purger != null) {
            purger.close();
        }
        if (revocations != null) {
            revocations.close(); // Redis's connections, or the database near cache's poll before the pool goes
        }
        if (database != null) {
            database.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (serving) {
            LOG.info("jwt-extended-example stopped");
        }
    }
}
