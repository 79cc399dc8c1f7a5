package io.github.jwtextended.spring.security;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.token.Jwt;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.Transient;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code Authentication} of a request whose JWT the core verified: its name and principal are
 * the identity as a string ({@code get_jwt_identity()}), its authorities come from the configured
 * claim ({@link JwtSecurityConfigurer#authorities}), and it carries the verified token: claims,
 * header, type, the location it was read from and the user the lookup callback loaded. The encoded
 * token itself is not kept: {@link #getCredentials()} is null, so nothing logs or serialises it.
 *
 * <pre>{@code
 * @GetMapping("/me")
 * Map<String, Object> me(@AuthenticationPrincipal String user, JwtAuthentication auth) {
 *     return Map.of("user", user, "claims", auth.claims());
 * }
 * }</pre>
 *
 * It is {@link Transient}: Spring Security never stores it in a session.
 *
 * <p>Thread safety: immutable (Spring's {@code setAuthenticated(false)} aside).
 */
@Transient
public final class JwtAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;

    private final transient Jwt jwt;
    private final String identity;

    /** An authenticated token for {@code jwt} (present) with {@code authorities}. */
    public JwtAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities) {
        super(authorities);
        if (!Objects.requireNonNull(jwt, "jwt").isPresent()) {
            throw new IllegalArgumentException("an absent token authenticates nobody");
        }
        this.jwt = jwt;
        this.identity = jwt.identityAsString();
        setAuthenticated(true);
    }

    /** The verified token, with flask-jwt-extended's accessors. */
    public Jwt jwt() {
        return jwt;
    }

    /** {@code get_jwt()}: every claim. */
    public Map<String, Object> claims() {
        return jwt.claims();
    }

    /** {@code get_jwt_header()}. */
    public Map<String, Object> header() {
        return jwt.header();
    }

    /** {@code access} or {@code refresh}. */
    public String tokenType() {
        return jwt.type();
    }

    /** {@code get_jwt_request_location()}: where the token was read. */
    public TokenLocation location() {
        return jwt.location();
    }

    /**
     * The {@code fresh} claim as the token carries it: {@code true}/{@code false}, or the instant
     * (seconds since the epoch) until which it is fresh. Whether it is fresh now is the core's
     * decision: require it with {@link JwtAuthorization#fresh()} or {@code @jwtSecurity.fresh()}.
     */
    public Object freshness() {
        return jwt.claim("fresh");
    }

    /** {@code get_current_user()}: what the user lookup callback loaded, or null without one. */
    public Object currentUser() {
        return jwt.user();
    }

    /** The identity as a string. */
    @Override
    public Object getPrincipal() {
        return identity;
    }

    /** Always null: the encoded token is not kept. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return identity;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtAuthentication other && super.equals(o) && jwt.claims().equals(other.jwt.claims());
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** The identity, type and authorities; never a claim value beyond them. */
    @Override
    public String toString() {
        return "JwtAuthentication[" + identity + ", " + tokenType() + ", " + getAuthorities() + "]";
    }
}
