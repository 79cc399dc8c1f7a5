package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.conformance.ConformanceServer;
import io.github.jwtextended.conformance.ConformanceSuite;
import io.github.jwtextended.verify.Guard;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;

import java.util.Map;
import java.util.TreeMap;

/** The core's conformance kit against the Javalin plugin. */
class JavalinConformanceTest extends ConformanceSuite {

    @Override
    protected ConformanceServer start(JwtManager manager) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = manager));
            JwtHttpTest.standardRoutes(cfg);
            cfg.routes.get("/protected/deeper", JwtHttpTest.echoing("id", "loc"), JwtGuard.required());
            cfg.routes.addHttpHandler(HandlerType.OPTIONS, "/claims", ctx -> ctx.json(new TreeMap<>(JavalinJwt.claims(ctx))), JwtGuard.required());
            cfg.routes.get("/header", ctx -> ctx.json(new TreeMap<>(JavalinJwt.jwt(ctx).header())), JwtGuard.required());
            cfg.routes.get("/user", ctx -> ctx.json(Map.of("user", JavalinJwt.jwt(ctx).currentUser(Object.class))), JwtGuard.required());
            cfg.routes.get("/verify-inside", ctx -> {
                JavalinJwt.verify(ctx, Guard.required().fresh(true));
                JwtHttpTest.echo(ctx, "id");
            });
            cfg.routes.get("/open", ctx -> ctx.json(Map.of("ok", true)));
            cfg.routes.post("/cookies/login", ctx -> {
                JavalinJwt.setAccessCookies(ctx, ctx.header("X-Access-Token"));
                JavalinJwt.setRefreshCookies(ctx, ctx.header("X-Refresh-Token"));
                ctx.json(Map.of("ok", true));
            });
            cfg.routes.post("/cookies/logout", ctx -> {
                JavalinJwt.unsetJwtCookies(ctx);
                ctx.json(Map.of("ok", true));
            });
        }).start("127.0.0.1", 0);
        return new ConformanceServer() {
            @Override
            public int port() {
                return app.port();
            }

            @Override
            public boolean routesByMethodOverride() {
                return true; // Context.method() reads X-HTTP-Method-Override
            }

            @Override
            public void close() {
                app.stop();
            }
        };
    }
}
