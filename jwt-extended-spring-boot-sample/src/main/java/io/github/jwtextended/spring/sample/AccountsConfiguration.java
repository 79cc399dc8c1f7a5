package io.github.jwtextended.spring.sample;

import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.example.login.LoginOriginCheck;
import io.github.jwtextended.example.login.PasswordLogin;
import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.example.storage.User;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.Purge;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.spring.JwtManagerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The sample's data, from the framework-free {@code jwt-extended-example-accounts}: the database
 * (SQLite in {@code DATA_DIR}, or PostgreSQL by {@code DATABASE_URL}; migrated on open) as the
 * application's {@link DataSource}, on which the starter's JDBC revocation store works; the users
 * (with the demo users when {@code DEMO_USERS=true}); Argon2id passwords; the roles claim; the
 * refresh-token reuse grace and fail-open choice; the purge of expired revocations; the password
 * check of {@code /login} with its brute-force limit and its cross-site check.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(AccountsConfiguration.class);
    /** The demo users of the quick start (as the example server's): name, password, roles. */
    static final List<List<Object>> DEMO_USERS = List.of(
            List.of("testuser", "testpass", List.of("user")),
            List.of("admin", "adminpass", List.of("admin", "user")));

    @Bean(destroyMethod = "close")
    public Database database(SampleSettings settings) {
        // With revocations in the database, waiting for a pooled connection counts against the check's time.
        return Database.open(settings.database(), settings.poolSize(), settings.connectTimeout(),
                settings.redisUrl() == null ? settings.revocationTimeout() : java.time.Duration.ofSeconds(5));
    }

    /** The application's DataSource: the database's pool (closed with the database, not here). */
    @Bean(destroyMethod = "")
    public DataSource dataSource(Database database) {
        return database.dataSource();
    }

    @Bean
    public PasswordHasher passwordHasher() {
        return new PasswordHasher();
    }

    @Bean
    public UserStore userStore(Database database, PasswordHasher passwords, SampleSettings settings) {
        UserStore users = new UserStore(database.dataSource(), Clock.systemUTC());
        if (settings.demoUsers() && users.count() == 0) {
            for (List<Object> u : DEMO_USERS) {
                @SuppressWarnings("unchecked")
                List<String> roles = (List<String>) u.get(2);
                users.add((String) u.get(0), passwords.hash((String) u.get(1)), roles);
            }
            LOG.warn("DEMO_USERS=true: created the demo users testuser and admin with their well-known passwords;"
                    + " never do this in production");
        }
        return users;
    }

    /** The password check of {@code /login} with the brute-force limit ({@code LOGIN_RATE_LIMIT_*}), in memory per instance. */
    @Bean
    public PasswordLogin passwordLogin(UserStore users, PasswordHasher passwords, SampleSettings settings) {
        return new PasswordLogin(users, passwords, settings.login().throttle(Clock.systemUTC()));
    }

    /** The login CSRF check ({@code LOGIN_ALLOWED_ORIGINS}). */
    @Bean
    public LoginOriginCheck loginOriginCheck(SampleSettings settings) {
        return settings.login().originCheck();
    }

    /** The {@code roles} claim of every token: the user's roles at the time it is made. */
    @Bean
    public AdditionalClaimsLoader rolesClaim(UserStore users) {
        return identity -> Map.of("roles", identity instanceof String
                ? users.find((String) identity).map(User::roles).orElse(List.of())
                : List.of());
    }

    /** {@code REFRESH_REUSE_GRACE_SECONDS}, {@code REFRESH_MAX_SESSION_SECONDS} and {@code REVOCATION_FAIL_OPEN} on the starter's manager. */
    @Bean
    public JwtManagerCustomizer sampleManagerSettings(SampleSettings settings, ObjectProvider<RevocationStore> store) {
        return b -> {
            b.refreshReuseGrace(settings.reuseGrace());
            b.maxSessionLifetime(settings.maxSession());
            RevocationStore s = store.getIfAvailable();
            if (settings.failOpen() && s != null) {
                b.revocationStore(new FailOpenRevocationStore(s));
            }
        };
    }

    /** Deletes expired revocations from the database every {@code REVOCATION_PURGE_INTERVAL}. */
    @Bean(destroyMethod = "close")
    public RevocationPurge revocationPurge(SampleSettings settings, ObjectProvider<RevocationStore> store) {
        RevocationStore s = store.getIfAvailable();
        return new RevocationPurge(s == null ? null : s.purge().orElse(null), settings.purgeInterval());
    }

    /**
     * The background purge of the revocation store, when it has one (the JDBC store's; nothing to
     * do for Redis, whose keys expire by themselves).
     *
     * <p>Thread safety: thread safe.
     */
    public static final class RevocationPurge implements AutoCloseable {
        private final ScheduledExecutorService purger;

        RevocationPurge(Purge purge, java.time.Duration every) {
            if (purge == null) {
                purger = null;
                return;
            }
            purger = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "revocation-purge");
                t.setDaemon(true);
                return t;
            });
            long ms = every.toMillis();
            purger.scheduleWithFixedDelay(() -> {
                try {
                    int n = purge.purgeExpired();
                    if (n > 0) {
                        LOG.info("purged {} expired revocation(s)", n);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("purging expired revocations failed; will retry: {}", e.getMessage());
                }
            }, ms, ms, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            if (purger != null) {
                purger.shutdownNow();
            }
        }
    }
}
