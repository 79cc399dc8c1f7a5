package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import io.github.jwtextended.spring.JwtRequestVerification;
import org.springframework.context.ApplicationContext;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Puts the JWT into a {@code SecurityFilterChain} in one line:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) {
 *     return http
 *             .authorizeHttpRequests(a -> a.requestMatchers("/login").permitAll().anyRequest().authenticated())
 *             .with(JwtSecurityConfigurer.jwt(), jwt -> jwt.guard("/refresh", Guard.required().refresh(true)))
 *             .build();
 * }
 * }</pre>
 *
 * What it sets up:
 * <ul>
 *   <li>the {@link JwtAuthenticationFilter}, before Spring's CSRF filter: a request with a valid
 *       token is authenticated as a {@link JwtAuthentication}, authorities from the {@code roles}
 *       claim with the prefix {@code ROLE_} ({@link #authorities(String, String)}), so
 *       {@code hasRole('admin')} reads {@code "roles": ["admin"]};</li>
 *   <li>the entry point and access-denied handler: every refusal is the core's JSON answer
 *       (401/422/503 as configured, with {@code WWW-Authenticate}); an authorization refusal of a
 *       valid token is {@code 403 {"msg": "Forbidden"}} ({@link #forbiddenMessage});</li>
 *   <li>no session for a token request: no saved request, contexts kept in the request
 *       ({@link #stateless(boolean)}), so no {@code JSESSIONID};</li>
 *   <li>Spring's {@code LogoutFilter} removed: a JWT application logs out by revoking the token in
 *       its own {@code POST /logout} handler, which Spring's filter would otherwise pre-empt with a
 *       redirect ({@link #springLogout(boolean)});</li>
 *   <li>when the chain keeps Spring's CSRF protection, requests authenticated by a token are exempt
 *       from it: a header token cannot be sent by another site, and a cookie token passed the
 *       core's double-submit check ({@code X-CSRF-TOKEN}). Every other request (a form login, a
 *       session area, a request whose token was refused) still needs Spring's CSRF token.</li>
 * </ul>
 *
 * <p>Thread safety: used once, while the chain is built.
 */
public final class JwtSecurityConfigurer extends AbstractHttpConfigurer<JwtSecurityConfigurer, HttpSecurity> {
    /** The claim authorities are read from by default. */
    public static final String DEFAULT_AUTHORITIES_CLAIM = "roles";
    /** The prefix each authority gets by default ({@code hasRole} adds it too). */
    public static final String DEFAULT_AUTHORITY_PREFIX = "ROLE_";

    private record PendingGuard(String pattern, RequestMatcher matcher, Guard guard) {
    }

    private JwtManager manager;
    private Converter<Jwt, Collection<? extends GrantedAuthority>> authorities =
            claimAuthorities(DEFAULT_AUTHORITIES_CLAIM, DEFAULT_AUTHORITY_PREFIX);
    private final List<PendingGuard> guards = new ArrayList<>();
    private String forbiddenMessage = "Forbidden";
    private boolean stateless = true;
    private boolean springLogout;
    private JwtAuthenticationEntryPoint entryPoint;

    /** A configurer for {@code http.with(JwtSecurityConfigurer.jwt(), ...)}. */
    public static JwtSecurityConfigurer jwt() {
        return new JwtSecurityConfigurer();
    }

    /** The manager to verify with; by default the application context's {@link JwtManager} bean. */
    public JwtSecurityConfigurer manager(JwtManager manager) {
        this.manager = Objects.requireNonNull(manager, "manager");
        return this;
    }

    /**
     * Authorities from {@code claim} (a list of strings, or one string of names separated by spaces
     * or commas), each with {@code prefix} in front ({@code ""} for none). Default: {@code roles},
     * {@code ROLE_}.
     */
    public JwtSecurityConfigurer authorities(String claim, String prefix) {
        return authorities(claimAuthorities(Objects.requireNonNull(claim, "claim"), Objects.requireNonNull(prefix, "prefix")));
    }

    /** Authorities computed from the verified token by {@code converter}. */
    public JwtSecurityConfigurer authorities(Converter<Jwt, Collection<? extends GrantedAuthority>> converter) {
        this.authorities = Objects.requireNonNull(converter, "converter");
        return this;
    }

    /**
     * Requests matching {@code pattern} (a path pattern, as {@code requestMatchers(String)} takes)
     * are verified under {@code guard} and refused at once when they fail it, as
     * {@code @jwt_required(...)} does; the first matching guard applies. Needed where the token is
     * read differently: a refresh route ({@code Guard.required().refresh(true)} reads the refresh
     * cookie and its CSRF header), or a route whose token may be of either type.
     */
    public JwtSecurityConfigurer guard(String pattern, Guard guard) {
        guards.add(new PendingGuard(Objects.requireNonNull(pattern, "pattern"), null, Objects.requireNonNull(guard, "guard")));
        return this;
    }

    /** {@link #guard(String, Guard)} for the requests {@code matcher} matches. */
    public JwtSecurityConfigurer guard(RequestMatcher matcher, Guard guard) {
        guards.add(new PendingGuard(null, Objects.requireNonNull(matcher, "matcher"), Objects.requireNonNull(guard, "guard")));
        return this;
    }

    /** The message of a 403 (an authorization rule refused a valid token); default {@code Forbidden}. */
    public JwtSecurityConfigurer forbiddenMessage(String message) {
        this.forbiddenMessage = Objects.requireNonNull(message, "message");
        return this;
    }

    /**
     * {@code true} (the default): security contexts are kept in the request only, as a stateless
     * session policy does; {@code false} leaves them to the chain's repository (the session), for a
     * chain that also serves a session area such as a form login. A {@link JwtAuthentication} is
     * never stored in a session either way, and no request is saved (the entry point answers
     * instead of redirecting to a login page), so a token request never creates a session.
     */
    public JwtSecurityConfigurer stateless(boolean value) {
        this.stateless = value;
        return this;
    }

    /** {@code true} keeps Spring's {@code LogoutFilter} (for a session area's logout); default {@code false}. */
    public JwtSecurityConfigurer springLogout(boolean value) {
        this.springLogout = value;
        return this;
    }

    @Override
    public void init(HttpSecurity http) {
        if (manager == null) {
            manager = http.getSharedObject(ApplicationContext.class).getBean(JwtManager.class);
        }
        entryPoint = new JwtAuthenticationEntryPoint(manager);
        JwtAccessDeniedHandler denied = new JwtAccessDeniedHandler(manager, forbiddenMessage);
        try {
            http.exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied));
            // The entry point answers, it never redirects to a login page: a saved request would only
            // create a session. Set where Spring's configurers read it at build time (their init ran first).
            RequestCache none = new NullRequestCache();
            http.requestCache(c -> c.requestCache(none));
            http.setSharedObject(RequestCache.class, none);
            if (stateless) { // as a stateless session policy: security contexts kept in the request only
                http.setSharedObject(SecurityContextRepository.class, new RequestAttributeSecurityContextRepository());
            }
            if (!springLogout) {
                http.logout(l -> l.disable());
            }
        } catch (Exception e) { // HttpSecurity's customizer methods declare Exception; these throw none
            throw new IllegalStateException(e);
        }
        @SuppressWarnings("unchecked")
        CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
        if (csrf != null) {
            csrf.ignoringRequestMatchers(JwtSecurityConfigurer::authenticatedByToken);
        }
    }

    @Override
    public void configure(HttpSecurity http) {
        List<JwtAuthenticationFilter.GuardedRequests> resolved = new ArrayList<>();
        for (PendingGuard g : guards) {
            RequestMatcher matcher = g.matcher() != null ? g.matcher() : getRequestMatcherBuilder().matcher(g.pattern());
            resolved.add(new JwtAuthenticationFilter.GuardedRequests(matcher, g.guard()));
        }
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        JwtRequestVerification verification = context == null ? JwtRequestVerification.DIRECT
                : context.getBeanProvider(JwtRequestVerification.class).getIfAvailable(() -> JwtRequestVerification.DIRECT);
        JwtAuthenticationFilter filter = new JwtAuthenticationFilter(manager, verification, resolved, authorities, entryPoint,
                getSecurityContextHolderStrategy());
        http.addFilterBefore(postProcess(filter), CsrfFilter.class);
    }

    /** The request carries a token the core accepted (the filter runs before Spring's CSRF filter). */
    static boolean authenticatedByToken(HttpServletRequest request) {
        return request.getAttribute(ServletJwt.JWT_ATTRIBUTE) instanceof Jwt jwt && jwt.isPresent()
                && request.getAttribute(JwtAuthenticationFilter.FAILURE_ATTRIBUTE) == null;
    }

    /** Authorities named by {@code claim}: a collection of names, or one string of names separated by spaces or commas. */
    static Converter<Jwt, Collection<? extends GrantedAuthority>> claimAuthorities(String claim, String prefix) {
        return jwt -> {
            Object value = jwt.claim(claim);
            List<String> names = new ArrayList<>();
            if (value instanceof Collection<?> many) {
                many.forEach(v -> names.add(String.valueOf(v)));
            } else if (value instanceof String one) {
                for (String n : one.split("[\\s,]+")) {
                    if (!n.isEmpty()) {
                        names.add(n);
                    }
                }
            }
            return names.stream().map(n -> new SimpleGrantedAuthority(prefix + n)).toList();
        };
    }
}
