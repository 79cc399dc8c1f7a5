package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import org.junit.jupiter.api.AfterEach;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Base of the HTTP tests: a fake secret, a {@link MutableClock}, a manager builder on both, a server
 * per test (stopped after it) and the standard echo routes the reference's own tests use.
 *
 * <p>Standard routes (each answers with sorted keys):
 * <ul>
 *   <li>{@code /protected} (every method, {@code required}): {@code {"id":..,"loc":..}}</li>
 *   <li>{@code /optional} (GET, POST, {@code optional}): {@code {"id":..}}</li>
 *   <li>{@code /fresh} (GET, {@code fresh}): {@code {"id":..}}</li>
 *   <li>{@code /refresh} (GET, POST, {@code refresh}): {@code {"id":..}}</li>
 *   <li>{@code /any-type} (GET, {@code verifyType(false)}): {@code {"id":..,"type":..}}</li>
 *   <li>{@code /skip-revocation} (GET, {@code skipRevocationCheck(true)}): {@code {"id":..}}</li>
 *   <li>{@code /claims} (GET, {@code required}): every claim</li>
 * </ul>
 */
abstract class JwtHttpTest {
    /** A clearly fake test key (HS256 needs 32 bytes or more). */
    static final String SECRET = "test-only-secret-key-that-is-long-enough-0123456789";
    static final String OTHER_SECRET = "another-test-only-secret-key-also-long-enough-987654";
    static final HandlerType[] ALL_METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE, HandlerType.HEAD, HandlerType.OPTIONS};

    /** A whole second, so {@code iat} is exactly the clock's second. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(START);
    TestServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** The default configuration with the test secret. */
    static JwtConfig.Builder config() {
        return JwtConfig.builder().keys(k -> k.withSecret(SECRET));
    }

    /** A manager builder on {@code config} and the test clock. */
    JwtManager.Builder manager(JwtConfig.Builder config) {
        return JwtManager.builder(config.build()).clock(clock);
    }

    /** Starts the standard routes for {@code config}. */
    TestServer serve(JwtConfig.Builder config) {
        return serve(manager(config).build());
    }

    /** Starts the standard routes for {@code manager}. */
    TestServer serve(JwtManager manager) {
        return serve(manager, JwtHttpTest::standardRoutes);
    }

    /** Starts {@code routes} for {@code manager}; the server is stopped after the test. */
    TestServer serve(JwtManager manager, Consumer<JavalinConfig> routes) {
        if (server != null) {
            server.close();
        }
        server = TestServer.start(manager, routes);
        return server;
    }

    JwtManager jwt() {
        return server.manager();
    }

    String access(String identity) {
        return jwt().createAccessToken(identity);
    }

    String freshAccess(String identity) {
        return jwt().createAccessToken(identity, TokenOptions.defaults().withFresh(true));
    }

    String refresh(String identity) {
        return jwt().createRefreshToken(identity);
    }

    String csrfOf(String token) {
        return jwt().csrfToken(token);
    }

    static void standardRoutes(JavalinConfig cfg) {
        for (HandlerType m : ALL_METHODS) {
            cfg.routes.addHttpHandler(m, "/protected", ctx -> echo(ctx, "id", "loc"), JwtGuard.required());
        }
        cfg.routes.get("/optional", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().optional(true)));
        cfg.routes.post("/optional", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().optional(true)));
        cfg.routes.get("/fresh", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().fresh(true)));
        cfg.routes.get("/refresh", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().refresh(true)));
        cfg.routes.post("/refresh", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().refresh(true)));
        cfg.routes.get("/any-type", ctx -> echo(ctx, "id", "type"), JwtGuard.of(Guard.required().verifyType(false)));
        cfg.routes.get("/skip-revocation", ctx -> echo(ctx, "id"), JwtGuard.of(Guard.required().skipRevocationCheck(true)));
        cfg.routes.get("/claims", ctx -> ctx.json(new TreeMap<>(JavalinJwt.claims(ctx))), JwtGuard.required());
    }

    /** A handler answering {@code {"id":..,"loc":..,"type":..}} (only the named fields, sorted). */
    static Handler echoing(String... fields) {
        return ctx -> echo(ctx, fields);
    }

    static void echo(Context ctx, String... fields) {
        Map<String, Object> out = new TreeMap<>();
        for (String f : fields) {
            switch (f) {
                case "id": out.put("id", JavalinJwt.jwt(ctx).identity()); break;
                case "loc": out.put("loc", JavalinJwt.jwt(ctx).location() == null ? null : JavalinJwt.jwt(ctx).location().wireName()); break;
                case "type": out.put("type", JavalinJwt.claims(ctx).get("type")); break;
                default: throw new IllegalArgumentException(f);
            }
        }
        ctx.json(out);
    }
}
