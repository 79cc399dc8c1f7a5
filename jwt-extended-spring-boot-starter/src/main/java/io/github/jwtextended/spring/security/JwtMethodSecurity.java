package io.github.jwtextended.spring.security;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.Arrays;

/**
 * Token requirements for method security, as the bean {@value #BEAN_NAME}:
 *
 * <pre>{@code
 * @PreAuthorize("@jwtSecurity.fresh()")                       // or @JwtFresh
 * void changePassword(String password) { ... }
 *
 * @PreAuthorize("@jwtSecurity.locations('headers') and hasRole('admin')")
 * Report report() { ... }
 * }</pre>
 *
 * Each method verifies the current request under its guard through the core (as
 * {@link JwtAuthorization} does), returns true when it passes and otherwise throws the core's
 * {@link JwtException}, which the starter answers as every adapter does ({@code 401 Fresh token
 * required}, not a bare 403). Only on a request's thread (a controller, or a bean it calls).
 *
 * <p>Thread safety: stateless.
 */
public final class JwtMethodSecurity {
    /** The bean's name in SpEL: {@code @jwtSecurity}. */
    public static final String BEAN_NAME = "jwtSecurity";

    /** {@code @jwt_required(fresh=True)}: the request's access token is fresh. */
    public boolean fresh() {
        return passes(Guard.required().fresh(true));
    }

    /** {@code @jwt_required(refresh=True)}: the request carries a valid refresh token. */
    public boolean refreshToken() {
        return passes(Guard.required().refresh(true));
    }

    /** {@code @jwt_required(locations=[...])}: the access token is read from these locations ({@code headers}, {@code cookies}, {@code query_string}, {@code json}). */
    public boolean locations(String... locations) {
        return passes(Guard.required().locations(Arrays.stream(locations).map(TokenLocation::fromWireName).toList()));
    }

    private static boolean passes(Guard guard) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            throw new IllegalStateException("@jwtSecurity checks the current request: call it on a request's thread");
        }
        HttpServletRequest request = attributes.getRequest();
        AuthorizationDecision decision = JwtAuthorization.decide(request, guard);
        if (decision instanceof JwtAuthorizationDecision denied) {
            throw denied.failure();
        }
        return decision.isGranted();
    }
}
