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

    public JwtGuard locations(TokenLocation... locations) {
        return new JwtGuard(guard.locations(locations));
    }

    public JwtGuard verifyType(boolean value) {
        return new JwtGuard(guard.verifyType(value));
    }

    public JwtGuard skipRevocationCheck(boolean value) {
        return new JwtGuard(guard.skipRevocationCheck(value));
    }

    public JwtGuard optional(boolean value) {
        return new JwtGuard(guard.optional(value));
    }

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
