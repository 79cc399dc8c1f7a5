package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.callback.AdditionalHeadersLoader;
import io.github.jwtextended.callback.BlocklistCheck;
import io.github.jwtextended.callback.ClaimsVerifier;
import io.github.jwtextended.callback.IdentityLoader;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * The core beans: {@link JwtConfig} from the {@code jwt.*} properties (each a {@code JWT_*} option
 * in Spring's relaxed forms; an unknown {@code jwt.*} key stops the start), its keys (read once), a
 * {@link RevocationStore} chosen by {@code jwt.revocation.store}, and the
 * {@link JwtManager} with every callback bean found, every {@link JwtListener} bean as a listener
 * (in order; an {@code absent} verification superseded within the same request is not reported,
 * see {@link HeldAbsence}),
 * and its store wrapped by every {@link JwtRevocationStoreDecorator} bean. Each is skipped when the
 * application defines its own.
 *
 * <p>{@code jwt.revocation.store}: {@code memory} (default; one process only), {@code jdbc} (the
 * application's {@code DataSource}, SQLite or PostgreSQL; table {@code jwt.revocation.table},
 * default {@code revoked_tokens}, created at start unless {@code jwt.revocation.create-table=false}),
 * {@code redis} (jwt-extended-redis on the application's Redis: {@code jwt.redis.url}, else
 * {@code spring.data.redis.*}), or {@code none}. Checks of the JDBC and Redis stores fail (503)
 * after {@code jwt.revocation.timeout} (default 250 ms).
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class JwtAutoConfiguration {
    static final String STORE = "jwt.revocation.store";
    static final String REDIS_STORE_CLASS = "io.github.jwtextended.redis.RedisRevocationStore";

    /** {@code jwt.revocation.timeout}: the longest a JDBC or Redis check may take; default 250 ms. */
    static Duration revocationTimeout(Environment env) {
        Duration d = Binder.get(env).bind("jwt.revocation.timeout", Duration.class).orElse(Duration.ofMillis(250));
        if (d.isNegative() || d.isZero()) {
            throw new JwtSettingsException("jwt.revocation.timeout must be positive (e.g. 250ms)");
        }
        return d;
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtConfig jwtConfig(Environment environment) {
        return JwtSpringSettings.config(environment);
    }

    /**
     * The configuration's keys (PEM or JWK Set files and text, or the secret), read and checked
     * once at start for the manager; a bad key stops the start naming its setting.
     */
    @Bean
    JwtSpringSettings.Keys jwtKeys(JwtConfig config) {
        return JwtSpringSettings.keys(config);
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtManager jwtManager(JwtConfig config, JwtSpringSettings.Keys keys, ObjectProvider<RevocationStore> store,
                                 ObjectProvider<UserLookup> userLookup,
                                 ObjectProvider<ClaimsVerifier> claimsVerifier, ObjectProvider<AdditionalClaimsLoader> additionalClaims,
                                 ObjectProvider<AdditionalHeadersLoader> additionalHeaders, ObjectProvider<IdentityLoader> identityLoader,
                                 ObjectProvider<BlocklistCheck> blocklist, ObjectProvider<JwtListener> listeners,
                                 ObjectProvider<JwtRevocationStoreDecorator> storeDecorators,
                                 ObjectProvider<JwtManagerCustomizer> customizers) {
        JwtManager.Builder b = JwtManager.builder(config);
        KeyResolver resolver = keys.resolver();
        if (resolver != null) {
            b.keyResolver(resolver); // not read again; a customizer may still give its own
        }
        store.ifAvailable(s -> {
            RevocationStore decorated = s;
            for (JwtRevocationStoreDecorator d : storeDecorators.orderedStream().toList()) {
                decorated = d.decorate(decorated);
            }
            b.revocationStore(decorated);
        });
        userLookup.ifAvailable(b::userLookup);
        claimsVerifier.ifAvailable(b::claimsVerifier);
        additionalClaims.ifAvailable(b::additionalClaims);
        additionalHeaders.ifAvailable(b::additionalHeaders);
        identityLoader.ifAvailable(b::identityLoader);
        blocklist.ifAvailable(b::tokenInBlocklist);
        List<JwtListener> beans = listeners.orderedStream().toList();
        if (!beans.isEmpty()) {
            b.listener(HeldAbsence.listener(beans)); // in order, each failure caught, as the manager would
        }
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /** {@code jwt.revocation.store=memory} (the default). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "memory", matchIfMissing = true)
    static class MemoryStore {
        @Bean
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore() {
            return new InMemoryRevocationStore();
        }
    }

    /**
     * {@code jwt.revocation.store=jdbc}: on the application's {@code DataSource}, each check bounded
     * by {@code jwt.revocation.timeout} as a whole ({@link DeadlineRevocationStore}): the statement's
     * own timeout starts only once the pool has given a connection, and a pool's wait (HikariCP's is
     * 30 s by default) would come on top of it while the database hangs. With
     * {@code jwt.revocation.near-cache=true} checks are answered from memory, other instances'
     * revocations seen within {@code jwt.revocation.near-cache-staleness} (default 1 s; see
     * {@link JdbcRevocationStore.Builder#nearCache}).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
    @ConditionalOnClass(name = "io.github.jwtextended.jdbc.JdbcRevocationStore")
    static class JdbcStore {
        /** Threads that may wait on the database for checks at once (HikariCP's default pool size); more checks wait for one. */
        static final int CHECK_WORKERS = 10;

        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore(DataSource dataSource, Environment env) {
            Duration timeout = revocationTimeout(env);
            Binder binder = Binder.get(env);
            JdbcRevocationStore.Builder b = JdbcRevocationStore.builder(dataSource)
                    .table(env.getProperty("jwt.revocation.table", JdbcRevocationStore.DEFAULT_TABLE))
                    .checkTimeout(timeout);
            if (binder.bind("jwt.revocation.create-table", Boolean.class).orElse(true)) {
                b.build().createTable(); // before the near cache's first load reads the tables
            }
            if (binder.bind("jwt.revocation.near-cache", Boolean.class).orElse(false)) {
                Duration staleness = binder.bind("jwt.revocation.near-cache-staleness", Duration.class).orElse(Duration.ofSeconds(1));
                try {
                    b.nearCache(staleness);
                } catch (IllegalArgumentException e) {
                    throw new JwtSettingsException("jwt.revocation.near-cache-staleness must be at least 4ms (e.g. 1s)");
                }
            }
            return new DeadlineRevocationStore(b.build(), timeout, CHECK_WORKERS);
        }
    }

    /**
     * {@code jwt.revocation.store=redis}: jwt-extended-redis's store on the application's Redis
     * ({@code jwt.redis.url}, else {@code spring.data.redis.*}); closed with the context.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    @ConditionalOnClass(name = REDIS_STORE_CLASS)
    static class RedisStore {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore(Environment env) {
            return JwtRedisSettings.store(env);
        }
    }

    /** {@code jwt.revocation.store=redis} without jwt-extended-redis: refused rather than falling back to memory. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    @ConditionalOnMissingClass(REDIS_STORE_CLASS)
    static class RedisStoreMissing {
        @Bean
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore() {
            throw new IllegalStateException("jwt.revocation.store=redis needs io.github.jwtextended:jwt-extended-redis on the classpath");
        }
    }
}
