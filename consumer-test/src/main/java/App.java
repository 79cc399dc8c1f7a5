import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.javalin.JavalinJwt;
import io.github.jwtextended.javalin.JwtGuard;
import io.github.jwtextended.javalin.JwtPlugin;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.BiPredicate;

public class App {
    record Login(String username, String password) {}

    public static JwtManager manager(String secret) {
        JwtConfig config = JwtConfig.builder()
                .keys(k -> k.withSecret(secret))                                // 32+ random bytes, kept out of the code
                .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES)   // API clients and browsers
                .cookies(c -> c.withSecure(true))                               // cookies over HTTPS only (and http://localhost)
                .build();
        return JwtManager.builder(config)
                .revocationStore(new InMemoryRevocationStore())   // a shared store (Redis, a database) in production
                .build();
    }

    public static Javalin app(JwtManager jwt, BiPredicate<String, String> passwordOk) {
        return Javalin.create(config -> {
            config.registerPlugin(new JwtPlugin(plugin -> plugin.manager = jwt));

            config.routes.post("/login", ctx -> {
                Login login = ctx.bodyAsClass(Login.class);
                if (!passwordOk.test(login.username(), login.password())) {
                    ctx.status(401).json(Map.of("msg", "Bad username or password"));
                    return;
                }
                String access = jwt.createAccessToken(login.username(), TokenOptions.defaults().withFresh(true));
                String refresh = jwt.createRefreshToken(login.username());
                JavalinJwt.setAccessCookies(ctx, access);     // browsers: HttpOnly token cookies and their CSRF cookies
                JavalinJwt.setRefreshCookies(ctx, refresh);
                ctx.json(Map.of("access_token", access, "refresh_token", refresh));   // API clients
            });
            config.routes.get("/protected", ctx ->
                    ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            config.routes.post("/refresh", ctx -> {
                String access = jwt.createAccessToken(JavalinJwt.identity(ctx));
                JavalinJwt.setAccessCookies(ctx, access);
                ctx.json(Map.of("access_token", access));
            }, JwtGuard.of(Guard.required().refresh(true)));
            config.routes.post("/logout", ctx -> {
                jwt.revoke(JavalinJwt.jwt(ctx));          // the token this request came with
                JavalinJwt.revokeRefreshCookie(ctx);      // and the refresh token in the browser's cookie
                JavalinJwt.unsetJwtCookies(ctx);
                ctx.json(Map.of("msg", "logout successful"));
            }, JwtGuard.of(Guard.required().verifyType(false)));
        });
    }
}
