package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.adapter.ErrorAnswer;
import io.github.jwtextended.error.JwtException;
import io.javalin.config.JavalinState;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.plugin.Plugin;
import io.javalin.router.ParsedEndpoint;
import io.javalin.security.Roles;
import io.javalin.security.RouteRole;

import java.util.Set;
import java.util.function.Consumer;

/**
 * The Javalin plugin: verifies the request of every route that carries a {@link JwtGuard} before
 * its handler runs, and answers every {@link JwtException} (from a guard or thrown by a handler)
 * with the manager's error response.
 *
 * <pre>{@code
 * Javalin.create(config -> {
 *     config.registerPlugin(new JwtPlugin(jwt -> jwt.manager = manager));
 *     config.routes.get("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))),
 *             JwtGuard.required());
 * });
 * }</pre>
 *
 * <p>Thread safety: configured once at startup; its handlers are thread safe.
 */
public final class JwtPlugin extends Plugin<JwtPlugin.Config> {
    static final Key<JwtManager> MANAGER = new Key<>("jwt-extended.manager");

    /** The plugin's settings. */
    public static final class Config {
        /** The manager that verifies tokens and answers failures; required. */
        public JwtManager manager;
        /**
         * Implicit refresh for cookie clients (flask-jwt-extended's "refresh tokens that are about to
         * expire" recipe): after a successful handler, a new, non-fresh access cookie is set when the
         * request's access token came from a cookie, is not revoked and expires within this window.
         * Never for header clients, error answers, or responses whose handler set or cleared the
         * token cookies itself. Null (the default), zero or negative: off.
         */
        public java.time.Duration implicitRefreshWindow;
    }

    /**
     * A plugin to pass to {@code config.registerPlugin(...)} in {@code Javalin.create}. The
     * {@code userConfig} callback is called once, here, with a new {@link Config} to fill in:
     * {@code new JwtPlugin(plugin -> plugin.manager = manager)}. The manager is required: without one
     * the application fails to start with an {@link IllegalStateException}. One plugin serves every
     * route of the application.
     *
     * @param userConfig sets the {@link Config} fields; at least {@link Config#manager}
     */
    public JwtPlugin(Consumer<Config> userConfig) {
        super(userConfig, new Config());
    }

    @Override
    public String name() {
        return "jwt-extended";
    }

    @Override
    public void onInitialize(JavalinState state) {
        JwtManager manager = pluginConfig.manager;
        if (manager == null) {
            throw new IllegalStateException("JwtPlugin needs a JwtManager: new JwtPlugin(jwt -> jwt.manager = ...)");
        }
        state.appData(MANAGER, manager);
        // Jetty keeps a per-connection cache of header lines (Authorization and Cookie among them)
        // and matches each incoming line against it character by character. A token is long and
        // mostly letters and digits outside the cache's fast alphabet, so with a token in the
        // header that walk costs more than the String it saves (about a fifth of the throughput of
        // a route that verifies nothing, measured in docs/benchmarks.md): the cache is turned off.
        // It stays case-sensitive should the application turn it back on: matched without regard
        // to case, "bearer <t>" sent after "Bearer <t>" on one connection would be read as the
        // earlier line, and schemes and tokens are compared case-sensitively.
        state.jetty.modifyHttpConfiguration(http -> {
            http.setHeaderCacheSize(0);
            http.setHeaderCacheCaseSensitive(true);
        });
        state.routes.beforeMatched(ctx -> {
            for (RouteRole role : routeRoles(state, ctx)) {
                if (role instanceof JwtGuard jwtGuard) {
                    JavalinJwt.verify(ctx, jwtGuard.guard());
                }
            }
        });
        state.routes.exception(JwtException.class, (e, ctx) -> respond(ctx, manager, e));
        java.time.Duration window = pluginConfig.implicitRefreshWindow;
        if (window != null && !window.isZero() && !window.isNegative()) {
            state.routes.afterMatched(new ImplicitRefresh(window)::after);
        }
    }

    /**
     * The matched route's roles. Javalin answers a HEAD request for a path that only has a GET
     * route itself (200, empty body, the GET handler not run) and gives it no roles; such a request
     * gets the GET route's roles, so HEAD is refused exactly when GET would be.
     */
    private static Set<RouteRole> routeRoles(JavalinState state, Context ctx) {
        Set<RouteRole> roles = ctx.routeRoles();
        if (!roles.isEmpty() || ctx.method() != HandlerType.HEAD || state.internalRouter == null) {
            return roles;
        }
        String uri = ctx.path().substring(Math.min(ctx.contextPath().length(), ctx.path().length()));
        if (state.internalRouter.hasHttpHandlerEntry(HandlerType.HEAD, uri)) {
            return roles; // the application's own HEAD route, with its own roles
        }
        ParsedEndpoint get = state.internalRouter.findFirstHttpHandlerEntry(HandlerType.GET, uri);
        Roles getRoles = get == null ? null : get.endpoint.metadata(Roles.class);
        return getRoles == null ? roles : getRoles.getRoles();
    }

    /** Writes the manager's answer to {@code error}: {@link ErrorAnswer}, as every adapter writes it. */
    static void respond(Context ctx, JwtManager manager, JwtException error) {
        ErrorAnswer answer = ErrorAnswer.of(manager, error, ctx.method().name(), ctx.path());
        ctx.status(answer.status());
        answer.headers().forEach(ctx::header);
        ctx.contentType(ErrorAnswer.CONTENT_TYPE).result(answer.body());
    }
}
