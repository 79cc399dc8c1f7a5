package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.MissingTokenException;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;

/**
 * Answers a request that needed a token and had none that the core accepted, with the core's
 * answer for it: the status, {@code WWW-Authenticate} and JSON body every adapter sends
 * ({@code 401 {"msg": "Missing Authorization Header"}}, {@code 401 Token has been revoked},
 * {@code 422 Signature verification failed}, {@code 503} for a store outage, flask style or RFC 6750
 * as configured). Never an HTTP Basic challenge, a redirect to a login page or a session.
 *
 * <p>A failed password check of the application's {@code AuthenticationManager} (a
 * {@code BadCredentialsException} thrown by a login handler) is
 * {@code 401 {"msg": "Bad username or password"}}, whatever the reason.
 *
 * <p>Which failure: the one carried by the exception (from the filter or a
 * {@link JwtAuthorization} manager), else the one the filter met on this request's token, else
 * the core's answer to verifying the request as {@code @jwt_required()} would (a request the filter
 * let through without a token: that verification is the one that reports {@code missing} to the
 * listeners and observations).
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class JwtAuthenticationEntryPoint implements AuthenticationEntryPoint {
    /** The answer to a failed password check (bad name, bad password, locked or disabled account alike). */
    public static final String BAD_CREDENTIALS = "Bad username or password";

    private final JwtManager manager;

    public JwtAuthenticationEntryPoint(JwtManager manager) {
        this.manager = manager;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException authException)
            throws IOException {
        if (!(authException instanceof InsufficientAuthenticationException) && !(authException instanceof JwtAuthenticationException)) {
            // A password check of the application's (AuthenticationManager) failed: one answer for every reason.
            JwtAccessDeniedHandler.writeMessage(manager, response, HttpServletResponse.SC_UNAUTHORIZED, BAD_CREDENTIALS, "Bearer");
            return;
        }
        JwtException failure = failure(request, authException, true);
        if (failure == null) {
            try {
                Object seen = request.getAttribute(JwtAuthenticationFilter.GUARD_ATTRIBUTE);
                Guard guard = seen instanceof Guard g ? g.optional(false) : Guard.required();
                // Reported as the route's verification: missing for no token, as an adapter's guard reports it.
                if (request.getAttribute(JwtAuthenticationFilter.FILTER_ATTRIBUTE) instanceof JwtAuthenticationFilter filter
                        && filter.manager() == manager) {
                    filter.verify(request, guard);
                } else {
                    ServletJwt.verify(manager, request, guard);
                }
                failure = new MissingTokenException("Authentication required"); // a valid token Spring was not shown
            } catch (JwtException e) {
                failure = e;
            }
        }
        ServletJwt.respond(manager, request, response, failure);
    }

    /**
     * The core's failure behind {@code exception} (its causes, a denied {@link JwtAuthorization}),
     * else the one the filter met on the request's token; a missing token counts only when
     * {@code missing} is true.
     */
    static JwtException failure(HttpServletRequest request, Throwable exception, boolean missing) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof JwtAuthenticationException jwt) {
                return jwt.failure();
            }
            if (t instanceof JwtException jwt) {
                return jwt;
            }
            if (t instanceof org.springframework.security.authorization.AuthorizationDeniedException denied
                    && denied.getAuthorizationResult() instanceof JwtAuthorizationDecision decision) {
                return decision.failure();
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return request.getAttribute(JwtAuthenticationFilter.FAILURE_ATTRIBUTE) instanceof JwtException recorded
                && (missing || !(recorded instanceof MissingTokenException)) ? recorded : null;
    }
}
