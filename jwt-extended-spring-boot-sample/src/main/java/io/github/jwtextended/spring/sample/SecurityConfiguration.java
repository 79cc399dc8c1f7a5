package io.github.jwtextended.spring.sample;

import io.github.jwtextended.spring.security.JwtAuthorization;
import io.github.jwtextended.spring.security.JwtSecurityConfigurer;
import io.github.jwtextended.example.metrics.ServerMetrics;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.ErrorResponse;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * The sample's Spring Security chain, with the JWT inside it ({@link JwtSecurityConfigurer}): every
 * request a route serves needs a valid access token unless it is one of the public ones
 * ({@code /login}, {@code /ping}; {@code /healthz} and {@code /metrics} have their own chain,
 * {@link #operationsChain}), so a route added later is guarded until a rule
 * says otherwise. {@code /optional} takes a token or none; {@code POST /refresh} a refresh token
 * (the refresh cookie and its CSRF header); {@code POST /logout} and {@code POST /logout-all}
 * either type; {@code /fresh} ({@code @JwtFresh}) and {@code /admin}
 * ({@code @PreAuthorize("hasRole('admin')")}, from the token's {@code roles} claim) are
 * method security on {@link AuthController}. What no route serves (an unknown path, a method the
 * route does not take) and OPTIONS go through unrefused, so Spring MVC answers them as the example
 * does (404, 405, the {@code Allow} list) whatever the token.
 *
 * <p>The sample has no session: Spring's CSRF token is off (a cookie token is checked by the
 * core's {@code X-CSRF-TOKEN} double submit, {@code /login} by {@code LoginOriginCheck}), and
 * passwords are checked by the sample's own {@code /login} ({@code PasswordLogin}), so Boot's
 * generated-password user is left out ({@link SampleApplication}). Spring Security's default
 * response headers stay on ({@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY},
 * {@code Cache-Control: no-cache, no-store, ...} where an answer sets none of its own).
 *
 * <p>Thread safety: used by Spring at startup; the chain it makes is thread safe.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {
    /** The message of a valid token refused by an authorization rule: the sample's one such rule is {@code /admin}'s. */
    static final String FORBIDDEN = "Admins only!";

    /**
     * {@code /metrics} and the health routes, ahead of the main chain and without the JWT: a
     * scraper's {@code METRICS_TOKEN} is not a JWT ({@link MetricsController} checks it) and probes
     * send no token, so neither is verified nor counted in {@code jwt.verifications}. Spring
     * Security's response headers stay on.
     */
    @Bean
    @Order(1)
    SecurityFilterChain operationsChain(HttpSecurity http) {
        return http.securityMatcher(ServerMetrics.PATH, "/healthz", "/healthz/*")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http, HandlerMappingIntrospector routes) {
        return http
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll() // ErrorAnswers' answer to a refused request
                        .requestMatchers(HttpMethod.OPTIONS).permitAll()          // as flask-jwt-extended lets OPTIONS through
                        .requestMatchers(unrouted(routes)).permitAll()
                        .requestMatchers("/login", "/ping", "/error").permitAll()
                        .requestMatchers("/optional").access(JwtAuthorization.optional())
                        .anyRequest().authenticated())
                .csrf(c -> c.disable()) // no session to protect: see above
                .with(JwtSecurityConfigurer.jwt(), jwt -> jwt
                        .guard(post("/refresh"), Guard.required().refresh(true))
                        .guard(post("/logout"), Guard.required().verifyType(false))
                        .guard(post("/logout-all"), Guard.required().verifyType(false))
                        .forbiddenMessage(FORBIDDEN))
                .build();
    }

    private static RequestMatcher post(String path) {
        return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
    }

    /**
     * Requests Spring MVC serves with no handler: no route has the path, or the route refuses the
     * request before any handler runs (a method it does not take: a refusal MVC answers, an
     * {@link ErrorResponse}). Any other failure of the lookup counts as routed, so the rules after
     * this one apply.
     */
    static RequestMatcher unrouted(HandlerMappingIntrospector routes) {
        return request -> {
            try {
                return routes.getMatchableHandlerMapping(request) == null;
            } catch (Exception e) {
                return e instanceof ErrorResponse;
            }
        };
    }
}
