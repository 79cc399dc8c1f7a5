package io.github.jwtextended.javalin;

import io.github.jwtextended.verify.Guard;
import io.javalin.security.RouteRole;

import java.util.Objects;

/**
 * A core {@link Guard} as Javalin route metadata: Javalin takes a route's metadata as
 * {@link RouteRole}s, which the framework-free {@code Guard} cannot be. The {@link JwtPlugin}
 * verifies the request under {@link #guard()} before the handler of any route that has one. Every
 * setting is the guard's: build it with {@link Guard#required()} and its withers, which mirror
 * {@code @jwt_required(...)} argument by argument.
 *
 * <pre>{@code
 * config.routes.get("/protected", handler, JwtGuard.required());                  // @jwt_required()
 * config.routes.post("/refresh", handler, JwtGuard.of(Guard.required().refresh(true)));
 * config.routes.get("/fresh", handler, JwtGuard.of(Guard.required().fresh(true)));
 * config.routes.get("/optional", handler, JwtGuard.of(Guard.required().optional(true)));
 * config.routes.get("/any", handler, JwtGuard.of(Guard.required().verifyType(false).locations(TokenLocation.HEADERS)));
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param guard what the route requires of its token
 */
public record JwtGuard(Guard guard) implements RouteRole {
    private static final JwtGuard REQUIRED = new JwtGuard(Guard.required());

    /**
     * A route guarded by {@code guard}.
     *
     * @throws NullPointerException if {@code guard} is null
     */
    public JwtGuard {
        Objects.requireNonNull(guard, "guard");
    }

    /** A route guarded by {@code guard}: {@code new JwtGuard(guard)}. */
    public static JwtGuard of(Guard guard) {
        return new JwtGuard(guard);
    }

    /** {@code @jwt_required()}: {@code JwtGuard.of(Guard.required())}. */
    public static JwtGuard required() {
        return REQUIRED;
    }
}
