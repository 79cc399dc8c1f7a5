package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.JwtFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Spring MVC wiring: the {@link JwtFilter} (no path guards of its own unless the application
 * defines its own {@code JwtFilter} bean; it lets the verifier read a JSON body that
 * {@code @RequestBody} still reads, and answers failures thrown past MVC), the
 * {@link JwtRequiredInterceptor}, the {@link JwtArgumentResolver} and the {@link JwtExceptionResolver}.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(after = JwtAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"jakarta.servlet.Filter", "org.springframework.web.servlet.config.annotation.WebMvcConfigurer"})
public class JwtWebMvcAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public JwtFilter jwtFilter(JwtManager manager) {
        return JwtFilter.builder(manager).build();
    }

    @Bean
    public WebMvcConfigurer jwtWebMvcConfigurer(JwtManager manager, ObjectProvider<JwtRequestVerification> verification) {
        JwtRequestVerification verifier = verification.getIfAvailable(() -> JwtRequestVerification.DIRECT);
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new JwtRequiredInterceptor(manager, verifier)).order(Integer.MIN_VALUE);
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new JwtArgumentResolver());
            }

            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.add(0, new JwtExceptionResolver(manager));
            }
        };
    }
}
