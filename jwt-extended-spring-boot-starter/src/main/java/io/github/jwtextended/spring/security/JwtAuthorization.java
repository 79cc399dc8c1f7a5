package io.github.jwtextended.spring.security;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Authorization managers that require what a token route requires, per request matcher:
 *
 * <pre>{@code
 * http.authorizeHttpRequests(a -> a
 *         .requestMatchers("/account/password").access(JwtAuthorization.fresh())
 *         .requestMatchers("/internal/**").access(JwtAuthorization.locations(TokenLocation.HEADERS))
 *         .requestMatchers("/admin/**").access(AuthorizationManagers.allOf(JwtAuthorization.fresh(), hasRole("admin")))
 *         .anyRequest().authenticated())
 *     .with(JwtSecurityConfigurer.jwt(), Customizer.withDefaults());
 * }</pre>
 *
 * Each manager verifies the request under its {@link Guard} through the core, so every rule and
 * every refusal is the core's ({@code 401 Fresh token required}, {@code 422 Only refresh tokens are
 * allowed}, {@code 401 Missing Authorization Header}, ...), answered by the chain's entry point or
 * access-denied handler. A request the {@link JwtAuthenticationFilter} already verified under the
 * same guard (optional or not) is not verified again, unless it had no token and the rule needs one. On success the token it accepted becomes the request's
 * {@link JwtAuthentication} (with {@link #guard(Guard) guard(Guard.required().verifyType(false))}
 * that may be a refresh token). The chain must contain the filter ({@link JwtSecurityConfigurer}).
 *
 * <p>Thread safety: the managers are immutable and thread safe.
 */
public final class JwtAuthorization implements AuthorizationManager<RequestAuthorizationContext> {
    private final Guard guard;

    private JwtAuthorization(Guard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** A valid token verified under {@code guard} ({@code @jwt_required(...)} as a request rule). */
    public static JwtAuthorization guard(Guard guard) {
        return new JwtAuthorization(guard);
    }

    /** {@code @jwt_required(fresh=True)}: a fresh access token. */
    public static JwtAuthorization fresh() {
        return guard(Guard.required().fresh(true));
    }

    /** {@code @jwt_required(refresh=True)}: a refresh token, read where refresh tokens are read. */
    public static JwtAuthorization refreshToken() {
        return guard(Guard.required().refresh(true));
    }

    /** {@code @jwt_required(verify_type=False)}: an access or a refresh token. */
    public static JwtAuthorization anyTokenType() {
        return guard(Guard.required().verifyType(false));
    }

    /** {@code @jwt_required(locations=[...])}: an access token read from these locations only, in this order. */
    public static JwtAuthorization locations(TokenLocation... locations) {
        return guard(Guard.required().locations(locations));
    }

    /** {@code @jwt_required(optional=True)}: no token at all, or a valid one. */
    public static JwtAuthorization optional() {
        return guard(Guard.required().optional(true));
    }

    /** The guard this manager verifies under. */
    public Guard requiredGuard() {
        return guard;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        return decide(context.getRequest(), guard);
    }

    /** Granted when the request passes {@code guard}, else a {@link JwtAuthorizationDecision} with the core's failure. */
    static AuthorizationDecision decide(HttpServletRequest request, Guard guard) {
        JwtAuthenticationFilter filter = JwtAuthenticationFilter.of(request);
        if (request.getAttribute(JwtAuthenticationFilter.GUARD_ATTRIBUTE) instanceof Guard verified
                && verified.optional(guard.optional()).equals(guard)) {
            // The filter verified this guard (but for optional): its answer stands, unless it found no token and one is needed.
            if (request.getAttribute(JwtAuthenticationFilter.FAILURE_ATTRIBUTE) instanceof JwtException failure) {
                return new JwtAuthorizationDecision(failure);
            }
            if (guard.optional() || request.getAttribute(ServletJwt.JWT_ATTRIBUTE) instanceof Jwt jwt && jwt.isPresent()) {
                return new AuthorizationDecision(true);
            }
        }
        try {
            filter.authenticate(request, guard);
            request.setAttribute(JwtAuthenticationFilter.GUARD_ATTRIBUTE, guard);
            return new AuthorizationDecision(true);
        } catch (JwtException e) {
            return new JwtAuthorizationDecision(e);
        }
    }

    @Override
    public String toString() {
        return "JwtAuthorization[" + guard + "]";
    }
}
