package io.github.jwtextended.javalin;

import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code additional_claims_loader} / {@code additional_headers_loader} and per-call additions, as a
 * protected route sees them; reserved claims and headers are refused at creation (deviation: the
 * reference lets them overwrite {@code type}, {@code sub}, {@code exp}...).
 */
class AdditionalClaimsAndHeadersTest extends JwtHttpTest {

    private void serveWithHeaderRoute(io.github.jwtextended.JwtManager manager) {
        serve(manager, cfg -> {
            standardRoutes(cfg);
            cfg.routes.get("/header", ctx -> ctx.json(new TreeMap<>(JavalinJwt.jwt(ctx).header())), JwtGuard.required());
        });
    }

    @Test
    void loadedClaimsReachTheRouteAndPerCallClaimsWin() {
        serve(manager(config()).additionalClaims(identity -> Map.of("role", "admin", "team", "t-" + identity)).build());
        var loaded = server.get("/claims").bearer(access("u")).send();
        assertThat(loaded.body).contains("\"role\":\"admin\"").contains("\"team\":\"t-u\"");
        String overridden = jwt().createAccessToken("u", TokenOptions.defaults().withClaim("role", "user"));
        assertThat(server.get("/claims").bearer(overridden).send().body).contains("\"role\":\"user\"").contains("\"team\":\"t-u\"");
        assertThat(server.post("/refresh").bearer(refresh("u")).send().status).as("refresh tokens get them too").isEqualTo(200);
        assertThat(jwt().decodeToken(refresh("u")).claim("role")).isEqualTo("admin");
    }

    @Test
    void loadedHeadersReachTheRouteAndPerCallHeadersWin() {
        serveWithHeaderRoute(manager(config()).additionalHeaders(identity -> Map.of("kid", "k1", "x-tenant", "acme")).build());
        assertThat(server.get("/header").bearer(access("u")).send().body)
                .isEqualTo("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\",\"x-tenant\":\"acme\"}");
        String overridden = jwt().createAccessToken("u", TokenOptions.defaults().withHeaders(Map.of("x-tenant", "other")));
        assertThat(server.get("/header").bearer(overridden).send().body).contains("\"x-tenant\":\"other\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"type", "sub", "exp", "iat", "nbf", "jti", "fresh", "csrf"})
    void reservedClaimsAreRefusedAtCreation(String claim) {
        serve(config());
        assertThatThrownBy(() -> jwt().createAccessToken("u", TokenOptions.defaults().withClaim(claim, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(claim);
        serve(manager(config()).additionalClaims(identity -> Map.of(claim, "x")).build());
        assertThatThrownBy(() -> access("u")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> refresh("u")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void audAndIssAreReservedOnlyWhenTheyAreConfigured() {
        serve(config());
        String free = jwt().createAccessToken("u", TokenOptions.defaults().withClaims(Map.of("aud", "a", "iss", "i")));
        assertThat(server.get("/claims").bearer(free).send().body).contains("\"aud\":\"a\"").contains("\"iss\":\"i\"");
        serve(config().encode(e -> e.withAudience("a").withIssuer("i")));
        assertThatThrownBy(() -> jwt().createAccessToken("u", TokenOptions.defaults().withClaim("aud", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwt().createAccessToken("u", TokenOptions.defaults().withClaim("iss", "j")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alg", "crit", "jwk", "jku", "x5u", "x5c", "b64", "zip", "enc"})
    void securityRelevantHeadersAreRefused(String header) {
        serve(config());
        assertThatThrownBy(() -> jwt().createAccessToken("u", TokenOptions.defaults().withHeaders(Map.of(header, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(header);
        serve(manager(config()).additionalHeaders(identity -> Map.of(header, "x")).build());
        assertThatThrownBy(() -> access("u")).isInstanceOf(IllegalArgumentException.class);
    }
}
