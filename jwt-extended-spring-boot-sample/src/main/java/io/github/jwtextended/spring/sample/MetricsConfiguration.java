package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.metrics.ServerMetrics;
import io.github.jwtextended.example.settings.CommonSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Metrics, only when {@code METRICS_TOKEN} is set ({@link MetricsTokenSet}; unset, none of these
 * beans exists and {@code /metrics} is an unknown path): the {@link PrometheusMeterRegistry} as a
 * bean, so that Spring Boot's own meter handling, when an application adds it, takes this registry
 * (Boot's Prometheus auto-configuration backs off for it), the login counter in it
 * ({@link ServerMetrics}), and {@code GET /metrics} ({@link MetricsController}). The library's
 * meters go into it through the starter, as in any Boot application with a {@code MeterRegistry}
 * bean: its {@code JwtMetricsAutoConfiguration} registers {@code JwtMetrics} as the manager's
 * listener and wraps its store in {@code MeteredRevocationStore}. Without the setting there is no
 * registry bean, so the starter adds neither.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MetricsConfiguration.MetricsTokenSet.class)
public class MetricsConfiguration {
    /** Warns at start when {@code METRICS_TOKEN} is short. */
    @Bean(destroyMethod = "close")
    public PrometheusMeterRegistry prometheusMeterRegistry(CommonSettings settings) {
        ServerMetrics.warnIfShort(settings.metricsToken());
        return ServerMetrics.newRegistry();
    }

    /** Closed with the registry bean, which it does not own here. */
    @Bean(destroyMethod = "")
    public ServerMetrics serverMetrics(CommonSettings settings, PrometheusMeterRegistry registry) {
        return new ServerMetrics(settings.metricsToken(), registry);
    }

    /**
     * Whether {@code METRICS_TOKEN} is set, by the settings {@link SampleEnvironment} read (a bean
     * before any configuration is parsed).
     *
     * <p>Thread safety: stateless.
     */
    static final class MetricsTokenSet implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (context.getBeanFactory() == null) {
                return false;
            }
            CommonSettings settings = context.getBeanFactory().getBeanProvider(CommonSettings.class).getIfAvailable();
            return settings != null && settings.metricsToken() != null;
        }
    }
}
