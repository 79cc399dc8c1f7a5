package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.JwsAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_32;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtConfigTest {

    private static JwtConfig.Builder valid() {
        return JwtConfig.builder().secretKey(SECRET_64);
    }

    private static void refused(UnaryOperator<JwtConfig.Builder> change, String messagePart) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_64).doesNotContain(SECRET_32));
    }

    @Test
    void defaultsAreFlaskJwtExtendedDefaults() {
        JwtConfig c = valid().build();
        assertThat(c.accessTokenExpires()).isEqualTo(Duration.ofSeconds(900));
        assertThat(c.refreshTokenExpires()).isEqualTo(Duration.ofSeconds(2_592_000));
        assertThat(c.algorithm()).isEqualTo(JwsAlgorithm.HS256);
        assertThat(c.decodeAlgorithms()).containsExactly(JwsAlgorithm.HS256);
        assertThat(c.leeway()).isEqualTo(Duration.ZERO);
        assertThat(c.encodeNbf()).isTrue();
        assertThat(c.errorMessageKey()).isEqualTo("msg");
        assertThat(c.identityClaim()).isEqualTo("sub");
        assertThat(c.verifySub()).isTrue();
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.HEADERS);
        assertThat(c.headerName()).isEqualTo("Authorization");
        assertThat(c.headerType()).isEqualTo("Bearer");
        assertThat(c.queryStringName()).isEqualTo("jwt");
        assertThat(c.queryStringValuePrefix()).isEmpty();
        assertThat(c.jsonKey()).isEqualTo("access_token");
        assertThat(c.refreshJsonKey()).isEqualTo("refresh_token");
        assertThat(c.accessCookieName()).isEqualTo("access_token_cookie");
        assertThat(c.refreshCookieName()).isEqualTo("refresh_token_cookie");
        assertThat(c.accessCookiePath()).isEqualTo("/");
        assertThat(c.refreshCookiePath()).isEqualTo("/");
        assertThat(c.cookieSecure()).isFalse();
        assertThat(c.cookieDomain()).isNull();
        assertThat(c.cookieSameSite()).isNull();
        assertThat(c.sessionCookie()).isTrue();
        assertThat(c.csrfProtect()).isTrue();
        assertThat(c.csrfMethods()).containsExactly("POST", "PUT", "PATCH", "DELETE");
        assertThat(c.csrfInCookies()).isTrue();
        assertThat(c.csrfCheckForm()).isFalse();
        assertThat(c.accessCsrfCookieName()).isEqualTo("csrf_access_token");
        assertThat(c.refreshCsrfCookieName()).isEqualTo("csrf_refresh_token");
        assertThat(c.accessCsrfHeaderName()).isEqualTo("X-CSRF-TOKEN");
        assertThat(c.refreshCsrfHeaderName()).isEqualTo("X-CSRF-TOKEN");
        assertThat(c.accessCsrfFieldName()).isEqualTo("csrf_token");
        assertThat(c.refreshCsrfFieldName()).isEqualTo("csrf_token");
        assertThat(c.decodeAudience()).isNull();
        assertThat(c.decodeIssuer()).isNull();
        assertThat(c.encodeAudience()).isEmpty();
        assertThat(c.encodeIssuer()).isNull();
        assertThat(c.errorStyle()).isEqualTo(ErrorStyle.FLASK);
        assertThat(c.maxTokenLength()).isEqualTo(8192);
    }

    @Test
    void missingSecretIsRefusedWithTheReferenceMessageUnderTheJavaName() {
        assertThatThrownBy(() -> JwtConfig.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("secretKey(...) must be set when using symmetric algorithm \"HS256\"");
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(new byte[0]).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("secretKey(...) must be set");
    }

    @ParameterizedTest
    @CsvSource({"HS256,32", "HS384,48", "HS512,64"})
    void hmacSecretMustBeAsLongAsTheHashOutput(JwsAlgorithm alg, int minBytes) {
        byte[] shortKey = new byte[minBytes - 1];
        java.util.Arrays.fill(shortKey, (byte) 'k');
        assertThatThrownBy(() -> JwtConfig.builder().algorithm(alg).secretKey(shortKey).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(alg.name())
                .hasMessageContaining(String.valueOf(minBytes));
        byte[] enough = new byte[minBytes];
        java.util.Arrays.fill(enough, (byte) 'k');
        assertThat(JwtConfig.builder().algorithm(alg).secretKey(enough).build().algorithm()).isEqualTo(alg);
    }

    @Test
    void everyDecodeAlgorithmNeedsALongEnoughSecret() {
        assertThatThrownBy(() -> JwtConfig.builder().secretKey(SECRET_32).decodeAlgorithms(JwsAlgorithm.HS512).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HS512")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_32));
    }

    @Test
    void emptyAlgorithmListIsRefused() {
        refused(b -> b.decodeAlgorithms(List.of()), "decodeAlgorithms(...)");
    }

    @Test
    void decodeAlgorithmsAlwaysContainTheSigningAlgorithm() {
        JwtConfig c = valid().algorithm(JwsAlgorithm.HS512).decodeAlgorithms(JwsAlgorithm.HS256).build();
        assertThat(c.decodeAlgorithms()).containsExactly(JwsAlgorithm.HS256, JwsAlgorithm.HS512);
    }

    @Test
    void leewayBounds() {
        refused(b -> b.leeway(Duration.ofSeconds(-1)), "leeway(...)");
        refused(b -> b.leeway(Duration.ofMillis(-1)), "leeway(...)");
        refused(b -> b.leeway(Duration.ofSeconds(301)), "leeway(...)");
        refused(b -> b.leeway(Duration.ofMillis(300_001)), "leeway(...)");
        assertThat(valid().leeway(Duration.ZERO).build().leeway()).isZero();
        assertThat(valid().leeway(Duration.ofSeconds(300)).build().leeway()).hasSeconds(300);
    }

    @Test
    void emptyLocationListIsRefused() {
        refused(b -> b.tokenLocations(List.of()), "tokenLocations(...) must contain at least one of");
        refused(b -> b.tokenLocations(java.util.Arrays.asList(TokenLocation.HEADERS, null)), "tokenLocations(...) can only contain");
    }

    @Test
    void sameSiteIsTitleCasedOrRefused() {
        assertThat(valid().cookieSameSite("lax").build().cookieSameSite()).isEqualTo("Lax");
        assertThat(valid().cookieSameSite("STRICT").build().cookieSameSite()).isEqualTo("Strict");
        assertThat(valid().cookieSameSite("none").build().cookieSameSite()).isEqualTo("None");
        assertThat(valid().cookieSameSite(null).build().cookieSameSite()).isNull();
        refused(b -> b.cookieSameSite("Relaxed"), "cookieSameSite(...)");
        refused(b -> b.cookieSameSite(""), "cookieSameSite(...)");
        refused(b -> b.cookieSameSite("Lax; Secure"), "cookieSameSite(...)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a;b", "a=b", "a,b", "na\u00efve", "a\tb", "a\"b", "(x)"})
    void badCookieNamesAreRefused(String name) {
        refused(b -> b.accessCookieName(name), "accessCookieName(...)");
        refused(b -> b.refreshCookieName(name), "refreshCookieName(...)");
        refused(b -> b.accessCsrfCookieName(name), "accessCsrfCookieName(...)");
        refused(b -> b.refreshCsrfCookieName(name), "refreshCsrfCookieName(...)");
    }

    @Test
    void cookiePrefixedNamesAreAccepted() {
        JwtConfig c = valid().accessCookieName("__Host-access").refreshCookieName("__Host-refresh").build();
        assertThat(c.accessCookieName()).isEqualTo("__Host-access");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "api", "/a;b", "/a b", "/a\nb"})
    void badCookiePathsAreRefused(String path) {
        refused(b -> b.accessCookiePath(path), "accessCookiePath(...)");
        refused(b -> b.refreshCsrfCookiePath(path), "refreshCsrfCookiePath(...)");
    }

    @Test
    void badDomainAndMethodsAreRefused() {
        refused(b -> b.cookieDomain("exa mple.test"), "cookieDomain(...)");
        refused(b -> b.cookieDomain("example.test; Secure"), "cookieDomain(...)");
        refused(b -> b.cookieDomain(" "), "cookieDomain(...)");
        refused(b -> b.csrfMethods("POST", "GET /"), "csrfMethods(...)");
        assertThat(valid().csrfMethods("post", "delete").build().csrfMethods()).containsExactly("POST", "DELETE");
    }

    @Test
    void emptyNamesAreRefused() {
        refused(b -> b.headerName(""), "headerName(...) cannot be empty");
        refused(b -> b.headerName(null), "headerName(...)");
        refused(b -> b.headerType(null), "headerType(...)");
        refused(b -> b.errorMessageKey(""), "errorMessageKey(...)");
        refused(b -> b.identityClaim(" "), "identityClaim(...)");
        refused(b -> b.queryStringName(""), "queryStringName(...)");
        refused(b -> b.jsonKey(""), "jsonKey(...)");
        refused(b -> b.refreshJsonKey(""), "refreshJsonKey(...)");
        refused(b -> b.accessCsrfHeaderName(""), "accessCsrfHeaderName(...)");
        refused(b -> b.refreshCsrfFieldName(""), "refreshCsrfFieldName(...)");
        assertThat(valid().headerType("").build().headerType()).isEmpty();
    }

    @Test
    void lifetimesMustBePositiveUnlessExplicitlyNever() {
        refused(b -> b.accessTokenExpires(Duration.ZERO), "accessTokenExpires(...)");
        refused(b -> b.refreshTokenExpires(Duration.ofSeconds(-5)), "refreshTokenExpires(...)");
        JwtConfig c = valid().accessTokensNeverExpire().refreshTokensNeverExpire().build();
        assertThat(c.accessTokenExpires()).isNull();
        assertThat(c.refreshTokenExpires()).isNull();
    }

    @Test
    void limitsHaveFloors() {
        refused(b -> b.maxTokenLength(255), "maxTokenLength");
        refused(b -> b.maxJsonBodyLength(10), "maxJsonBodyLength");
    }

    @Test
    void nullAudienceOrIssuerEntriesAreRefused() {
        refused(b -> b.encodeAudience(java.util.Arrays.asList("a", null)), "cannot contain null");
        refused(b -> b.decodeIssuer(java.util.Arrays.asList((String) null)), "cannot contain null");
    }

    @Test
    void secretIsCopiedInAndOut() {
        byte[] key = SECRET_64.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        JwtConfig c = JwtConfig.builder().secretKey(key).build();
        key[0] = 'X';
        byte[] out = c.secretKey();
        assertThat(out[0]).isEqualTo((byte) 'f');
        out[1] = 'Y';
        assertThat(c.secretKey()[1]).isEqualTo((byte) 'a');
    }

    @Test
    void toBuilderRoundTrips() {
        JwtConfig c = valid().tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS).leeway(Duration.ofSeconds(7))
                .cookieSameSite("Strict").decodeAudience("a").build();
        JwtConfig d = c.toBuilder().build();
        assertThat(d.tokenLocations()).containsExactly(TokenLocation.COOKIES, TokenLocation.HEADERS);
        assertThat(d.leeway()).hasSeconds(7);
        assertThat(d.cookieSameSite()).isEqualTo("Strict");
        assertThat(d.decodeAudience()).containsExactly("a");
        assertThat(d.secretKey()).isEqualTo(c.secretKey());
    }
}
