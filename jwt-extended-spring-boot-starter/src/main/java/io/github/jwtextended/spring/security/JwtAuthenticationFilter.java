package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.spring.HeldAbsence;
import io.github.jwtextended.spring.JwtRequestVerification;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Spring Security's filter for the JWT, added to a chain by {@link JwtSecurityConfigurer}. It
 * verifies the request through the core ({@link ServletJwt#verify(JwtManager, HttpServletRequest, Guard)}, by way of
 * the context's {@link JwtRequestVerification} if it has one:
 * locations in order, the double-submit CSRF check of cookie tokens, type, freshness, revocation,
 * the callbacks) and, for a token that passes, puts a {@link JwtAuthentication} in the security
 * context for this request only (never in a session).
 *
 * <p>Which guard: the first {@link JwtSecurityConfigurer#guard guard} whose matcher matches the
 * request, enforced as {@code @jwt_required} does: a failure (a missing token too, unless the guard
 * is optional) is answered at once through the entry point. Any other request is verified under
 * {@link #UNENFORCED} ({@code @jwt_required(optional=True)}) without being refused here: a request
 * without a token goes on unauthenticated, one with a token the core refuses goes on
 * unauthenticated too, the failure kept for the entry point, and the chain's authorization rules
 * decide whether a token was needed ({@code permitAll()} routes ignore a bad token, as
 * flask-jwt-extended's unguarded views do). A request without a token is reported to the
 * listeners once: {@code missing} when it is refused for it (by the entry point's own verification
 * under {@link Guard#required()}, or a {@link JwtAuthorization} rule's), else {@code absent}
 * ({@link HeldAbsence}, for the listener beans of the starter's manager).
 *
 * <p>Thread safety: immutable after construction; thread safe.
 */
public final class JwtAuthenticationFilter extends OncePerRequestFilter {
    /** Request attribute: the {@link JwtException} the core answered for this request's token, if any. */
    static final String FAILURE_ATTRIBUTE = "io.github.jwtextended.spring.security.failure";
    /** Request attribute: the guard the filter verified this request under. */
    static final String GUARD_ATTRIBUTE = "io.github.jwtextended.spring.security.guard";
    /** Request attribute: this filter, for {@link JwtAuthorization} and the method security bean. */
    static final String FILTER_ATTRIBUTE = "io.github.jwtextended.spring.security.filter";

    /** The guard of a request no {@link JwtSecurityConfigurer#guard guard} matches: no token is not yet a failure. */
    static final Guard UNENFORCED = Guard.required().optional(true);

    /** A guard for the requests a matcher matches. */
    record GuardedRequests(RequestMatcher matcher, Guard guard) {
    }

    private final JwtManager manager;
    private final JwtRequestVerification verification;
    private final List<GuardedRequests> guards;
    private final Converter<Jwt, Collection<? extends GrantedAuthority>> authorities;
    private final AuthenticationEntryPoint entryPoint;
    private final SecurityContextHolderStrategy contexts;
    private final RequestAttributeSecurityContextRepository requestContexts = new RequestAttributeSecurityContextRepository();

    JwtAuthenticationFilter(JwtManager manager, JwtRequestVerification verification, List<GuardedRequests> guards,
                            Converter<Jwt, Collection<? extends GrantedAuthority>> authorities,
                            AuthenticationEntryPoint entryPoint, SecurityContextHolderStrategy contexts) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.verification = Objects.requireNonNull(verification, "verification");
        this.guards = List.copyOf(guards);
        this.authorities = Objects.requireNonNull(authorities, "authorities");
        this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
    }

    public JwtManager manager() {
        return manager;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        request.setAttribute(ServletJwt.MANAGER_ATTRIBUTE, manager);
        request.setAttribute(FILTER_ATTRIBUTE, this);
        Guard guard = null;
        for (GuardedRequests g : guards) {
            if (g.matcher().matches(request)) {
                guard = g.guard();
                break;
            }
        }
        Guard used = guard != null ? guard : UNENFORCED;
        request.setAttribute(GUARD_ATTRIBUTE, used);
        // No token yet means "absent" only if nothing refuses the request for it (then it is "missing"):
        // an unguarded request, or one under an optional guard, that a rule or the entry point refuses.
        try (HeldAbsence absence = HeldAbsence.hold()) {
            try {
                authenticate(request, used);
            } catch (JwtException e) {
                request.setAttribute(FAILURE_ATTRIBUTE, e);
                if (guard != null) {
                    contexts.clearContext();
                    entryPoint.commence(request, response, new JwtAuthenticationException(e));
                    return;
                }
            } finally {
                absence.release();
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * Verifies {@code request} under {@code guard} through the core and, for a present token, makes
     * its {@link JwtAuthentication} the request's authentication; throws the core's failure.
     */
    Jwt authenticate(HttpServletRequest request, Guard guard) {
        Jwt jwt = verify(request, guard);
        if (jwt.isPresent()) {
            SecurityContext context = contexts.createEmptyContext();
            context.setAuthentication(new JwtAuthentication(jwt, authorities.convert(jwt)));
            contexts.setContext(context);
            requestContexts.saveContext(context, request, null); // this request only: never a session
        }
        request.removeAttribute(FAILURE_ATTRIBUTE);
        return jwt;
    }

    /** {@code request} verified under {@code guard} through the core (observed, with an observation registry); throws its failure. */
    Jwt verify(HttpServletRequest request, Guard guard) {
        return verification.verify(manager, request, guard);
    }

    /** The filter that saw {@code request}, or an error saying the chain lacks it. */
    static JwtAuthenticationFilter of(ServletRequest request) {
        if (request.getAttribute(FILTER_ATTRIBUTE) instanceof JwtAuthenticationFilter filter) {
            return filter;
        }
        throw new IllegalStateException("No JwtAuthenticationFilter saw this request: add http.with(JwtSecurityConfigurer.jwt())"
                + " to its SecurityFilterChain");
    }
}
