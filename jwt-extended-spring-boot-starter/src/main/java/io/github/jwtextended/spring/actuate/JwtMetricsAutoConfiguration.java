package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.micrometer.MeteredRevocationStore;
import io.github.jwtextended.spring.JwtRevocationStoreDecorator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * With jwt-extended-micrometer, a {@link MeterRegistry} bean (Spring Boot's, from its Actuator) and
 * {@code jwt.metrics.enabled} not {@code false}: the library's meters in that registry. A
 * {@link JwtMetrics} bean (this one, unless the application defines its own) is a listener, so
 * the starter's manager reports to it; and the store the manager uses is wrapped in a
 * {@link MeteredRevocationStore}, outermost, unless it already is one; a fail-open store from an
 * application's decorator, in any order, is counted by it ({@code jwt.store.fail_open}). Each meter counts once:
 * do not also add a {@code JwtMetrics} in a {@code JwtManagerCustomizer}.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass(name = {"io.github.jwtextended.micrometer.JwtMetrics", "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
@ConditionalOnProperty(name = "jwt.metrics.enabled", havingValue = "true", matchIfMissing = true)
public class JwtMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JwtMetrics jwtMetrics(MeterRegistry registry) {
        return new JwtMetrics(registry);
    }

    /** Percentiles: Boot's {@code management.metrics.distribution.percentiles.jwt.store.latency}. */
    @Bean
    @Order(JwtRevocationStoreDecorator.METERS_ORDER)
    JwtRevocationStoreDecorator jwtMeteredRevocationStore(ObjectProvider<MeterRegistry> registry) {
        return store -> store instanceof MeteredRevocationStore ? store : new MeteredRevocationStore(store, registry.getObject());
    }
}
