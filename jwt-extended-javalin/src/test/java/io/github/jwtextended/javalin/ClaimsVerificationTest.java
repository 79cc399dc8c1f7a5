package io.github.jwtextended.javalin;

import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.Test;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code token_verification_loader}: application checks on a verified token; a refusal is 400. */
class ClaimsVerificationTest extends JwtHttpTest {
    private static final String FAILED = "User claims verification failed";

    private String withRole(String role) {
        return jwt().createAccessToken("u", TokenOptions.defaults().withClaim("role", role));
    }

    @Test
    void aRefusedTokenIsABadRequest() {
        serve(manager(config()).claimsVerifier((header, claims) -> "admin".equals(claims.get("role"))).build());
        assertThat(server.get("/protected").bearer(withRole("admin")).send().body).isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");
        String user = withRole("user");
        assertError(server.get("/protected").bearer(user).send(), 400, FAILED, user);
        assertThat(server.get("/protected").bearer(user).send().header("WWW-Authenticate")).isNull();
    }

    @Test
    void itRunsAfterRevocationAndBeforeTheUserLookup() {
        serve(manager(config()).claimsVerifier((h, c) -> false).userLookup((h, c) -> null).build());
        String token = access("u");
        assertError(server.get("/protected").bearer(token).send(), 400, FAILED, token);
        serve(manager(config()).claimsVerifier((h, c) -> false).tokenInBlocklist((h, c) -> true).build());
        token = access("u");
        assertError(server.get("/protected").bearer(token).send(), 401, "Token has been revoked", token);
        assertError(server.get("/fresh").bearer(token).send(), 401, "Fresh token required", token);
    }

    @Test
    void itSeesTheHeaderToo() {
        serve(manager(config()).claimsVerifier((header, claims) -> "k1".equals(header.get("kid"))).build());
        String withKid = jwt().createAccessToken("u", TokenOptions.defaults().withHeaders(java.util.Map.of("kid", "k1")));
        assertThat(server.get("/protected").bearer(withKid).send().status).isEqualTo(200);
        assertError(server.get("/protected").bearer(access("u")).send(), 400, FAILED);
    }
}
