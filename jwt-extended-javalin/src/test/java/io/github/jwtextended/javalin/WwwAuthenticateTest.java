package io.github.jwtextended.javalin;

import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 7235 §3.1: every 401 carries a {@code WWW-Authenticate} challenge; other statuses do not need one. */
class WwwAuthenticateTest extends JwtHttpTest {

    @Test
    void every401CarriesABearerChallenge() {
        serve(manager(config()).tokenInBlocklist((h, c) -> "revoked".equals(c.get("sub")))
                .userLookup((h, c) -> "ghost".equals(c.get("sub")) ? null : c.get("sub")).build());
        String expiring = access("u");
        var missing = server.get("/protected").send();
        var notFresh = server.get("/fresh").bearer(access("u")).send();
        var revoked = server.get("/protected").bearer(access("revoked")).send();
        var unknownUser = server.get("/protected").bearer(access("ghost")).send();
        clock.advance(Duration.ofHours(1));
        var expired = server.get("/protected").bearer(expiring).send();
        for (var r : new TestServer.Response[]{missing, notFresh, revoked, unknownUser, expired}) {
            assertThat(r.status).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).as("challenge on %s", r).isEqualTo("Bearer");
        }
    }

    @Test
    void invalidTokensAndBadRequestsHaveNoChallengeInTheFlaskStyle() {
        serve(config());
        var invalid = server.get("/protected").header("Authorization", "Bearer x.y").send();
        assertThat(invalid.status).isEqualTo(422);
        assertThat(invalid.header("WWW-Authenticate")).isNull();
        var ambiguous = server.get("/protected").bearer("a").bearer("b").send();
        assertThat(ambiguous.status).isEqualTo(400);
        assertThat(ambiguous.header("WWW-Authenticate")).isNull();
    }

    @Test
    void aCustom401GetsTheChallengeItForgot() {
        serve(manager(config()).errorHandler(ErrorKind.UNAUTHORIZED, e -> ErrorResponse.message(401, "msg", "log in first"))
                .errorHandler(ErrorKind.INVALID_TOKEN, e -> ErrorResponse.message(401, "msg", "bad token")
                        .withHeader("www-authenticate", "Bearer realm=\"api\"")).build());
        var missing = server.get("/protected").send();
        assertThat(missing.body).isEqualTo("{\"msg\":\"log in first\"}");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        var invalid = server.get("/protected").header("Authorization", "Bearer x.y").send();
        assertThat(invalid.headers.allValues("WWW-Authenticate")).as("its own challenge is kept").containsExactly("Bearer realm=\"api\"");
    }

    @Test
    void successHasNoChallenge() {
        serve(config());
        assertThat(server.get("/protected").bearer(access("u")).send().header("WWW-Authenticate")).isNull();
    }
}
