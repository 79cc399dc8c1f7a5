package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.javalin.ErrorAssertions.assertKeyedError;

/** {@code JWT_ERROR_MESSAGE_KEY}: every default answer uses the configured key. */
class ErrorMessageKeyTest extends JwtHttpTest {

    @Test
    void everyKindOfFailureUsesTheKey() {
        serve(manager(config().errors(e -> e.withMessageKey("error")).tokenLocations(TokenLocation.HEADERS, TokenLocation.QUERY_STRING))
                .tokenInBlocklist((h, c) -> "revoked".equals(c.get("sub")))
                .claimsVerifier((h, c) -> !"refused".equals(c.get("sub")))
                .userLookup((h, c) -> "ghost".equals(c.get("sub")) ? null : c.get("sub"))
                .build());
        assertKeyedError(server.get("/protected").send(), 401, "error",
                "Missing JWT in headers or query_string (Missing Authorization Header; Missing 'jwt' query paramater)");
        assertKeyedError(server.get("/protected").header("Authorization", "Bearer x.y").send(), 422, "error", "Not enough segments");
        assertKeyedError(server.get("/fresh").bearer(access("u")).send(), 401, "error", "Fresh token required");
        assertKeyedError(server.get("/protected").bearer(access("revoked")).send(), 401, "error", "Token has been revoked");
        assertKeyedError(server.get("/protected").bearer(access("refused")).send(), 400, "error", "User claims verification failed");
        assertKeyedError(server.get("/protected").bearer(access("ghost")).send(), 401, "error", "Error loading the user ghost");
        assertKeyedError(server.get("/protected?jwt=a&jwt=b").send(), 400, "error", "Multiple 'jwt' query parameters");
        String token = access("u");
        clock.advance(Duration.ofHours(1));
        assertKeyedError(server.get("/protected").bearer(token).send(), 401, "error", "Token has expired", token);
    }
}
