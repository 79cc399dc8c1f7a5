package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_32;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Java builder: flask-jwt-extended's defaults, every refusal (a bad value where it is set, a
 * bad combination at {@code build()}), each naming the setting by its Java name and never quoting
 * a secret, and immutability.
 */
class JwtConfigTest {

    private static JwtConfig.Builder valid() {
        return JwtConfig.builder().keys(k -> k.withSecret(SECRET_64));
    }

    /** Refused, where set or at build, with exactly {@code message}. */
    private static void refused(UnaryOperator<JwtConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_64).doesNotContain(SECRET_32));
    }

    /** A built configuration holds the defaults of before (the allow-list completed with the signing algorithm). */
    @Test
    void defaultsAreFlaskJwtExtendedDefaults() {
        JwtConfig c = valid().build();
        java.util.Map<String, String> expected = SettingsTest.defaultsBefore();
        expected.put("JWT_SECRET_KEY", "(secret)");
        expected.put("JWT_DECODE_ALGORITHMS", "HS256");
        for (Setting s : Settings.all()) {
            assertThat(s.textIn(c)).as(s.toString()).isEqualTo(expected.get(s.flaskKey()));
        }
        assertThat(c.access().expires()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.csrf().methods()).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(c.errors().style()).isEqualTo(ErrorStyle.FLASK);
    }

    @Test
    void theKindOfATokenChoosesItsGroup() {
        JwtConfig c = valid().build();
        assertThat(c.kind(false)).isSameAs(c.access());
        assertThat(c.kind(true)).isSameAs(c.refresh());
    }

    @Test
    void missingSecretIsRefusedNamingIt() {
        assertThatThrownBy(() -> JwtConfig.builder().build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("keys.secret must be set when using symmetric algorithm \"HS256\"")
                .satisfies(e -> assertThat(((InvalidSettingException) e).settings()).containsExactly("keys.secret"));
        assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withSecret(new byte[0])).build())
                .hasMessageContaining("keys.secret must be set");
    }

    @ParameterizedTest
    @CsvSource({"HS256,32", "HS384,48", "HS512,64"})
    void hmacSecretMustBeAsLongAsTheHashOutput(JwsAlgorithm alg, int minBytes) {
        byte[] shortKey = new byte[minBytes - 1];
        Arrays.fill(shortKey, (byte) 'k');
        assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withSecret(shortKey)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("keys.secret is " + (minBytes - 1) + " bytes; " + alg + " needs at least " + minBytes + " bytes");
        byte[] enough = new byte[minBytes];
        Arrays.fill(enough, (byte) 'k');
        assertThat(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withSecret(enough)).build().keys().algorithm()).isEqualTo(alg);
    }

    @Test
    void everyDecodeAlgorithmNeedsALongEnoughSecret() {
        assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withSecret(SECRET_32)).decode(d -> d.withAlgorithms(JwsAlgorithm.HS512)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("HS512")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_32));
    }

    @Test
    void emptyAlgorithmListIsRefused() {
        refused(b -> b.decode(d -> d.withAlgorithms(List.of())), "decode.algorithms must name at least one algorithm");
        refused(b -> b.decode(d -> d.withAlgorithms(Arrays.asList(JwsAlgorithm.HS256, null))), "decode.algorithms cannot contain null");
    }

    @Test
    void decodeAlgorithmsAlwaysContainTheSigningAlgorithm() {
        JwtConfig c = valid().keys(k -> k.withAlgorithm(JwsAlgorithm.HS512)).decode(d -> d.withAlgorithms(JwsAlgorithm.HS256)).build();
        assertThat(c.decode().algorithms()).containsExactly(JwsAlgorithm.HS256, JwsAlgorithm.HS512);
        // The order the groups are set in does not matter: the allow-list is completed at build.
        JwtConfig d = valid().decode(x -> x.withAlgorithms(JwsAlgorithm.HS256)).keys(k -> k.withAlgorithm(JwsAlgorithm.HS512)).build();
        assertThat(d.decode().algorithms()).containsExactly(JwsAlgorithm.HS256, JwsAlgorithm.HS512);
        assertThat(valid().keys(k -> k.withAlgorithm(JwsAlgorithm.HS384)).build().decode().algorithms()).containsExactly(JwsAlgorithm.HS384);
    }

    @Test
    void hmacAndPublicKeyAlgorithmsDoNotMix() {
        refused(b -> b.decode(d -> d.withAlgorithms(JwsAlgorithm.HS256, JwsAlgorithm.RS256)),
                "keys.algorithm and decode.algorithms cannot mix HMAC (HS*) with public-key algorithms (RS/PS/ES/EdDSA): "
                        + "a server that accepts both can be fooled into using a public key as an HMAC secret");
    }

    @Test
    void leewayBounds() {
        String message = "decode.leeway must be between 0 and 300 seconds";
        refused(b -> b.decode(d -> d.withLeeway(Duration.ofSeconds(-1))), message);
        refused(b -> b.decode(d -> d.withLeeway(Duration.ofMillis(-1))), message);
        refused(b -> b.decode(d -> d.withLeeway(Duration.ofSeconds(301))), message);
        refused(b -> b.decode(d -> d.withLeeway(Duration.ofMillis(300_001))), message);
        assertThat(valid().decode(d -> d.withLeeway(Duration.ZERO)).build().decode().leeway()).isZero();
        assertThat(valid().decode(d -> d.withLeeway(Duration.ofSeconds(300))).build().decode().leeway()).hasSeconds(300);
    }

    @Test
    void emptyLocationListIsRefused() {
        refused(b -> b.tokenLocations(List.of()),
                "tokenLocations must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
        refused(b -> b.tokenLocations(Arrays.asList(TokenLocation.HEADERS, null)),
                "tokenLocations can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
    }

    @Test
    void sameSiteIsTitleCasedOrRefused() {
        assertThat(valid().cookies(c -> c.withSameSite("lax")).build().cookies().sameSite()).isEqualTo("Lax");
        assertThat(valid().cookies(c -> c.withSameSite("STRICT")).build().cookies().sameSite()).isEqualTo("Strict");
        assertThat(valid().cookies(c -> c.withSameSite("none")).build().cookies().sameSite()).isEqualTo("None");
        assertThat(valid().cookies(c -> c.withSameSite(null)).build().cookies().sameSite()).isNull();
        for (String bad : List.of("Relaxed", "", "Lax; Secure")) {
            refused(b -> b.cookies(c -> c.withSameSite(bad)), "cookies.sameSite must be Lax, Strict or None");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a=b", "a,b", "na\u00efve", "a\tb", "a\"b", "(x)"})
    void badCookieNamesAreRefused(String name) {
        refused(b -> b.access(a -> a.withCookieName(name)), "access.cookieName must be a valid cookie name");
        refused(b -> b.refresh(r -> r.withCookieName(name)), "refresh.cookieName must be a valid cookie name");
        refused(b -> b.access(a -> a.withCsrf(c -> c.withCookieName(name))), "access.csrf.cookieName must be a valid cookie name");
        refused(b -> b.refresh(r -> r.withCsrf(c -> c.withCookieName(name))), "refresh.csrf.cookieName must be a valid cookie name");
    }

    @Test
    void cookiePrefixedNamesAreAccepted() {
        JwtConfig c = valid().access(a -> a.withCookieName("__Host-access")).refresh(r -> r.withCookieName("__Host-refresh")).build();
        assertThat(c.access().cookieName()).isEqualTo("__Host-access");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "/a;b", "/a b", "/a\nb"})
    void badCookiePathsAreRefused(String path) {
        refused(b -> b.access(a -> a.withCookiePath(path)), "access.cookiePath must be a path starting with /");
        refused(b -> b.refresh(r -> r.withCsrf(c -> c.withCookiePath(path))), "refresh.csrf.cookiePath must be a path starting with /");
    }

    @Test
    void badDomainAndMethodsAreRefused() {
        refused(b -> b.cookies(c -> c.withDomain("exa mple.test")), "cookies.domain must be a host name");
        refused(b -> b.cookies(c -> c.withDomain("example.test; Secure")), "cookies.domain must be a host name");
        refused(b -> b.cookies(c -> c.withDomain(" ")), "cookies.domain must be a host name");
        refused(b -> b.csrf(c -> c.withMethods("POST", "GET /")), "csrf.methods must be HTTP method names");
        assertThat(valid().csrf(c -> c.withMethods("post", "delete")).build().csrf().methods()).containsExactly("POST", "DELETE");
    }

    @Test
    void emptyNamesAreRefused() {
        refused(b -> b.header(h -> h.withName("")), "header.name cannot be empty");
        refused(b -> b.header(h -> h.withName(null)), "header.name cannot be empty");
        refused(b -> b.header(h -> h.withType(null)), "header.type cannot be null");
        refused(b -> b.errors(e -> e.withMessageKey("")), "errors.messageKey cannot be empty");
        refused(b -> b.claims(c -> c.withIdentity(" ")), "claims.identity cannot be empty");
        refused(b -> b.query(q -> q.withName("")), "query.name cannot be empty");
        refused(b -> b.access(a -> a.withJsonKey("")), "access.jsonKey cannot be empty");
        refused(b -> b.refresh(r -> r.withJsonKey("")), "refresh.jsonKey cannot be empty");
        refused(b -> b.access(a -> a.withCsrf(c -> c.withHeaderName(""))), "access.csrf.headerName cannot be empty");
        refused(b -> b.refresh(r -> r.withCsrf(c -> c.withFieldName(""))), "refresh.csrf.fieldName cannot be empty");
        assertThat(valid().header(h -> h.withType("")).build().header().type()).isEmpty();
    }

    @Test
    void lifetimesMustBePositiveUnlessExplicitlyNever() {
        refused(b -> b.access(a -> a.withExpires(Duration.ZERO)), "access.expires must be a positive duration (or explicitly 'never')");
        refused(b -> b.refresh(r -> r.withExpires(Duration.ofSeconds(-5))), "refresh.expires must be a positive duration (or explicitly 'never')");
        JwtConfig c = valid().access(a -> a.withExpires(null)).refresh(r -> r.withExpires(null)).build();
        assertThat(c.access().expires()).isNull();
        assertThat(c.refresh().expires()).isNull();
    }

    @Test
    void limitsHaveFloors() {
        refused(b -> b.limits(l -> l.withMaxTokenLength(255)), "limits.maxTokenLength must be at least 256 characters");
        refused(b -> b.limits(l -> l.withMaxJsonBodyLength(10)), "limits.maxJsonBodyLength must be at least 256 bytes");
    }

    @Test
    void nullAudienceOrIssuerEntriesAreRefused() {
        refused(b -> b.encode(e -> e.withAudience(Arrays.asList("a", null))), "encode.audience cannot contain null");
        refused(b -> b.decode(d -> d.withIssuer(Arrays.asList((String) null))), "decode.issuer cannot contain null");
        refused(b -> b.decode(d -> d.withAudience("a", null)), "decode.audience cannot contain null");
    }

    /** What can be told of the keys without reading them is refused at build; the keys themselves when the manager reads them. */
    @Test
    void keySourcesThatCannotWorkAreRefusedAtBuild() {
        String pem = "-----BEGIN PUBLIC KEY-----\nnot read here\n-----END PUBLIC KEY-----\n";
        refused(b -> b.keys(k -> k.withPem(p -> p.withPublicKey(pem))),
                "keys.pem.privateKey and keys.pem.publicKey need a public-key keys.algorithm (RS256, PS256, ES256, EdDSA, ...); "
                        + "HS256 uses keys.secret");
        URI http = URI.create("http://issuer.example/jwks.json");
        URI https = URI.create("https://issuer.example/jwks.json");
        refused(b -> b.keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(http))),
                "keys.remote.url must be an https URL (plain http only on a loopback address)");
        refused(b -> b.keys(k -> k.withRemote(r -> r.withUrl(https))), "keys.remote.url needs a public-key keys.algorithm (RS256, ES256, EdDSA, ...)");
        refused(b -> b.keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(https).withReadTimeout(Duration.ZERO))),
                "keys.remote.cacheTtl, keys.remote.refetchInterval, keys.remote.connectTimeout, keys.remote.readTimeout and keys.remote.maxStaleness must be positive");
        refused(b -> b.keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(https).withMaxStaleness(Duration.ofMinutes(4)))),
                "keys.remote.maxStaleness must be at least keys.remote.cacheTtl");
        refused(b -> b.keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(https)).withPem(p -> p.withPublicKey(pem))),
                "keys.remote.url cannot be combined with local keys: a service that verifies with a remote JWKS only verifies");
        // A PEM key is not read by the configuration: a file that does not exist is the manager's to refuse.
        JwtConfig c = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)
                .withPem(p -> p.withPublicKeyFile(java.nio.file.Path.of("/nonexistent/key.pem")))).build();
        assertThat(c.keys().pem().publicKeyFile()).hasToString("/nonexistent/key.pem");
        assertThat(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(URI.create("http://127.0.0.1:8080/jwks"))))
                .build().keys().remote().url()).hasPort(8080);
    }

    /** A refusal names the setting by the loader's names: the same problem, given as JWT_*, names the flask key. */
    @Test
    void refusalsNameTheSettingTheWayItWasGiven() {
        assertThatThrownBy(() -> JwtConfig.builder().access(a -> a.withCsrf(c -> c.withCookieName("a b"))))
                .hasMessage("access.csrf.cookieName must be a valid cookie name");
        assertThatThrownBy(() -> FlaskConfig.load(java.util.Map.of("JWT_ACCESS_CSRF_COOKIE_NAME", "a b")))
                .hasMessage("JWT_ACCESS_CSRF_COOKIE_NAME must be a valid cookie name");
        assertThatThrownBy(() -> FlaskConfig.load(java.util.Map.of("JWT_ACCESS_CSRF_COOKIE_NAME", "a b"), SettingNames.properties("jwt")))
                .hasMessage("jwt.access-csrf-cookie-name must be a valid cookie name");
        assertThatThrownBy(() -> FlaskConfig.load(java.util.Map.of()).build())
                .hasMessage("JWT_SECRET_KEY must be set when using symmetric algorithm \"HS256\"");
    }

    @Test
    void secretIsCopiedInAndOutAndNeverShown() {
        byte[] key = SECRET_64.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JwtConfig c = JwtConfig.builder().keys(k -> k.withSecret(key)).build();
        key[0] = 'X';
        byte[] out = c.keys().secret();
        assertThat(out[0]).isEqualTo((byte) 'f');
        out[1] = 'Y';
        assertThat(c.keys().secret()[1]).isEqualTo((byte) 'a');
        String pemText = "-----BEGIN PRIVATE KEY-----\nMIIfake\n-----END PRIVATE KEY-----\n";
        String jwks = "{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}]}";
        String shown = KeySource.DEFAULTS.withSecret(SECRET_64).withPem(p -> p.withPrivateKey(pemText)).withJwks(j -> j.withJson(jwks)).toString();
        assertThat(shown).doesNotContain(SECRET_64).doesNotContain("MIIfake").doesNotContain("c2VjcmV0").contains("secret set");
        assertThat(c.toString()).doesNotContain(SECRET_64).doesNotContain("fake-test-secret");
    }

    @Test
    void toBuilderRoundTrips() {
        JwtConfig c = valid().tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS).decode(x -> x.withLeeway(Duration.ofSeconds(7)).withAudience("a"))
                .cookies(x -> x.withSameSite("Strict")).build();
        JwtConfig d = c.toBuilder().build();
        assertThat(d).isEqualTo(c);
        assertThat(d.tokenLocations()).containsExactly(TokenLocation.COOKIES, TokenLocation.HEADERS);
        assertThat(d.decode().leeway()).hasSeconds(7);
        assertThat(d.cookies().sameSite()).isEqualTo("Strict");
        assertThat(d.decode().audience()).containsExactly("a");
        assertThat(d.keys().secret()).isEqualTo(c.keys().secret());
        assertThat(c.toBuilder().cookies(x -> x.withSecure(true)).build().cookies().secure()).isTrue();
        assertThat(c.cookies().secure()).as("the original is unchanged").isFalse();
    }

    @Test
    void collectionsAreImmutableCopies() {
        List<String> audience = new java.util.ArrayList<>(List.of("a"));
        JwtConfig c = valid().encode(e -> e.withAudience(audience)).build();
        audience.add("b");
        assertThat(c.encode().audience()).containsExactly("a");
        assertThatThrownBy(() -> c.encode().audience().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.csrf().methods().add("GET")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.decode().algorithms().add(JwsAlgorithm.HS512)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.tokenLocations().add(TokenLocation.JSON)).isInstanceOf(UnsupportedOperationException.class);
    }
}
