import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.javalin.JavalinJwt;
import io.github.jwtextended.javalin.JwtGuard;
import io.github.jwtextended.javalin.JwtPlugin;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.TokenOptions;
import io.javalin.Javalin;
import java.util.Map;
import java.util.function.BiPredicate;

class App {
    record Login(String username, String password) {}

    static JwtManager exampleManager(String secret) {
        return JwtManager.builder(JwtConfig.builder().secretKey(secret).build())
                .revocationStore(new InMemoryRevocationStore())   // use a shared store (Redis, a DB) in production
                .build();
    }

    static Javalin exampleApp(JwtManager jwt, BiPredicate<String, String> passwordOk) {
        return Javalin.create(config -> {
            config.registerPlugin(new JwtPlugin(plugin -> plugin.manager = jwt));

            config.routes.post("/login", ctx -> {
                Login login = ctx.bodyAsClass(Login.class);
                if (!passwordOk.test(login.username(), login.password())) {
                    ctx.status(401).json(Map.of("msg", "Bad username or password"));
                    return;
                }
                ctx.json(Map.of(
                        "access_token", jwt.createAccessToken(login.username(), TokenOptions.defaults().withFresh(true)),
                        "refresh_token", jwt.createRefreshToken(login.username())));
            });
            config.routes.get("/protected", ctx ->
                    ctx.json(Map.of("logged_in_as", JavalinJwt.identity(ctx))), JwtGuard.required());
            config.routes.post("/refresh", ctx ->
                    ctx.json(Map.of("access_token", jwt.createAccessToken(JavalinJwt.identity(ctx)))), JwtGuard.refresh());
            config.routes.delete("/logout", ctx -> {   // call it with the access token, then with the refresh token
                jwt.revoke(JavalinJwt.jwt(ctx));
                ctx.json(Map.of("msg", JavalinJwt.jwt(ctx).type() + " token revoked"));
            }, JwtGuard.required().verifyType(false));
        });
    }
}
