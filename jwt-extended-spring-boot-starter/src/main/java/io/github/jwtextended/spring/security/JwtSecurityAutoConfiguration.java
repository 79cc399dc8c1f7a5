package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.JwtFilter;
import io.github.jwtextended.spring.JwtWebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * With Spring Security on the classpath: the {@link JwtMethodSecurity} bean ({@code @jwtSecurity}
 * in SpEL, behind {@link JwtFresh}), the {@link JwtTokens} bean (login, refresh, rotation, logout),
 * and the starter's {@link JwtFilter} registered ahead of Spring
 * Security's filter chain, so that a JSON body the chain's JWT filter reads stays readable by
 * {@code @RequestBody}, and a JWT failure thrown past MVC is still answered. The chain itself is the
 * application's: it adds {@link JwtSecurityConfigurer}.
 *
 * <p>Thread safety: used by Spring at startup; the beans it makes are thread safe.
 */
@AutoConfiguration(after = JwtWebMvcAutoConfiguration.class)
@ConditionalOnClass(name = {"org.springframework.security.config.annotation.web.builders.HttpSecurity",
        "org.springframework.security.web.SecurityFilterChain"})
public class JwtSecurityAutoConfiguration {
    /** Just ahead of Spring Security's filter chain (Spring Boot's default order for it is -100). */
    static final int JWT_FILTER_ORDER = -101;

    @Bean(name = JwtMethodSecurity.BEAN_NAME)
    @ConditionalOnMissingBean(name = JwtMethodSecurity.BEAN_NAME)
    public JwtMethodSecurity jwtSecurity() {
        return new JwtMethodSecurity();
    }

    /** Login, refresh, rotation, logout and log-out-everywhere from Spring's authentication results. */
    @Bean
    @ConditionalOnMissingBean
    public JwtTokens jwtTokens(JwtManager manager) {
        return new JwtTokens(manager, JwtSecurityConfigurer.DEFAULT_AUTHORITIES_CLAIM, JwtSecurityConfigurer.DEFAULT_AUTHORITY_PREFIX);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnBean(JwtFilter.class)
    @ConditionalOnMissingBean(name = "jwtFilterRegistration")
    public FilterRegistrationBean<JwtFilter> jwtFilterRegistration(JwtFilter filter) {
        FilterRegistrationBean<JwtFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(JWT_FILTER_ORDER);
        return registration;
    }
}
