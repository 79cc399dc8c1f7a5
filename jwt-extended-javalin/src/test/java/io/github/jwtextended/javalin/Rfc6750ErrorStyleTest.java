package io.github.jwtextended.javalin;

import io.github.jwtextended.error.ErrorStyle;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The RFC 6750 §3.1 error style: invalid tokens are 401 with error codes in the challenge; bodies keep their shape. */
class Rfc6750ErrorStyleTest extends JwtHttpTest {

    @Test
    void challengesCarryTheErrorCode() {
        serve(manager(config().errors(e -> e.withStyle(ErrorStyle.RFC6750))).tokenInBlocklist((h, c) -> "revoked".equals(c.get("sub")))
                .userLookup((h, c) -> "ghost".equals(c.get("sub")) ? null : c.get("sub"))
                .claimsVerifier((h, c) -> !"refused".equals(c.get("sub"))).build());

        var missing = server.get("/protected").send();
        assertError(missing, 401, "Missing Authorization Header");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");

        var invalid = server.get("/protected").header("Authorization", "Bearer x.y").send();
        assertError(invalid, 401, "Not enough segments");
        assertThat(invalid.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        var wrongType = server.get("/protected").bearer(refresh("u")).send();
        assertError(wrongType, 401, "Only non-refresh tokens are allowed");
        assertThat(wrongType.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        var revoked = server.get("/protected").bearer(access("revoked")).send();
        assertError(revoked, 401, "Token has been revoked");
        assertThat(revoked.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        var ghost = server.get("/protected").bearer(access("ghost")).send();
        assertError(ghost, 401, "Error loading the user ghost");
        assertThat(ghost.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");

        var notFresh = server.get("/fresh").bearer(access("u")).send();
        assertError(notFresh, 401, "Fresh token required");
        assertThat(notFresh.header("WWW-Authenticate")).isEqualTo("Bearer error=\"insufficient_scope\"");

        var ambiguous = server.get("/protected").bearer("a").bearer("b").send();
        assertError(ambiguous, 400, "Multiple Authorization headers");
        assertThat(ambiguous.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_request\"");

        var refused = server.get("/protected").bearer(access("refused")).send();
        assertError(refused, 400, "User claims verification failed");

        String token = access("u");
        clock.advance(Duration.ofHours(1));
        var expired = server.get("/protected").bearer(token).send();
        assertError(expired, 401, "Token has expired", token);
        assertThat(expired.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
    }
}
