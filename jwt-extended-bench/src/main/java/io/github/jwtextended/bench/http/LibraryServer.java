package io.github.jwtextended.bench.http;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.javalin.JavalinJwt;
import io.github.jwtextended.javalin.JwtGuard;
import io.github.jwtextended.javalin.JwtPlugin;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.javalin.Javalin;

import java.time.Duration;
import java.util.Map;

/**
 * The library alone behind HTTP, for {@link HttpLoad}: Javalin with the {@link JwtPlugin}, an
 * in-memory revocation store and no database or request log, so that the difference between
 * {@code /ping} and {@code /protected} is the library's own work. {@code POST /login} hands out
 * tokens for {@code testuser} without a password (load testing only; it binds to 127.0.0.1).
 *
 * <pre>PORT=8080 java -cp jwt-extended-bench/target/benchmarks.jar io.github.jwtextended.bench.http.LibraryServer</pre>
 *
 * <p>Thread safety: single-threaded main; the server's handlers are thread safe.
 */
public final class LibraryServer {
    private LibraryServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
        JwtManager jwt = JwtManager.builder(JwtConfig.builder()
                        .keys(k -> k.withSecret("library-server-only-fake-secret-0123456789abcdef"))
                        .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES)
                        .access(a -> a.withExpires(Duration.ofHours(1)))
                        .build())
                .revocationStore(new InMemoryRevocationStore())
                .build();
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.registerPlugin(new JwtPlugin(p -> p.manager = jwt));
            cfg.routes.post("/login", ctx -> {
                String access = jwt.createAccessToken("testuser");
                JavalinJwt.setAccessCookies(ctx, access);
                ctx.json(Map.of("access_token", access));
            });
            cfg.routes.get("/ping", ctx -> ctx.json(Map.of("status", "ok")));
            cfg.routes.get("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            cfg.routes.post("/protected", ctx -> ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
        }).start("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        System.out.println("library server listening on http://127.0.0.1:" + app.port());
    }
}
