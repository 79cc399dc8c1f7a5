package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;

/**
 * A bean that adjusts the auto-configured {@link JwtManager} before it is built (error handlers,
 * a clock, a key resolver, ...). Callback beans ({@code UserLookup}, {@code ClaimsVerifier},
 * {@code AdditionalClaimsLoader}, {@code AdditionalHeadersLoader}, {@code IdentityLoader},
 * {@code BlocklistCheck}) need no customizer: they are picked up by type.
 *
 * <pre>{@code
 * @Bean
 * JwtManagerCustomizer errors() {
 *     return b -> b.errorHandler(ErrorKind.UNAUTHORIZED, e -> ErrorResponse.message(401, "msg", "log in first"));
 * }
 * }</pre>
 *
 * <p>Thread safety: called once, at startup, on the thread that builds the manager.
 */
@FunctionalInterface
public interface JwtManagerCustomizer {
    void customize(JwtManager.Builder builder);
}
