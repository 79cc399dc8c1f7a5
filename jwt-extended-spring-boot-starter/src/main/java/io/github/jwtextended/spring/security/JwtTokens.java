package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Login, refresh and logout the Spring way, as a bean: the password check is Spring's
 * ({@code AuthenticationManager}, a {@code UserDetailsService}, the application's
 * {@code PasswordEncoder}), and this turns its result into tokens and cookies.
 *
 * <pre>{@code
 * Authentication user = authenticationManager.authenticate(
 *         UsernamePasswordAuthenticationToken.unauthenticated(name, password));
 * return tokens.login(user, request, response);   // {"access_token": ..., "refresh_token": ...}
 * }</pre>
 *
 * The tokens carry the user's authorities in the {@code roles} claim, without the {@code ROLE_}
 * prefix (the claim and prefix {@link JwtSecurityConfigurer} reads by default), so
 * {@code hasRole('admin')} holds for a user whose {@code UserDetails} has the role {@code admin}.
 * With cookies among the token locations, each method also writes the flask-style cookies.
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class JwtTokens {
    private final JwtManager manager;
    private final String claim;
    private final String prefix;

    /** Tokens of {@code manager}, authorities in {@code claim} without {@code prefix}. */
    public JwtTokens(JwtManager manager, String claim, String prefix) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /**
     * After a successful password check: a fresh access token and a refresh token for the
     * authentication's name and authorities (cookies too, with cookies among the locations).
     */
    public Map<String, String> login(Authentication authenticated, HttpServletRequest request, HttpServletResponse response) {
        if (authenticated == null || !authenticated.isAuthenticated()) {
            throw new IllegalArgumentException("login needs an authenticated result of the AuthenticationManager");
        }
        TokenOptions options = TokenOptions.defaults().withClaim(claim, roles(authenticated));
        String access = manager.createAccessToken(authenticated.getName(), options.withFresh(true));
        String refresh = manager.createRefreshToken(authenticated.getName(), options);
        writeCookies(response, access, refresh);
        return answer(access, refresh);
    }

    /** A new access token (not fresh) for a request authenticated by its refresh token, with that token's roles. */
    public Map<String, String> refresh(JwtAuthentication refresh, HttpServletRequest request, HttpServletResponse response) {
        Jwt token = refreshToken(refresh);
        String access = manager.createAccessToken(token.identity(), carried(token));
        writeCookies(response, access, null);
        return answer(access, null);
    }

    /**
     * Refresh-token rotation: a new access and refresh token for a request authenticated by its
     * refresh token; reusing a rotated refresh token revokes its family (the core's rule).
     */
    public Map<String, String> rotate(JwtAuthentication refresh, HttpServletRequest request, HttpServletResponse response) {
        Jwt token = refreshToken(refresh);
        TokenPair pair = manager.rotateRefreshToken(token, token.identity(), carried(token));
        writeCookies(response, pair.accessToken(), pair.refreshToken());
        return answer(pair.accessToken(), pair.refreshToken());
    }

    /**
     * Logout: revokes the token the request was authenticated with and, with cookies among the
     * locations, the refresh token in the browser's refresh cookie, and clears the four cookies.
     */
    public void logout(JwtAuthentication authentication, HttpServletRequest request, HttpServletResponse response) {
        manager.revoke(Objects.requireNonNull(authentication, "authentication").jwt());
        if (cookies()) {
            ServletJwt.revokeRefreshCookie(request); // the request passed the chain's JWT filter: its manager is this one
            ServletJwt.addAll(response, manager.unsetJwtCookies());
        }
    }

    /** Log out everywhere: every token of {@code identity} issued until now is refused; returns that instant. */
    public Instant logoutEverywhere(String identity) {
        return manager.revokeAllFor(identity);
    }

    private List<String> roles(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith(prefix) ? a.substring(prefix.length()) : a).toList();
    }

    private TokenOptions carried(Jwt token) {
        Object roles = token.claim(claim);
        return roles == null ? TokenOptions.defaults() : TokenOptions.defaults().withClaim(claim, roles);
    }

    private static Jwt refreshToken(JwtAuthentication refresh) {
        if (refresh == null || !refresh.jwt().isRefresh()) {
            throw new IllegalArgumentException("refresh needs a request authenticated by a refresh token"
                    + " (guard the route with Guard.required().refresh(true))");
        }
        return refresh.jwt();
    }

    private boolean cookies() {
        return manager.config().tokenLocations().contains(TokenLocation.COOKIES);
    }

    private void writeCookies(HttpServletResponse response, String access, String refresh) {
        if (!cookies()) {
            return;
        }
        ServletJwt.addAll(response, manager.accessCookies(access));
        if (refresh != null) {
            ServletJwt.addAll(response, manager.refreshCookies(refresh));
        }
    }

    private static Map<String, String> answer(String access, String refresh) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("access_token", access);
        if (refresh != null) {
            out.put("refresh_token", refresh);
        }
        return out;
    }
}
