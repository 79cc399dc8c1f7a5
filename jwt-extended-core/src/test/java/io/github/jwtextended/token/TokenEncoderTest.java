package io.github.jwtextended.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.StaticKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static io.github.jwtextended.fixtures.TestKeys.NOW_S;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    private static JwtManager manager() {
        return manager(b -> b);
    }

    private static JwtManager manager(UnaryOperator<JwtConfig.Builder> cfg) {
        return JwtManager.builder(cfg.apply(config()).build()).clock(fixedClock()).build();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> claims(String token) throws Exception {
        return JSON.readValue(Forge.segment(token, 1), LinkedHashMap.class);
    }

    @Test
    void headerIsExactlyThePyJwtOne() {
        String token = manager().createAccessToken("alice");
        assertThat(Forge.segment(token, 0)).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(token).startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
    }

    @Test
    void signatureIsTheHmacOfTheSigningInput() {
        String token = manager().createAccessToken("alice");
        String[] p = token.split("\\.");
        assertThat(p[2]).isEqualTo(Forge.b64(Forge.mac("HS256", bytes(SECRET_64), p[0] + "." + p[1])));
    }

    @Test
    void accessClaimsInReferenceOrderWithDefaults() throws Exception {
        String token = manager().createAccessToken("alice");
        Map<String, Object> c = claims(token);
        assertThat(c.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "exp");
        assertThat(c.get("fresh")).isEqualTo(false);
        assertThat(((Number) c.get("iat")).longValue()).isEqualTo(NOW_S);
        assertThat((String) c.get("jti")).matches(UUID_RE);
        assertThat(c.get("type")).isEqualTo("access");
        assertThat(c.get("sub")).isEqualTo("alice");
        assertThat(((Number) c.get("nbf")).longValue()).isEqualTo(NOW_S);
        assertThat((String) c.get("csrf")).matches(UUID_RE);
        assertThat(((Number) c.get("exp")).longValue()).isEqualTo(NOW_S + 900);
        String payload = Forge.segment(token, 1);
        assertThat(payload).startsWith("{\"fresh\":false,\"iat\":" + NOW_S + ",\"jti\":\"")
                .endsWith(",\"exp\":" + (NOW_S + 900) + "}")
                .doesNotContain(" ");
    }

    @Test
    void refreshTokenLivesThirtyDaysAndIsNeverFresh() throws Exception {
        Map<String, Object> c = claims(manager().createRefreshToken("alice", TokenOptions.defaults().withFresh(true)));
        assertThat(c.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "exp");
        assertThat(c.get("fresh")).isEqualTo(false);
        assertThat(c.get("type")).isEqualTo("refresh");
        assertThat(((Number) c.get("exp")).longValue()).isEqualTo(NOW_S + 2_592_000);
    }

    @Test
    void audienceAndIssuerComeBeforeExp() throws Exception {
        Map<String, Object> c = claims(manager(b -> b.encode(e -> e.withAudience("aud1").withIssuer("iss1"))).createAccessToken("u"));
        assertThat(c.keySet()).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "aud", "iss", "exp");
        assertThat(c.get("aud")).isEqualTo("aud1");
        assertThat(c.get("iss")).isEqualTo("iss1");
        Map<String, Object> d = claims(manager(b -> b.encode(e -> e.withAudience("a1", "a2"))).createAccessToken("u"));
        assertThat(d.get("aud")).isEqualTo(List.of("a1", "a2"));
    }

    @Test
    void noNbfNoCsrfAndACustomIdentityClaim() throws Exception {
        Map<String, Object> c = claims(manager(b -> b.encode(e -> e.withNbf(false)).csrf(x -> x.withProtect(false)).claims(x -> x.withIdentity("identity")))
                .createAccessToken("u"));
        assertThat(c.keySet()).containsExactly("fresh", "iat", "jti", "type", "identity", "exp");
    }

    @Test
    void freshValues() throws Exception {
        JwtManager m = manager();
        assertThat(claims(m.createAccessToken("u", TokenOptions.defaults().withFresh(true))).get("fresh")).isEqualTo(true);
        assertThat(claims(m.createAccessToken("u", TokenOptions.defaults().withFresh(false))).get("fresh")).isEqualTo(false);

        String until = m.createAccessToken("u", TokenOptions.defaults().withFreshUntil(NOW.plusMillis(1500)));
        assertThat(claims(until).get("fresh")).isInstanceOf(Double.class).isEqualTo(NOW_S + 1.5);
        assertThat(Forge.segment(until, 1)).startsWith("{\"fresh\":" + (NOW_S + 1) + ".5,");

        String forTen = m.createAccessToken("u", TokenOptions.defaults().withFreshFor(Duration.ofMinutes(10)));
        assertThat(claims(forTen).get("fresh")).isInstanceOf(Double.class).isEqualTo((double) (NOW_S + 600));
        // Python writes a float epoch in plain notation: 1800000600.0, never 1.8000006E9.
        assertThat(Forge.segment(forTen, 1)).startsWith("{\"fresh\":" + (NOW_S + 600) + ".0,");
    }

    @Test
    void expiryOptions() throws Exception {
        JwtManager m = manager();
        assertThat(claims(m.createAccessToken("u", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(42)))).get("exp"))
                .isEqualTo((int) (NOW_S + 42));
        assertThat(claims(m.createAccessToken("u", TokenOptions.defaults().withoutExpiry()))).doesNotContainKey("exp");
        assertThat(claims(m.createRefreshToken("u", TokenOptions.defaults().withoutExpiry()))).doesNotContainKey("exp");
        // flask's timedelta(0) silently means "never expires"; here it is refused.
        assertThatThrownBy(() -> TokenOptions.defaults().withExpiresIn(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(claims(manager(b -> b.access(a -> a.withExpires(null))).createAccessToken("u"))).doesNotContainKey("exp");
        assertThat(claims(manager(b -> b.access(a -> a.withExpires(null))).createRefreshToken("u"))).containsKey("exp");
    }

    @Test
    void everyTokenHasItsOwnJtiAndCsrf() throws Exception {
        JwtManager m = manager();
        Map<String, Object> a = claims(m.createAccessToken("u"));
        Map<String, Object> b = claims(m.createAccessToken("u"));
        assertThat(a.get("jti")).isNotEqualTo(b.get("jti"));
        assertThat(a.get("csrf")).isNotEqualTo(b.get("csrf"));
    }

    @Test
    void additionalClaimsFromLoaderAndCallPerCallWins() throws Exception {
        JwtManager m = JwtManager.builder(config().build()).clock(fixedClock())
                .additionalClaims(id -> Map.of("role", "user", "org", "o-" + id))
                .build();
        Map<String, Object> c = claims(m.createAccessToken("u", TokenOptions.defaults().withClaims(Map.of("role", "admin"))
                .withClaim("n", 3)));
        assertThat(c).containsEntry("role", "admin").containsEntry("org", "o-u").containsEntry("n", 3);
        assertThat(List.copyOf(c.keySet()).subList(0, 8)).containsExactly("fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "exp");
    }

    @Test
    void additionalHeadersFromLoaderAndCallAreSortedPerCallWins() {
        JwtManager m = JwtManager.builder(config().build()).clock(fixedClock())
                .additionalHeaders(id -> Map.of("x-tenant", "t1", "x-src", "loader"))
                .build();
        String token = m.createAccessToken("u", TokenOptions.defaults().withHeaders(Map.of("x-src", "call", "cty", "x")));
        assertThat(Forge.segment(token, 0))
                .isEqualTo("{\"alg\":\"HS256\",\"cty\":\"x\",\"typ\":\"JWT\",\"x-src\":\"call\",\"x-tenant\":\"t1\"}");
        assertThat(m.decodeToken(token).header()).containsEntry("x-src", "call");
    }

    @Test
    void signingKeyIdIsWrittenAsKid() {
        JwtConfig cfg = config().build();
        JwtManager m = JwtManager.builder(cfg).clock(fixedClock())
                .keyResolver(StaticKeyResolver.of(JwtKey.hmac(JwsAlgorithm.HS256, bytes(SECRET_64), "k1"))).build();
        String token = m.createAccessToken("u");
        assertThat(Forge.segment(token, 0)).isEqualTo("{\"alg\":\"HS256\",\"kid\":\"k1\",\"typ\":\"JWT\"}");
        assertThatThrownBy(() -> m.createAccessToken("u", TokenOptions.defaults().withHeaders(Map.of("kid", "other"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alg", "crit", "b64", "zip", "enc", "jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256"})
    void forbiddenHeadersAreRefused(String name) {
        JwtManager m = manager();
        assertThatThrownBy(() -> m.createAccessToken("u", TokenOptions.defaults().withHeaders(Map.of(name, "x"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        JwtManager viaLoader = JwtManager.builder(config().build()).additionalHeaders(id -> Map.of(name, "x")).build();
        assertThatThrownBy(() -> viaLoader.createAccessToken("u")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "exp", "fam"})
    void reservedClaimsAreRefused(String name) {
        JwtManager m = manager();
        assertThatThrownBy(() -> m.createAccessToken("u", TokenOptions.defaults().withClaim(name, "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> m.createRefreshToken("u", TokenOptions.defaults().withClaim(name, "x")))
                .isInstanceOf(IllegalArgumentException.class);
        JwtManager viaLoader = JwtManager.builder(config().build()).additionalClaims(id -> Map.of(name, 1)).build();
        assertThatThrownBy(() -> viaLoader.createAccessToken("u")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRotationFamilyIsWrittenOnlyThroughWithFamily() {
        JwtManager m = manager();
        Jwt jwt = m.decodeToken(m.createRefreshToken("u", TokenOptions.defaults().withFamily("f-1")));
        assertThat(jwt.claims()).containsEntry("fam", "f-1");
        assertThat(jwt.family()).isEqualTo("f-1");
        assertThat(m.decodeToken(m.createAccessToken("u")).claims()).doesNotContainKey("fam");
    }

    @Test
    void audAndIssAreReservedOnlyWhenConfigured() throws Exception {
        assertThat(claims(manager().createAccessToken("u", TokenOptions.defaults().withClaim("aud", "x").withClaim("iss", "y"))))
                .containsEntry("aud", "x").containsEntry("iss", "y");
        JwtManager m = manager(b -> b.encode(e -> e.withAudience("a").withIssuer("i")));
        assertThatThrownBy(() -> m.createAccessToken("u", TokenOptions.defaults().withClaim("aud", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.createAccessToken("u", TokenOptions.defaults().withClaim("iss", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        JwtManager custom = manager(b -> b.claims(c -> c.withIdentity("identity")));
        assertThatThrownBy(() -> custom.createAccessToken("u", TokenOptions.defaults().withClaim("identity", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonStringIdentityIsRefusedWhenVerifySub() throws Exception {
        JwtManager m = manager();
        assertThatThrownBy(() -> m.createAccessToken(123)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("string");
        assertThatThrownBy(() -> m.createRefreshToken(Map.of("id", 1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> m.createAccessToken(null)).isInstanceOf(IllegalArgumentException.class);

        JwtManager lenient = manager(b -> b.claims(c -> c.withVerifySub(false)));
        assertThat(claims(lenient.createAccessToken(5)).get("sub")).isEqualTo(5);

        JwtManager converting = JwtManager.builder(config().build()).clock(fixedClock())
                .identityLoader(id -> "user-" + id).build();
        assertThat(claims(converting.createAccessToken(7)).get("sub")).isEqualTo("user-7");
    }

    @Test
    void otherAlgorithmsSignWithTheirHash() {
        for (JwsAlgorithm alg : JwsAlgorithm.values()) {
            if (!alg.isSymmetric()) {
                continue; // public-key algorithms: key/AsymmetricKeysTest
            }
            JwtManager m = manager(b -> b.keys(k -> k.withAlgorithm(alg)));
            String token = m.createAccessToken("u");
            assertThat(Forge.segment(token, 0)).isEqualTo("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            String[] p = token.split("\\.");
            assertThat(p[2]).isEqualTo(Forge.b64(Forge.mac(alg.name(), bytes(SECRET_64), p[0] + "." + p[1])));
            assertThat(m.decodeToken(token).identity()).isEqualTo("u");
        }
    }
}
