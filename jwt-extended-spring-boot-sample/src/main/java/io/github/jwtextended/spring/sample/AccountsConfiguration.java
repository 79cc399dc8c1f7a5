package io.github.jwtextended.spring.sample;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.example.health.Readiness;
import io.github.jwtextended.example.login.LoginChecks;
import io.github.jwtextended.example.login.LoginCounter;
import io.github.jwtextended.example.login.PasswordLogin;
import io.github.jwtextended.example.login.RolesClaim;
import io.github.jwtextended.example.metrics.ServerMetrics;
import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.example.settings.DeploymentChecks;
import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.example.storage.DemoUsers;
import io.github.jwtextended.example.storage.RevocationPurge;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.spring.JwtManagerCustomizer;
import io.github.jwtextended.spring.JwtRevocationStoreDecorator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;

import java.time.Clock;
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
    @Bean(destroyMethod = "close")
    public Database database(CommonSettings settings) {
        return settings.openDatabase();
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
    public UserStore userStore(Database database, PasswordHasher passwords, CommonSettings settings) {
        UserStore users = new UserStore(database.dataSource(), Clock.systemUTC());
        if (settings.demoUsers()) {
            DemoUsers.createIfNoUsers(users, passwords);
        } else {
            DemoUsers.warnIfWellKnownPasswordsRemain(users, passwords);
        }
        return users;
    }

    /**
     * The password check of {@code /login} with the brute-force limit ({@code LOGIN_RATE_LIMIT_*}, in memory per
     * instance) and device cookies ({@code Secure} as the token cookies) signed with the database's key.
     */
    @Bean
    public PasswordLogin passwordLogin(UserStore users, PasswordHasher passwords, Database database, CommonSettings settings,
                                       JwtManager jwt) {
        return settings.login().passwordLogin(users, passwords, database.dataSource(), jwt.config().cookies().secure(),
                Clock.systemUTC());
    }

    /**
     * The checks of {@code /login} ({@code LOGIN_ALLOWED_ORIGINS}, {@code TRUSTED_PROXIES}, the password check),
     * counted in {@code jwt.logins} when metrics are on ({@link MetricsConfiguration}).
     */
    @Bean
    public LoginChecks loginChecks(PasswordLogin passwordLogin, CommonSettings settings, ObjectProvider<ServerMetrics> metrics) {
        ServerMetrics m = metrics.getIfAvailable();
        return settings.login().checks(passwordLogin, m == null ? LoginCounter.NONE : m.logins());
    }

    /** The {@code roles} claim of every token: the user's roles at the time it is made. */
    @Bean
    public AdditionalClaimsLoader rolesClaim(UserStore users) {
        return new RolesClaim(users);
    }

    /** {@code REFRESH_REUSE_GRACE_SECONDS} and {@code REFRESH_MAX_SESSION_SECONDS} on the starter's manager. */
    @Bean
    public JwtManagerCustomizer sampleManagerSettings(CommonSettings settings) {
        return b -> {
            b.refreshReuseGrace(settings.reuseGrace());
            b.maxSessionLifetime(settings.maxSession());
        };
    }

    /**
     * {@code REVOCATION_FAIL_OPEN}: the store the manager uses fails open. Innermost of the store's
     * wrappers (order 0), so that the starter's meters and observations, with {@code METRICS_TOKEN},
     * time each call as the manager sees it; the meters find it there and count each check it
     * answers open ({@code jwt.store.fail_open}) and the failure it absorbs ({@code jwt.store.failures}).
     */
    @Bean
    @Order(0)
    public JwtRevocationStoreDecorator sampleFailOpen(CommonSettings settings) {
        return store -> settings.failOpen() ? new FailOpenRevocationStore(store) : store;
    }

    /** Readiness ({@code /healthz}): the database and the starter's revocation store as built (Redis on its own). */
    @Bean
    public Readiness readiness(Database database, ObjectProvider<RevocationStore> store) {
        return Readiness.of(database, store.getIfAvailable());
    }

    /** Once serving: warns when the token cookies may travel over plain HTTP to a server reachable from other machines. */
    @EventListener(ApplicationReadyEvent.class)
    public void warnAboutTheDeployment(ApplicationReadyEvent ready) {
        ApplicationContext context = ready.getApplicationContext();
        DeploymentChecks.warnIfCookiesMayTravelInClear(context.getBean(CommonSettings.class).host(),
                context.getBean(JwtManager.class).config());
    }

    /** Deletes expired revocations from the database every {@code REVOCATION_PURGE_INTERVAL}. */
    @Bean(destroyMethod = "close")
    public RevocationPurge revocationPurge(CommonSettings settings, ObjectProvider<RevocationStore> store) {
        return new RevocationPurge(store.getIfAvailable(), settings.purgeInterval());
    }
}
