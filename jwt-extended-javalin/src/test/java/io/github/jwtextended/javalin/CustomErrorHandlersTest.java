package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.github.jwtextended.javalin.ErrorAssertions.assertKeyedError;
import static org.assertj.core.api.Assertions.assertThat;

/** Replacing the answer for one kind of failure (the reference's {@code *_loader} error callbacks). */
class CustomErrorHandlersTest extends JwtHttpTest {

    /** A manager under which each kind of failure can be provoked, every kind answered by {@code handlerFor}. */
    private JwtManager.Builder provoking() {
        return manager(config())
                .tokenInBlocklist((h, c) -> "revoked".equals(c.get("sub")))
                .claimsVerifier((h, c) -> !"refused".equals(c.get("sub")))
                .userLookup((h, c) -> "ghost".equals(c.get("sub")) ? null : c.get("sub"))
                .revocationStore(new RevocationStore() {
                    @Override
                    public void revoke(String jti, Instant until) {
                    }

                    @Override
                    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
                    }

                    @Override
                    public boolean isRevoked(RevocationCheck check) {
                        if ("store-down".equals(check.jti())) {
                            throw new IllegalStateException("down");
                        }
                        return false;
                    }
                });
    }

    private TestServer.Response provoke(ErrorKind kind) {
        switch (kind) {
            case UNAUTHORIZED: return server.get("/protected").send();
            case INVALID_TOKEN: return server.get("/protected").header("Authorization", "Bearer x.y").send();
            case EXPIRED_TOKEN: return server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"exp\":" + (clock.instant().getEpochSecond() - 1) + "}")).send();
            case NEEDS_FRESH_TOKEN: return server.get("/fresh").bearer(access("u")).send();
            case REVOKED_TOKEN: return server.get("/protected").bearer(access("revoked")).send();
            case USER_LOOKUP_FAILED: return server.get("/protected").bearer(access("ghost")).send();
            case VERIFICATION_FAILED: return server.get("/protected").bearer(access("refused")).send();
            case BAD_REQUEST: return server.get("/protected").bearer("a").bearer("b").send();
            case STORE_UNAVAILABLE: return server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"jti\":\"store-down\"}")).send();
            default: throw new IllegalArgumentException(kind.name());
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void eachKindCanBeAnsweredDifferently(ErrorKind kind) {
        serve(provoking().errorHandler(kind, e -> new ErrorResponse(418, Map.of("X-Kind", e.kind().name()),
                Map.of("code", kind.name().toLowerCase(), "detail", e.getMessage()))).build());
        var r = provoke(kind);
        assertThat(r.status).isEqualTo(418);
        assertThat(r.header("X-Kind")).isEqualTo(kind.name());
        assertThat(r.contentType()).startsWith("application/json");
        assertThat(r.body).contains("\"code\":\"" + kind.name().toLowerCase() + "\"");
        for (ErrorKind other : ErrorKind.values()) {
            if (other != kind) {
                assertThat(provoke(other).status).as("%s keeps its default", other).isEqualTo(other.defaultStatus());
            }
        }
    }

    @Test
    void theExpiredHandlerSeesTheExpiredTokensClaims() {
        serve(manager(config()).errorHandler(ErrorKind.EXPIRED_TOKEN, e -> ErrorResponse.message(401, "msg",
                "expired for " + e.claims().get("sub") + " (" + e.claims().get("type") + ")")).build());
        String token = access("alice");
        clock.advance(Duration.ofHours(1));
        assertThat(server.get("/protected").bearer(token).send().body).isEqualTo("{\"msg\":\"expired for alice (access)\"}");
    }

    @Test
    void invalidTokensCanBeAnswered401LikeManyClientsExpect() {
        serve(manager(config()).errorHandler(ErrorKind.INVALID_TOKEN,
                e -> ErrorResponse.message(401, "msg", e.getMessage()).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")).build());
        var r = server.get("/protected").header("Authorization", "Bearer x.y").send();
        ErrorAssertions.assertError(r, 401, "Not enough segments");
        assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }

    @Test
    void aBodyThatCannotBeWrittenFallsBackToTheMessageUnderTheConfiguredKey() {
        serve(manager(config().errors(e -> e.withMessageKey("error"))).errorHandler(ErrorKind.INVALID_TOKEN,
                e -> new ErrorResponse(422, Map.of(), Map.of("detail", new Object()))).build());
        assertKeyedError(server.get("/protected").header("Authorization", "Bearer x.y").send(), 422, "error", "Not enough segments");
    }

    @Test
    void aHandlerThatFailsFallsBackToTheDefaultAnswer() {
        serve(manager(config().errors(e -> e.withMessageKey("error"))).errorHandler(ErrorKind.UNAUTHORIZED, e -> {
            throw new IllegalStateException("handler bug");
        }).errorHandler(ErrorKind.INVALID_TOKEN, e -> null).build());
        var missing = server.get("/protected").send();
        assertKeyedError(missing, 401, "error", "Missing Authorization Header");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertKeyedError(server.get("/protected").header("Authorization", "Bearer x.y").send(), 422, "error", "Not enough segments");
    }
}
