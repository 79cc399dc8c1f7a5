package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.spring.JwtAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * With Spring Boot's health support (its Actuator) and {@code management.health.jwt.enabled} not
 * {@code false}: the health component {@code jwt}, made of {@code revocationStore}
 * ({@link RevocationStoreHealthIndicator}, when there is a {@code RevocationStore} bean) and
 * {@code jwks} ({@link JwksHealthIndicator}, when the manager verifies with a remote JWKS).
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthContributor")
public class JwtHealthAutoConfiguration {

    /** Nested: its condition's class is read only once the health support is known to be there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("jwt")
    static class Contributor {
        @Bean
        @ConditionalOnBean(JwtManager.class)
        @ConditionalOnMissingBean(name = "jwtHealthContributor")
        HealthContributor jwtHealthContributor(JwtManager manager, ObjectProvider<RevocationStore> store) {
            Map<String, HealthContributor> parts = new LinkedHashMap<>();
            store.ifAvailable(s -> parts.put("revocationStore", new RevocationStoreHealthIndicator(s)));
            if (manager.keyResolver() instanceof RemoteJwksKeyResolver remote) {
                parts.put("jwks", new JwksHealthIndicator(remote));
            }
            return CompositeHealthContributor.fromMap(parts);
        }
    }
}
