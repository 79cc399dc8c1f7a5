package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code user_lookup_loader} and {@code current_user} over HTTP. */
class UserLookupTest extends JwtHttpTest {
    record User(String name, String role) {
    }

    private static final Map<String, User> USERS = Map.of("alice", new User("alice", "admin"));

    private void serveUsers(JwtManager.Builder builder) {
        serve(builder.build(), cfg -> {
            standardRoutes(cfg);
            cfg.routes.get("/me", ctx -> {
                User user = JavalinJwt.jwt(ctx).currentUser(User.class);
                Map<String, Object> out = new HashMap<>();
                out.put("user", user == null ? null : user.name() + "/" + user.role());
                ctx.json(out);
            }, JwtGuard.of(Guard.required().optional(true)));
        });
    }

    @Test
    void theLoadedUserReachesTheHandler() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        serveUsers(manager(config()).userLookup((header, claims) -> {
            seen.set(claims);
            return USERS.get((String) claims.get("sub"));
        }));
        var r = server.get("/me").bearer(access("alice")).send();
        assertThat(r.body).isEqualTo("{\"user\":\"alice/admin\"}");
        assertThat(seen.get()).containsEntry("type", "access").containsKey("jti");
    }

    @Test
    void anUnknownUserIsRefused() {
        serveUsers(manager(config()).userLookup((header, claims) -> USERS.get((String) claims.get("sub"))));
        String token = access("ghost");
        assertError(server.get("/me").bearer(token).send(), 401, "Error loading the user ghost", token);
        assertError(server.get("/protected").bearer(token).send(), 401, "Error loading the user ghost", token);
    }

    @Test
    void optionalWithoutTokenHasNoUserAndDoesNotCallTheLookup() {
        serveUsers(manager(config()).userLookup((header, claims) -> {
            throw new AssertionError("not called without a token");
        }));
        assertThat(server.get("/me").send().body).isEqualTo("{\"user\":null}");
    }

    @Test
    void theLookupRunsLastAfterEveryOtherCheck() {
        serveUsers(manager(config()).userLookup((header, claims) -> null).tokenInBlocklist((h, c) -> true));
        String token = access("ghost");
        assertError(server.get("/protected").bearer(token).send(), 401, "Token has been revoked", token);
        assertError(server.get("/protected").bearer(refresh("ghost")).send(), 422, "Only non-refresh tokens are allowed");
    }

    @Test
    void askingForTheUserWithoutALookupIsAServerSideMistakeThatLeaksNothing() {
        serveUsers(manager(config()));
        String token = access("alice");
        var r = server.get("/me").bearer(token).send();
        assertThat(r.status).isEqualTo(500);
        assertThat(r.body).doesNotContain("Exception").doesNotContain("java.").doesNotContain("userLookup").doesNotContain(token);
    }
}
