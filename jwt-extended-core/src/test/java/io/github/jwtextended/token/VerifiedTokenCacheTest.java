package io.github.jwtextended.token;

import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.StaticKeyResolver;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static io.github.jwtextended.error.InvalidTokenException.Reason.CLAIM;
import static io.github.jwtextended.error.InvalidTokenException.Reason.SIGNATURE;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verified-token cache changes nothing but speed: every time-dependent and per-request check
 * still runs on a token seen before, a retired key is not trusted from memory, failures are never
 * remembered, and the cache stays bounded under concurrent use.
 */
class VerifiedTokenCacheTest {

    /** A resolver whose one key can be replaced, as a rotation would. */
    static final class SwitchableKeys implements KeyResolver {
        volatile JwtKey key;

        SwitchableKeys(JwtKey key) {
            this.key = key;
        }

        @Override public JwtKey signingKey() { return key; }
        @Override public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
            return key.algorithm() == algorithm ? key : null;
        }
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final JwtManager manager = JwtManager.builder(config().build()).clock(clock).build();

    @Test
    void aTokenSeenBeforeIsStillRefusedOnceExpired() {
        String token = manager.createAccessToken("alice", TokenOptions.defaults().withExpiresIn(Duration.ofMinutes(5)));
        Jwt first = manager.decodeToken(token);
        assertThat(manager.decodeToken(token).claims()).isEqualTo(first.claims()); // remembered from here
        assertThat(manager.decodeToken(token)).isSameAs(manager.decodeToken(token)); // a hit
        clock.set(NOW.plusSeconds(300));
        assertThatThrownBy(() -> manager.decodeToken(token)).isInstanceOf(ExpiredTokenException.class)
                .hasMessage("Token has expired");
        assertThat(manager.decodeToken(token, null, true).identity()).isEqualTo("alice"); // allow_expired still works
        clock.set(NOW.plusSeconds(299));
        assertThat(manager.decodeToken(token).identity()).isEqualTo("alice");
    }

    /** The outcome of a decode: the identity, or the failure's type, message and claims. */
    private static String outcome(Supplier<Jwt> decode) {
        try {
            return "accepted " + decode.get().identity();
        } catch (JwtException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage() + " " + e.claims();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 30})
    void aRememberedTokenPassesAndFailsTheTimeChecksAsAFirstDecodeDoes(int leewaySeconds) {
        JwtConfig c = config().decode(d -> d.withLeeway(Duration.ofSeconds(leewaySeconds))).build();
        KeyResolver keys = StaticKeyResolver.of(JwtKey.hmac(JwsAlgorithm.HS256, bytes(SECRET_64), null));
        TokenDecoder remembering = new TokenDecoder(c, keys, clock);
        TokenDecoder firstSight = new TokenDecoder(c, keys, clock, 0);
        long now = NOW.getEpochSecond();
        List<String> tokens = List.of(
                "{\"sub\":\"u\",\"iat\":" + now + ",\"nbf\":" + now + ",\"exp\":" + (now + 60) + "}",
                "{\"sub\":\"u\",\"nbf\":" + (now - 5) + "}",
                "{\"sub\":\"u\",\"iat\":" + (now - 5) + ".5,\"exp\":" + (now + 20) + ".25}",
                "{\"sub\":\"u\",\"exp\":" + (now + 20) + "}",
                "{\"sub\":\"u\"}").stream().map(claims -> Forge.hs256(bytes(SECRET_64), claims)).toList();
        for (String t : tokens) {
            remembering.decode(t);
            assertThat(remembering.decode(t)).as("remembered from the second decode").isSameAs(remembering.decode(t));
        }
        for (int offset : new int[] {-1000, -36, -31, -30, -29, -6, -5, -4, 0, 19, 20, 21, 49, 50, 51, 59, 60, 61, 89, 90, 91, 5000}) {
            clock.set(NOW.plusSeconds(offset));
            for (String t : tokens) {
                for (boolean allowExpired : new boolean[] {false, true}) {
                    assertThat(outcome(() -> remembering.decode(t, null, allowExpired)))
                            .as("offset %d, allowExpired %s", offset, allowExpired)
                            .isEqualTo(outcome(() -> firstSight.decode(t, null, allowExpired)));
                }
            }
        }
    }

    @Test
    void aTokenSeenBeforeIsRefusedWhenTheClockIsBeforeItsIssueTime() {
        String token = manager.createAccessToken("alice");
        remember(manager, token);
        clock.set(NOW.minusSeconds(10));
        assertThatThrownBy(() -> manager.decodeToken(token)).satisfies(invalidToken(CLAIM, "iat"))
                .hasMessage("The token is not yet valid (iat)");
    }

    @Test
    void theCsrfValueIsComparedOnEveryCall() {
        String token = manager.createAccessToken("alice");
        String csrf = manager.csrfToken(token);
        remember(manager, token);
        assertThat(manager.decodeToken(token, csrf, false).identity()).isEqualTo("alice");
        assertThatThrownBy(() -> manager.decodeToken(token, "not-the-value", false)).isInstanceOf(CsrfException.class)
                .hasMessage("CSRF double submit tokens do not match");
        assertThat(manager.decodeToken(token, csrf, false).identity()).isEqualTo("alice");
    }

    @Test
    void aTokenWhoseKeyWasReplacedIsNotTrustedFromMemory() {
        JwtKey oldKey = JwtKey.hmac(JwsAlgorithm.HS256, bytes(SECRET_64), null);
        SwitchableKeys keys = new SwitchableKeys(oldKey);
        JwtManager m = JwtManager.builder(config().build()).clock(clock).keyResolver(keys).build();
        String token = m.createAccessToken("alice");
        remember(m, token);
        keys.key = JwtKey.hmac(JwsAlgorithm.HS256, bytes("another-fake-secret-0123456789abcdef-another-fake-secret-012345"), null);
        assertThatThrownBy(() -> m.decodeToken(token)).satisfies(invalidToken(SIGNATURE));
        keys.key = oldKey;
        assertThat(m.decodeToken(token).identity()).isEqualTo("alice");
    }

    @Test
    void typeAndRevocationAreCheckedOnEveryRequest() {
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
        JwtManager m = JwtManager.builder(config().build()).clock(clock).revocationStore(store).build();
        String access = m.createAccessToken("alice");
        String refresh = m.createRefreshToken("alice");
        remember(m, access);
        remember(m, refresh);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(access), Guard.required()).identity()).isEqualTo("alice");
        assertThat(m.verifyRequest(FakeRequest.post().bearer(refresh), Guard.required().refresh(true)).identity()).isEqualTo("alice");
        assertThatThrownBy(() -> m.verifyRequest(FakeRequest.get().bearer(refresh), Guard.required()))
                .hasMessage("Only non-refresh tokens are allowed");
        m.revoke(m.decodeToken(access));
        assertThatThrownBy(() -> m.verifyRequest(FakeRequest.get().bearer(access), Guard.required()))
                .isInstanceOf(RevokedTokenException.class);
    }

    @Test
    void theTokenHandedOutCannotBeChangedByOneCallerForTheNext() {
        String token = manager.createAccessToken("alice", TokenOptions.defaults().withClaim("roles", List.of("user")));
        remember(manager, token);
        Jwt jwt = manager.decodeToken(token);
        assertThatThrownBy(() -> jwt.claims().put("sub", "mallory")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) jwt.claim("roles")).add("admin")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> jwt.header().put("alg", "none")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(manager.decodeToken(token).claim("roles")).isEqualTo(List.of("user"));
    }

    /** Two successful decodes: from the second on, the token is remembered. */
    private static void remember(JwtManager m, String token) {
        m.decodeToken(token);
        m.decodeToken(token);
        assertThat(m.decodeToken(token)).as("remembered").isSameAs(m.decodeToken(token));
    }

    @Test
    void aTokenIsRememberedFromItsSecondVerificationOn() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100);
        assertThat(cache.seenBefore("a.b.c")).isFalse();
        assertThat(cache.seenBefore("a.b.c")).isTrue();
        String token = manager.createAccessToken("alice");
        Jwt first = manager.decodeToken(token);
        Jwt second = manager.decodeToken(token);
        assertThat(second).isNotSameAs(first).isSameAs(manager.decodeToken(token));
    }

    /** Keys are hashed by their end only: tokens that share it are still told apart by the whole string. */
    @Test
    void tokensWithTheSameEndAreDifferentEntries() {
        VerifiedTokenCache cache = new VerifiedTokenCache(100);
        String sig = ".0123456789abcdefghij";
        String a = "header.payloadA" + sig;
        String b = "header.payloadB" + sig;
        assertThat(VerifiedTokenCache.tailHash(a)).isEqualTo(VerifiedTokenCache.tailHash(b));
        Jwt ja = manager.decodeToken(manager.createAccessToken("alice"));
        Jwt jb = manager.decodeToken(manager.createAccessToken("bob"));
        cache.put(a, new VerifiedTokenCache.Entry(ja, null, null, new TokenDecoder.Times(Double.NaN, Double.NaN, Double.NaN)));
        assertThat(cache.get(b)).isNull();
        cache.put(b, new VerifiedTokenCache.Entry(jb, null, null, new TokenDecoder.Times(Double.NaN, Double.NaN, Double.NaN)));
        assertThat(cache.get(a).jwt()).isSameAs(ja);
        assertThat(cache.get(b).jwt()).isSameAs(jb);
        assertThat(cache.get(new String(a.toCharArray())).jwt()).as("an equal string, another instance").isSameAs(ja);
        assertThat(cache.get("x")).isNull();
    }

    @Test
    void failuresAreNeverRemembered() {
        String token = manager.createAccessToken("alice");
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BA" : "AA");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> manager.decodeToken(forged)).satisfies(invalidToken(SIGNATURE));
        }
        TokenDecoder decoder = new TokenDecoder(config().build(), manager.keyResolver(), clock, 10);
        clock.set(NOW.plusSeconds(3600));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(ExpiredTokenException.class);
        clock.set(NOW);
        assertThat(decoder.decode(token).identity()).isEqualTo("alice");
    }

    @Test
    void withoutACacheEveryCallVerifiesAfresh() {
        JwtManager m = JwtManager.builder(config().build()).clock(clock).verifiedTokenCacheSize(0).build();
        String token = m.createAccessToken("alice");
        for (int i = 0; i < 3; i++) {
            assertThat(m.decodeToken(token).identity()).isEqualTo("alice");
        }
        assertThat(m.decodeToken(token)).isNotSameAs(m.decodeToken(token));
        assertThatThrownBy(() -> JwtManager.builder(config().build()).verifiedTokenCacheSize(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCacheStaysBoundedUnderConcurrentUse() throws Exception {
        JwtConfig cfg = config().build();
        TokenDecoder decoder = new TokenDecoder(cfg, manager.keyResolver(), clock, 100);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            tokens.add(manager.createAccessToken("user" + i));
        }
        VerifiedTokenCache cache = new VerifiedTokenCache(100);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t * 37;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 3000; i++) {
                        String token = tokens.get((i + offset) % tokens.size());
                        Jwt jwt = decoder.decode(token);
                        assertThat(jwt.identity()).isEqualTo("user" + ((i + offset) % tokens.size()));
                        cache.put(token, new VerifiedTokenCache.Entry(jwt, null, null, new TokenDecoder.Times(0, 0, 0)));
                        assertThat(cache.size()).isLessThanOrEqualTo(100 + 3 * 4);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cache.size()).isBetween(50, 100 + 3 * 4);
        Map<String, Object> claims = decoder.decode(tokens.get(0)).claims();
        assertThat(claims.get("sub")).isEqualTo("user0");
    }
}
