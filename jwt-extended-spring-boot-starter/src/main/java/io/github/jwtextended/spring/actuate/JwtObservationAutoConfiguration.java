package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.micrometer.ObservedRevocationStore;
import io.github.jwtextended.spring.JwtRequestVerification;
import io.github.jwtextended.spring.JwtRevocationStoreDecorator;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * With an {@link ObservationRegistry} bean (Spring Boot's, from its Actuator) and
 * {@code jwt.observations.enabled} not {@code false}: each request verification of the starter's
 * guards is an observation ({@code jwt.verification}, see {@link ObservedRequestVerification}), and,
 * with jwt-extended-micrometer, each call the manager makes to its revocation store
 * ({@code jwt.store.call}, see {@link ObservedRevocationStore}). Micrometer Tracing turns them into
 * spans; Boot's meter handler into timers of those names. Without the registry nothing is wrapped.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnBean(type = "io.micrometer.observation.ObservationRegistry")
@ConditionalOnProperty(name = "jwt.observations.enabled", havingValue = "true", matchIfMissing = true)
public class JwtObservationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JwtRequestVerification jwtObservedRequestVerification(ObservationRegistry registry) {
        return new ObservedRequestVerification(registry);
    }

    /** Gives each verification's observation the outcome and location the manager reports. */
    @Bean
    public JwtListener jwtVerificationObservationListener(ObservationRegistry registry) {
        return ObservedRequestVerification.listener(registry);
    }

    /** The store's calls, observed (inside the meters, when there are both). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.github.jwtextended.micrometer.ObservedRevocationStore")
    static class StoreCalls {
        @Bean
        @Order(JwtRevocationStoreDecorator.OBSERVATIONS_ORDER)
        JwtRevocationStoreDecorator jwtObservedRevocationStore(ObservationRegistry registry) {
            return store -> store instanceof ObservedRevocationStore ? store : new ObservedRevocationStore(store, registry);
        }
    }
}
