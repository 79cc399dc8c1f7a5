package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.verify.Guard;
import io.javalin.security.RouteRole;

import java.util.Objects;

/**
 * Per-route metadata: a {@link Guard} carried as a Javalin {@link RouteRole}. The {@link JwtPlugin}
 * verifies the request before the handler of any route that has one.
 *
 * <pre>{@code
 * config.routes.get("/protected", handler, JwtGuard.required());
 * config.routes.post("/refresh", handler, JwtGuard.refresh());
 * config.routes.get("/fresh", handler, JwtGuard.fresh());
 * config.routes.get("/optional", handler, JwtGuard.optional());
 * config.routes.get("/any", handler, JwtGuard.required().verifyType(false).locations(TokenLocation.HEADERS));
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class JwtGuard implements RouteRole {
    private final Guard guard;

    private JwtGuard(Guard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** A route guarded by {@code guard}. */
    public static JwtGuard of(Guard guard) {
        return new JwtGuard(guard);
    }

    /** {@code @jwt_required()}. */
    public static JwtGuard required() {
        return new JwtGuard(Guard.required());
    }

    /** {@code @jwt_required(optional=True)}. */
    public static JwtGuard optional() {
        return new JwtGuard(Guard.optional());
    }

    /** {@code @jwt_required(fresh=True)}. */
    public static JwtGuard fresh() {
        return new JwtGuard(Guard.fresh());
    }

    /** {@code @jwt_required(refresh=True)}. */
    public static JwtGuard refresh() {
        return new JwtGuard(Guard.refresh());
    }

    /**
     * {@code @jwt_required(locations=[...])}: look for the token only in these locations, in this
     * order, instead of the configured {@link io.github.jwtextended.config.JwtConfig#tokenLocations()
     * token locations}. The names looked up (header, cookie, query parameter, JSON key, CSRF header)
     * stay the configured ones. No argument means the configured locations again. A token missing
     * from every listed location answers 401 ({@code Missing JWT in ...} naming them, or the one
     * location's own message); a token found in a location but not valid is refused without trying
     * the next location.
     *
     * @param locations where to look, in order of precedence; none for the configured locations
     * @return a new guard with the other settings of this one
     * @throws IllegalArgumentException if one of {@code locations} is null
     */
    public JwtGuard locations(TokenLocation... locations) {
        return new JwtGuard(guard.locations(locations));
    }

    /**
     * {@code @jwt_required(verify_type=False)}: {@code false} accepts an access token and a refresh
     * token alike, where the guard otherwise refuses the other type ({@code Only non-refresh tokens
     * are allowed}, or {@code Only refresh tokens are allowed} under {@link #refresh()}; 422 by
     * default). Where the token is read
     * does not change: a {@link #refresh()} guard still reads the refresh cookie, refresh CSRF header
     * and refresh JSON key. Use it for a route that takes either token, such as a logout that
     * revokes whichever it is given.
     *
     * @param value {@code false} to accept any token type; {@code true} (the default) to check it
     * @return a new guard with the other settings of this one
     */
    public JwtGuard verifyType(boolean value) {
        return new JwtGuard(guard.verifyType(value));
    }

    /**
     * {@code @jwt_required(skip_revocation_check=True)}: {@code true} accepts a token without asking
     * the manager's {@link io.github.jwtextended.revocation.RevocationStore RevocationStore} or its
     * blocklist callback, so a revoked (logged out) token still passes and a store outage does not
     * answer 503 on this route. Signature, expiry, type and freshness are still checked. Only for
     * routes where a revoked token may do no harm.
     *
     * @param value {@code true} to skip the revocation check; {@code false} (the default) to make it
     * @return a new guard with the other settings of this one
     */
    public JwtGuard skipRevocationCheck(boolean value) {
        return new JwtGuard(guard.skipRevocationCheck(value));
    }

    /**
     * {@code @jwt_required(optional=True)} when {@code true}: a request with no token in any location
     * reaches the handler, where {@link JavalinJwt#jwt(io.javalin.http.Context)} is
     * {@link io.github.jwtextended.token.Jwt#absent() absent} and {@link
     * JavalinJwt#identity(io.javalin.http.Context)} is null. A token that is present must still be
     * valid: an expired, forged, revoked or wrong-type token is refused as under a required guard.
     *
     * @param value {@code true} to let requests without a token through; {@code false} to require one
     * @return a new guard with the other settings of this one
     */
    public JwtGuard optional(boolean value) {
        return new JwtGuard(guard.optional(value));
    }

    /**
     * {@code @jwt_required(fresh=True)} when {@code true}: the access token must be fresh, that is
     * created with {@code TokenOptions.defaults().withFresh(true)} (typically right after a password
     * check), or with {@code withFreshFor(...)} or {@code withFreshUntil(...)} and still within that
     * time; otherwise the answer is 401 {@code Fresh token required}. An access token created
     * without these options, as a refresh route usually creates it, is not fresh.
     *
     * @param value {@code true} to require a fresh token; {@code false} to accept any valid one
     * @return a new guard with the other settings of this one
     */
    public JwtGuard fresh(boolean value) {
        return new JwtGuard(guard.fresh(value));
    }

    /** The core guard this role carries. */
    public Guard guard() {
        return guard;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JwtGuard && ((JwtGuard) o).guard.equals(guard);
    }

    @Override
    public int hashCode() {
        return guard.hashCode();
    }

    @Override
    public String toString() {
        return "JwtGuard" + guard.toString().substring("Guard".length());
    }
}
