package io.github.jwtextended.javalin;

import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Registered claims over HTTP: aud/iss on encode and decode, leeway, exp/nbf/iat, nbf off, identity claim, verify_sub. */
class ClaimsTest extends JwtHttpTest {
    private static final String OK = "{\"id\":\"u\",\"loc\":\"headers\"}";

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Test
    void audienceAndIssuerAreWrittenAndChecked() {
        serve(config().encode(e -> e.withAudience("aud1").withIssuer("iss1")).decode(d -> d.withAudience("aud1").withIssuer("iss1")));
        String token = access("u");
        var claims = server.get("/claims").bearer(token).send();
        assertThat(claims.body).contains("\"aud\":\"aud1\"").contains("\"iss\":\"iss1\"");
        assertThat(server.get("/protected").bearer(token).send().body).isEqualTo(OK);
    }

    @Test
    void audienceChecks() {
        serve(config().decode(d -> d.withAudience("aud1", "aud2")));
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\"}")).send(), 422, "Token is missing the \"aud\" claim");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"aud\":\"other\"}")).send(), 422, "Audience doesn't match");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"aud\":5}")).send(), 422, "Invalid claim format in token");
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"aud\":[\"x\",\"aud2\"]}")).send().body).isEqualTo(OK);
    }

    @Test
    void audienceIsNotCheckedWhenNoneIsConfigured() {
        serve(config());
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"aud\":\"anything\"}")).send().body).isEqualTo(OK);
    }

    @Test
    void issuerChecks() {
        serve(config().decode(d -> d.withIssuer("iss1")));
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\"}")).send(), 422, "Token is missing the \"iss\" claim");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"iss\":\"iss2\"}")).send(), 422, "Invalid issuer");
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"iss\":\"iss1\"}")).send().body).isEqualTo(OK);
    }

    @Test
    void accessTokensExpireAfterFifteenMinutes() {
        serve(config());
        String token = access("u");
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(server.get("/protected").bearer(token).send().status).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertError(server.get("/protected").bearer(token).send(), 401, "Token has expired", token);
    }

    @Test
    void refreshTokensExpireAfterThirtyDays() {
        serve(config());
        String token = refresh("u");
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(server.post("/refresh").bearer(token).send().status).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        assertError(server.post("/refresh").bearer(token).send(), 401, "Token has expired", token);
    }

    @Test
    void perTokenLifetimeAndNoExpiry() {
        serve(config());
        String shortLived = jwt().createAccessToken("u", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(10)));
        String forever = jwt().createAccessToken("u", TokenOptions.defaults().withoutExpiry());
        clock.advance(Duration.ofDays(3650));
        assertError(server.get("/protected").bearer(shortLived).send(), 401, "Token has expired", shortLived);
        assertThat(server.get("/protected").bearer(forever).send().status).isEqualTo(200);
    }

    @Test
    void leewayAppliesToExpNbfAndIat() {
        serve(config().decode(d -> d.withLeeway(Duration.ofSeconds(10))));
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"exp\":" + (now() - 5) + "}")).send().body).isEqualTo(OK);
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"exp\":" + (now() - 10) + "}")).send(), 401, "Token has expired");
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"nbf\":" + (now() + 10) + "}")).send().status).isEqualTo(200);
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"nbf\":" + (now() + 11) + "}")).send(), 422,
                "The token is not yet valid (nbf)");
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"iat\":" + (now() + 10) + "}")).send().status).isEqualTo(200);
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"iat\":" + (now() + 11) + "}")).send(), 422,
                "The token is not yet valid (iat)");
    }

    @Test
    void notBeforeBecomesValidWhenTheClockReachesIt() {
        serve(config());
        String token = Forge.hs256("{\"sub\":\"u\",\"nbf\":" + (now() + 60) + "}");
        assertError(server.get("/protected").bearer(token).send(), 422, "The token is not yet valid (nbf)", token);
        clock.advance(Duration.ofSeconds(60));
        assertThat(server.get("/protected").bearer(token).send().body).isEqualTo(OK);
    }

    @Test
    void timeClaimsMustBeNumbers() {
        serve(config());
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"exp\":\"soon\"}")).send(), 422,
                "Expiration Time claim (exp) must be an integer.");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"nbf\":null}")).send(), 422,
                "Not Before claim (nbf) must be an integer.");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"iat\":true}")).send(), 422,
                "Issued At claim (iat) must be an integer.");
    }

    @Test
    void nbfCanBeLeftOut() {
        serve(config().encode(e -> e.withNbf(false)));
        String token = access("u");
        assertThat(server.get("/claims").bearer(token).send().body).doesNotContain("\"nbf\"").contains("\"iat\"");
        assertThat(server.get("/protected").bearer(token).send().body).isEqualTo(OK);
    }

    @Test
    void identityClaimNameIsConfigurable() {
        serve(config().claims(c -> c.withIdentity("identity")));
        String token = access("u");
        assertThat(server.get("/claims").bearer(token).send().body).contains("\"identity\":\"u\"").doesNotContain("\"sub\"");
        assertThat(server.get("/protected").bearer(token).send().body).isEqualTo(OK);
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\"}")).send(), 422, "Missing claim: identity");
    }

    @Test
    void subjectMustBeAStringUnlessVerifySubIsOff() {
        serve(config());
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":5}")).send(), 422, "Subject must be a string");
        serve(config().claims(c -> c.withVerifySub(false)));
        assertThat(server.get("/protected").bearer(Forge.hs256("{\"sub\":5}")).send().body).isEqualTo("{\"id\":5,\"loc\":\"headers\"}");
        assertThat(server.get("/protected").bearer(jwt().createAccessToken(7)).send().body).isEqualTo("{\"id\":7,\"loc\":\"headers\"}");
    }

    @Test
    void missingIdentityAndNonStringJti() {
        serve(config());
        assertError(server.get("/protected").bearer(Forge.hs256("{\"type\":\"access\"}")).send(), 422, "Missing claim: sub");
        assertError(server.get("/protected").bearer(Forge.hs256("{\"sub\":\"u\",\"jti\":1}")).send(), 422, "JWT ID must be a string");
    }
}
