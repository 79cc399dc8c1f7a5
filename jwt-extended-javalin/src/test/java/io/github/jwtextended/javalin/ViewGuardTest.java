package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The route guards: {@code jwt_required(optional, fresh, refresh, locations, verify_type, skip_revocation_check)}. */
class ViewGuardTest extends JwtHttpTest {

    @Test
    void requiredAcceptsAValidAccessTokenAndRefusesNone() {
        serve(config());
        var ok = server.get("/protected").bearer(access("u")).send();
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.body).isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");

        assertError(server.get("/protected").send(), 401, "Missing Authorization Header");
    }

    @Test
    void optionalWithoutTokenRunsTheHandlerWithNoIdentity() {
        serve(config());
        var r = server.get("/optional").send();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).isEqualTo("{\"id\":null}");
        assertThat(server.get("/optional").bearer(access("u")).send().body).isEqualTo("{\"id\":\"u\"}");
    }

    @Test
    void optionalStillRefusesAPresentButBadToken() {
        serve(config());
        assertError(server.get("/optional").header("Authorization", "Bearer x.y").send(), 422, "Not enough segments");
        String token = access("u");
        clock.advance(Duration.ofMinutes(16));
        assertError(server.get("/optional").bearer(token).send(), 401, "Token has expired", token);
        assertError(server.get("/optional").bearer(refresh("u")).send(), 422, "Only non-refresh tokens are allowed");
    }

    @Test
    void freshRequiresAFreshToken() {
        serve(config());
        assertThat(server.get("/fresh").bearer(freshAccess("u")).send().body).isEqualTo("{\"id\":\"u\"}");
        assertError(server.get("/fresh").bearer(access("u")).send(), 401, "Fresh token required");
    }

    @Test
    void freshForAPeriodStopsBeingFreshWhenItEnds() {
        serve(config());
        String token = jwt().createAccessToken("u", TokenOptions.defaults().withFreshFor(Duration.ofMinutes(5)));
        assertThat(server.get("/fresh").bearer(token).send().status).isEqualTo(200);
        clock.advance(Duration.ofMinutes(5));
        assertThat(server.get("/fresh").bearer(token).send().status).as("fresh until the limit itself").isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertError(server.get("/fresh").bearer(token).send(), 401, "Fresh token required", token);
        assertThat(server.get("/protected").bearer(token).send().status).as("still a valid access token").isEqualTo(200);
    }

    @Test
    void freshUntilAnInstant() {
        serve(config());
        String token = jwt().createAccessToken("u", TokenOptions.defaults().withFreshUntil(clock.instant().plusSeconds(30)));
        assertThat(server.get("/fresh").bearer(token).send().status).isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));
        assertError(server.get("/fresh").bearer(token).send(), 401, "Fresh token required", token);
    }

    @Test
    void refreshAcceptsOnlyRefreshTokensAndOthersOnlyNonRefresh() {
        serve(config());
        String refresh = refresh("u");
        String access = access("u");
        assertThat(server.post("/refresh").bearer(refresh).send().body).isEqualTo("{\"id\":\"u\"}");
        assertError(server.post("/refresh").bearer(access).send(), 422, "Only refresh tokens are allowed", access);
        assertError(server.get("/protected").bearer(refresh).send(), 422, "Only non-refresh tokens are allowed", refresh);
        assertError(server.get("/fresh").bearer(refresh).send(), 422, "Only non-refresh tokens are allowed", refresh);
    }

    @Test
    void verifyTypeOffAcceptsBothTypes() {
        serve(config());
        assertThat(server.get("/any-type").bearer(refresh("u")).send().body).isEqualTo("{\"id\":\"u\",\"type\":\"refresh\"}");
        assertThat(server.get("/any-type").bearer(access("u")).send().body).isEqualTo("{\"id\":\"u\",\"type\":\"access\"}");
    }

    @Test
    void skipRevocationCheckIgnoresTheBlocklist() {
        serve(manager(config()).tokenInBlocklist((h, c) -> true).build());
        String token = access("u");
        assertThat(server.get("/skip-revocation").bearer(token).send().body).isEqualTo("{\"id\":\"u\"}");
        assertError(server.get("/protected").bearer(token).send(), 401, "Token has been revoked", token);
    }

    @Test
    void optionsPassesUntouchedWithNoTokenInTheHandler() {
        serve(config());
        var none = server.options("/protected").send();
        assertThat(none.status).isEqualTo(200);
        assertThat(none.body).as("the handler sees an absent token").isEqualTo("{\"id\":null,\"loc\":null}");
        var garbage = server.options("/protected").header("Authorization", "Bearer x.y").send();
        assertThat(garbage.status).as("a bad token is not even looked at").isEqualTo(200);
        assertThat(garbage.body).isEqualTo("{\"id\":null,\"loc\":null}");
    }

    @Test
    void headIsGuardedLikeGet() {
        serve(config());
        var ok = server.head("/protected").bearer(access("u")).send();
        assertThat(ok.status).isEqualTo(200);
        assertThat(ok.body).isEmpty();
        var refused = server.head("/protected").send();
        assertThat(refused.status).isEqualTo(401);
        assertThat(refused.body).isEmpty();
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void headToAGetOnlyRouteIsGuardedByTheGetRoutesGuard() {
        serve(manager(config()).build(), cfg -> {
            cfg.routes.get("/get-only", echoing("id"), JwtGuard.of(Guard.required().fresh(true)));
            cfg.routes.get("/items/{id}", echoing("id"), JwtGuard.required());
            cfg.routes.get("/open", ctx -> ctx.result("open"));
            cfg.routes.get("/own-head", echoing("id"), JwtGuard.required());
            cfg.routes.head("/own-head", ctx -> ctx.status(204));
        });
        var refused = server.head("/get-only").send();
        assertThat(refused.status).as("Javalin would answer 200 without running the GET handler").isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(server.head("/get-only").bearer(access("u")).send().status).as("the GET guard is fresh").isEqualTo(401);
        assertThat(server.head("/get-only").bearer(freshAccess("u")).send().status).isEqualTo(200);
        assertThat(server.head("/items/42").send().status).as("path parameters").isEqualTo(401);
        assertThat(server.head("/items/42").bearer(access("u")).send().status).isEqualTo(200);
        assertThat(server.head("/open").send().status).isEqualTo(200);
        assertThat(server.head("/own-head").send().status).as("an explicit HEAD route keeps its own (no) guard").isEqualTo(204);
    }

    @Test
    void headUnderAContextPath() {
        serve(manager(config()).build(), cfg -> {
            cfg.router.contextPath = "/api";
            cfg.routes.get("/p", echoing("id"), JwtGuard.required());
        });
        assertThat(server.head("/api/p").send().status).isEqualTo(401);
        assertThat(server.head("/api/p").bearer(access("u")).send().status).isEqualTo(200);
        assertThat(server.get("/api/p").bearer(access("u")).send().body).isEqualTo("{\"id\":\"u\"}");
    }

    @Test
    void routeLocationsOverrideTheConfiguredOnes() {
        serve(manager(config()).build(), cfg -> {
            cfg.routes.get("/q", echoing("id", "loc"), JwtGuard.of(Guard.required().locations(TokenLocation.QUERY_STRING)));
            cfg.routes.get("/h", echoing("id", "loc"), JwtGuard.required());
        });
        String token = access("u");
        assertThat(server.get("/q?jwt=" + token).send().body).isEqualTo("{\"id\":\"u\",\"loc\":\"query_string\"}");
        assertError(server.get("/q").bearer(token).send(), 401, "Missing 'jwt' query paramater");
        assertError(server.get("/h?jwt=" + token).send(), 401, "Missing Authorization Header");
    }

    @Test
    void handlerCanVerifyByHandAndTheFailureIsAnsweredByThePlugin() {
        serve(manager(config()).build(), cfg -> cfg.routes.get("/manual", ctx -> {
            String who = JavalinJwt.verify(ctx, Guard.required().fresh(true)).identityAsString();
            ctx.result("hello " + who + " " + JavalinJwt.identity(ctx));
        }));
        assertThat(server.get("/manual").bearer(freshAccess("u")).send().body).isEqualTo("hello u u");
        assertError(server.get("/manual").bearer(access("u")).send(), 401, "Fresh token required");
        assertError(server.get("/manual").send(), 401, "Missing Authorization Header");
    }
}
