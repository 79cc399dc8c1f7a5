package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.callback.AdditionalHeadersLoader;
import io.github.jwtextended.callback.BlocklistCheck;
import io.github.jwtextended.callback.ClaimsVerifier;
import io.github.jwtextended.callback.IdentityLoader;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;

/**
 * The core beans: {@link JwtConfig} from the {@code jwt.*} properties ({@link JwtSpringSettings}),
 * a {@link RevocationStore} chosen by {@code jwt.revocation.store}, and the {@link JwtManager} with
 * every callback bean found. Each is skipped when the application defines its own.
 *
 * <p>{@code jwt.revocation.store}: {@code memory} (default; one process only), {@code jdbc} (the
 * application's {@code DataSource}, SQLite or PostgreSQL; table {@code jwt.revocation.table},
 * default {@code revoked_tokens}, created at start unless {@code jwt.revocation.create-table=false}),
 * {@code redis} (not available yet: jwt-extended-redis is a separate module), or {@code none}.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
public class JwtAutoConfiguration {
    static final String STORE = "jwt.revocation.store";

    @Bean
    @ConditionalOnMissingBean
    public JwtConfig jwtConfig(Environment environment) {
        return JwtSpringSettings.config(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    public JwtManager jwtManager(JwtConfig config, ObjectProvider<RevocationStore> store, ObjectProvider<UserLookup> userLookup,
                                 ObjectProvider<ClaimsVerifier> claimsVerifier, ObjectProvider<AdditionalClaimsLoader> additionalClaims,
                                 ObjectProvider<AdditionalHeadersLoader> additionalHeaders, ObjectProvider<IdentityLoader> identityLoader,
                                 ObjectProvider<BlocklistCheck> blocklist, ObjectProvider<JwtManagerCustomizer> customizers) {
        JwtManager.Builder b = JwtManager.builder(config);
        store.ifAvailable(b::revocationStore);
        userLookup.ifAvailable(b::userLookup);
        claimsVerifier.ifAvailable(b::claimsVerifier);
        additionalClaims.ifAvailable(b::additionalClaims);
        additionalHeaders.ifAvailable(b::additionalHeaders);
        identityLoader.ifAvailable(b::identityLoader);
        blocklist.ifAvailable(b::tokenInBlocklist);
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

    /** {@code jwt.revocation.store=jdbc}: on the application's {@code DataSource}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "jdbc")
    @ConditionalOnClass(name = "io.github.jwtextended.jdbc.JdbcRevocationStore")
    static class JdbcStore {
        @Bean
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore(DataSource dataSource, Environment env) {
            JdbcRevocationStore store = JdbcRevocationStore.builder(dataSource)
                    .table(env.getProperty("jwt.revocation.table", JdbcRevocationStore.DEFAULT_TABLE)).build();
            if (env.getProperty("jwt.revocation.create-table", Boolean.class, true)) {
                store.createTable();
            }
            return store;
        }
    }

    /**
     * {@code jwt.revocation.store=redis}: the hook for jwt-extended-redis, which is not part of this
     * build yet; refused at start rather than silently falling back to memory.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = STORE, havingValue = "redis")
    static class RedisStore {
        @Bean
        @ConditionalOnMissingBean
        RevocationStore jwtRevocationStore() {
            // TODO(redis): build the jwt-extended-redis store on the application's Redis connection factory.
            throw new IllegalStateException("jwt.revocation.store=redis needs the jwt-extended-redis module, which is not available in this version");
        }
    }
}
