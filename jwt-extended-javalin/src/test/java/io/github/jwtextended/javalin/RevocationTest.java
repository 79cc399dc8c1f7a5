package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.fixtures.UnavailableStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Revocation: the store, the {@code token_in_blocklist_loader} callback, and where the check sits in the order. */
class RevocationTest extends JwtHttpTest {
    private static final String REVOKED = "Token has been revoked";

    private void serveWithLogout(JwtManager manager) {
        serve(manager, cfg -> {
            standardRoutes(cfg);
            cfg.routes.delete("/logout", ctx -> {
                JavalinJwt.manager(ctx).revoke(JavalinJwt.jwt(ctx));
                ctx.json(Map.of("msg", "revoked"));
            }, JwtGuard.of(Guard.required().verifyType(false)));
        });
    }

    @Test
    void logoutRevokesThePresentedTokenOnly() {
        serveWithLogout(manager(config()).revocationStore(new InMemoryRevocationStore()).build());
        String a1 = access("u");
        String a2 = access("u");
        String r1 = refresh("u");
        assertThat(server.delete("/logout").bearer(a1).send().status).isEqualTo(200);
        assertError(server.get("/protected").bearer(a1).send(), 401, REVOKED, a1);
        assertError(server.delete("/logout").bearer(a1).send(), 401, REVOKED, a1);
        assertThat(server.get("/protected").bearer(a2).send().status).isEqualTo(200);
        assertThat(server.post("/refresh").bearer(r1).send().status).isEqualTo(200);
        assertThat(server.delete("/logout").bearer(r1).send().status).as("refresh tokens are revoked the same way").isEqualTo(200);
        assertError(server.post("/refresh").bearer(r1).send(), 401, REVOKED, r1);
    }

    @Test
    void revokingAnEncodedToken() {
        serve(manager(config()).revocationStore(new InMemoryRevocationStore()).build());
        String r = refresh("u");
        jwt().revoke(r);
        assertError(server.post("/refresh").bearer(r).send(), 401, REVOKED, r);
    }

    @Test
    void blocklistCallbackSeesBothTypes() {
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        Set<Object> typesSeen = ConcurrentHashMap.newKeySet();
        serve(manager(config()).tokenInBlocklist((header, claims) -> {
            typesSeen.add(claims.get("type"));
            return revoked.contains((String) claims.get("jti"));
        }).build());
        String a = access("u");
        String r = refresh("u");
        assertThat(server.get("/protected").bearer(a).send().status).isEqualTo(200);
        assertThat(server.post("/refresh").bearer(r).send().status).isEqualTo(200);
        assertThat(typesSeen).containsExactlyInAnyOrder("access", "refresh");
        revoked.add(jwt().jti(a));
        assertError(server.get("/protected").bearer(a).send(), 401, REVOKED, a);
        assertThat(server.post("/refresh").bearer(r).send().status).isEqualTo(200);
    }

    @Test
    void orderAgainstTheOtherChecks() {
        serve(manager(config()).tokenInBlocklist((h, c) -> true).build());
        String access = access("u");
        assertError(server.get("/protected").bearer(access).send(), 401, REVOKED, access);
        assertError(server.get("/protected").bearer(refresh("u")).send(), 422, "Only non-refresh tokens are allowed");
        assertError(server.get("/fresh").bearer(access).send(), 401, "Fresh token required", access);
        assertThat(server.get("/skip-revocation").bearer(access).send().body).isEqualTo("{\"id\":\"u\"}");
        assertError(server.get("/optional").bearer(access).send(), 401, REVOKED, access);
        String badSignature = Forge.signed(Forge.HS256_HEADER, "{\"sub\":\"u\"}", "HmacSHA256", OTHER_SECRET);
        assertError(server.get("/protected").bearer(badSignature).send(), 422, "Signature verification failed", badSignature);
        clock.advance(Duration.ofMinutes(16));
        assertError(server.get("/protected").bearer(access).send(), 401, "Token has expired", access);
    }

    @Test
    void anUnavailableStoreFailsClosed() {
        RevocationStore broken = new UnavailableStore(() -> new IllegalStateException("connection refused to redis://10.0.0.1"));
        serveWithLogout(manager(config()).revocationStore(broken).build());
        String token = access("u");
        var r = server.get("/protected").bearer(token).send();
        assertError(r, 503, "Token revocation status is temporarily unavailable", token);
        assertThat(r.body).doesNotContain("redis");
        assertThat(server.get("/skip-revocation").bearer(token).send().status).isEqualTo(200);
    }

    @Test
    void aThrowingBlocklistCallbackFailsClosedToo() {
        serve(manager(config()).tokenInBlocklist((h, c) -> {
            throw new IllegalStateException("db down");
        }).build());
        String token = access("u");
        assertError(server.get("/protected").bearer(token).send(), 503, "Token revocation status is temporarily unavailable", token);
    }
}
