package io.github.jwtextended.verify;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.fixtures.UnavailableStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.error.InvalidTokenException.Reason.TOKEN_TYPE;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static io.github.jwtextended.fixtures.TestKeys.NOW_S;
import static io.github.jwtextended.fixtures.TestKeys.OTHER_SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.clockAt;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * flask-jwt-extended's verification pipeline (locations in order, the first with a token decides)
 * and its error precedence, through {@link JwtManager#verifyRequest}.
 */
class RequestVerifierTest {
    private final InMemoryRevocationStore store = new InMemoryRevocationStore(fixedClock());
    private final AtomicInteger lookups = new AtomicInteger();

    private JwtManager.Builder builder(UnaryOperator<JwtConfig.Builder> cfg) {
        return JwtManager.builder(cfg.apply(config()).build()).clock(fixedClock()).revocationStore(store);
    }

    private JwtManager manager() {
        return builder(b -> b).build();
    }

    /** Same secret, an hour earlier: its 15-minute tokens are expired now. */
    private static JwtManager anHourAgo(UnaryOperator<JwtConfig.Builder> cfg) {
        return JwtManager.builder(cfg.apply(config()).build()).clock(clockAt(NOW_S - 3600)).build();
    }

    private static JwtException fails(JwtManager m, FakeRequest r, Guard g, ErrorKind kind, String message) {
        try {
            m.verifyRequest(r, g);
        } catch (JwtException e) {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.kind()).isEqualTo(kind);
            return e;
        }
        throw new AssertionError("request accepted");
    }

    @Test
    void validAccessToken() {
        JwtManager m = manager();
        Jwt jwt = m.verifyRequest(FakeRequest.get().bearer(m.createAccessToken("u")), Guard.required());
        assertThat(jwt.identity()).isEqualTo("u");
        assertThat(jwt.location()).isEqualTo(TokenLocation.HEADERS);
        assertThat(jwt.user()).isNull();
    }

    @Test
    void optionsAndOptional() {
        JwtManager m = manager();
        assertThat(m.verifyRequest(FakeRequest.method("OPTIONS").bearer("garbage"), Guard.required()).isPresent()).isFalse();
        assertThat(m.verifyRequest(FakeRequest.get(), Guard.required().optional(true)).isPresent()).isFalse();
        fails(m, FakeRequest.get(), Guard.required(), ErrorKind.UNAUTHORIZED, "Missing Authorization Header");
        fails(m, FakeRequest.get().bearer(anHourAgo(b -> b).createAccessToken("u")), Guard.required().optional(true),
                ErrorKind.EXPIRED_TOKEN, "Token has expired");
        fails(m, FakeRequest.get().bearer("x.y"), Guard.required().optional(true), ErrorKind.INVALID_TOKEN, "Not enough segments");
    }

    @Test
    void csrfIsCheckedAtExtractionBeforeDecoding() {
        JwtManager m = builder(b -> b.tokenLocations(TokenLocation.COOKIES)).build();
        FakeRequest garbageCookie = FakeRequest.post().cookie("access_token_cookie", "garbage");
        fails(m, garbageCookie, Guard.required(), ErrorKind.UNAUTHORIZED, "Missing CSRF token");
        fails(m, FakeRequest.post().cookie("access_token_cookie", "garbage"), Guard.required().optional(true), ErrorKind.UNAUTHORIZED,
                "Missing CSRF token");

        String token = m.createAccessToken("u");
        fails(m, FakeRequest.post().cookie("access_token_cookie", token).header("X-CSRF-TOKEN", "wrong"), Guard.required(),
                ErrorKind.UNAUTHORIZED, "CSRF double submit tokens do not match");
        Jwt ok = m.verifyRequest(FakeRequest.post().cookie("access_token_cookie", token).header("X-CSRF-TOKEN", m.csrfToken(token)),
                Guard.required());
        assertThat(ok.location()).isEqualTo(TokenLocation.COOKIES);
        assertThat(m.verifyRequest(FakeRequest.get().cookie("access_token_cookie", token), Guard.required()).identity()).isEqualTo("u");

        JwtManager noCsrfClaims = builder(b -> b.tokenLocations(TokenLocation.COOKIES).csrf(c -> c.withProtect(false))).build();
        String plain = noCsrfClaims.createAccessToken("u");
        fails(m, FakeRequest.post().cookie("access_token_cookie", plain).header("X-CSRF-TOKEN", "x"), Guard.required(),
                ErrorKind.INVALID_TOKEN, "Missing claim: csrf");
    }

    @Test
    void refreshCookieWithTheAccessCsrfValueDoesNotMatch() {
        JwtManager m = builder(b -> b.tokenLocations(TokenLocation.COOKIES)).build();
        String access = m.createAccessToken("u");
        String refresh = m.createRefreshToken("u");
        FakeRequest r = FakeRequest.post().cookie("access_token_cookie", access).cookie("refresh_token_cookie", refresh)
                .header("X-CSRF-TOKEN", m.csrfToken(access));
        fails(m, r, Guard.required().refresh(true), ErrorKind.UNAUTHORIZED, "CSRF double submit tokens do not match");
    }

    @Test
    void signatureBeforeExpiry() {
        String forged = Forge.hs256(bytes(OTHER_SECRET_64), "{\"sub\":\"u\",\"exp\":" + (NOW_S - 100) + "}");
        fails(manager(), FakeRequest.get().bearer(forged), Guard.required(), ErrorKind.INVALID_TOKEN, "Signature verification failed");
    }

    @Test
    void expiryBeforeTypeAndRevocation() {
        JwtManager m = manager();
        String expiredRefresh = anHourAgo(b -> b).createRefreshToken("u", TokenOptions.defaults().withExpiresIn(Duration.ofMinutes(1)));
        fails(m, FakeRequest.get().bearer(expiredRefresh), Guard.required(), ErrorKind.EXPIRED_TOKEN, "Token has expired");
        String expired = anHourAgo(b -> b).createAccessToken("u");
        m.revoke(anHourAgo(b -> b).decodeToken(expired, null, true));
        fails(m, FakeRequest.get().bearer(expired), Guard.required(), ErrorKind.EXPIRED_TOKEN, "Token has expired");
    }

    @Test
    void typeBeforeFreshBeforeRevoked() {
        JwtManager m = manager();
        String refresh = m.createRefreshToken("u");
        m.revoke(refresh);
        fails(m, FakeRequest.get().bearer(refresh), Guard.required().fresh(true), ErrorKind.INVALID_TOKEN, "Only non-refresh tokens are allowed");
        fails(m, FakeRequest.get().bearer(refresh), Guard.required(), ErrorKind.INVALID_TOKEN, "Only non-refresh tokens are allowed");
        fails(m, FakeRequest.get().bearer(refresh), Guard.required().refresh(true), ErrorKind.REVOKED_TOKEN, "Token has been revoked");

        String access = m.createAccessToken("u");
        JwtException wrongType = fails(m, FakeRequest.get().bearer(access), Guard.required().refresh(true), ErrorKind.INVALID_TOKEN,
                "Only refresh tokens are allowed");
        assertThat(wrongType).satisfies(invalidToken(TOKEN_TYPE, "type"));
        assertThat(wrongType.claims()).as("a verified token of the wrong type is carried").containsEntry("sub", "u");
        m.revoke(access);
        fails(m, FakeRequest.get().bearer(access), Guard.required().fresh(true), ErrorKind.NEEDS_FRESH_TOKEN, "Fresh token required");
        fails(m, FakeRequest.get().bearer(access), Guard.required(), ErrorKind.REVOKED_TOKEN, "Token has been revoked");
        assertThat(m.verifyRequest(FakeRequest.get().bearer(access), Guard.required().skipRevocationCheck(true)).identity())
                .isEqualTo("u");
        assertThat(m.verifyRequest(FakeRequest.get().bearer(m.createRefreshToken("v")), Guard.required().verifyType(false))
                .type()).isEqualTo("refresh");
    }

    @Test
    void freshness() {
        JwtManager m = manager();
        assertThat(m.verifyRequest(FakeRequest.get().bearer(m.createAccessToken("u", TokenOptions.defaults().withFresh(true))),
                Guard.required().fresh(true)).identity()).isEqualTo("u");
        String until = m.createAccessToken("u", TokenOptions.defaults().withFreshUntil(NOW.plusSeconds(1)));
        assertThat(m.verifyRequest(FakeRequest.get().bearer(until), Guard.required().fresh(true)).identity()).isEqualTo("u");
        String now = m.createAccessToken("u", TokenOptions.defaults().withFreshUntil(NOW));
        assertThat(m.verifyRequest(FakeRequest.get().bearer(now), Guard.required().fresh(true)).identity()).isEqualTo("u");
        String past = m.createAccessToken("u", TokenOptions.defaults().withFreshUntil(NOW.minusMillis(1)));
        fails(m, FakeRequest.get().bearer(past), Guard.required().fresh(true), ErrorKind.NEEDS_FRESH_TOKEN, "Fresh token required");
        String stale = anHourAgo(b -> b.access(a -> a.withExpires(Duration.ofHours(2))))
                .createAccessToken("u", TokenOptions.defaults().withFreshFor(Duration.ofMinutes(30)));
        fails(m, FakeRequest.get().bearer(stale), Guard.required().fresh(true), ErrorKind.NEEDS_FRESH_TOKEN, "Fresh token required");
        String weird = Forge.hs256(bytes(io.github.jwtextended.fixtures.TestKeys.SECRET_64), "{\"sub\":\"u\",\"fresh\":\"yes\"}");
        fails(m, FakeRequest.get().bearer(weird), Guard.required().fresh(true), ErrorKind.NEEDS_FRESH_TOKEN, "Fresh token required");
    }

    @Test
    void revokedBeforeCustomBeforeUserLookup() {
        JwtManager m = builder(b -> b).claimsVerifier((h, c) -> !"bad".equals(c.get("sub")))
                .userLookup((h, c) -> { lookups.incrementAndGet(); return "ghost".equals(c.get("sub")) ? null : "User:" + c.get("sub"); })
                .build();
        String bad = m.createAccessToken("bad");
        fails(m, FakeRequest.get().bearer(bad), Guard.required(), ErrorKind.VERIFICATION_FAILED, "User claims verification failed");
        m.revoke(bad);
        fails(m, FakeRequest.get().bearer(bad), Guard.required(), ErrorKind.REVOKED_TOKEN, "Token has been revoked");
        assertThat(lookups).hasValue(0);

        fails(m, FakeRequest.get().bearer(m.createAccessToken("ghost")), Guard.required(), ErrorKind.USER_LOOKUP_FAILED,
                "Error loading the user ghost");
        Jwt ok = m.verifyRequest(FakeRequest.get().bearer(m.createAccessToken("alice")), Guard.required());
        assertThat(ok.user()).isEqualTo("User:alice");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void blocklistCallbackIsConsultedAfterTheStore() {
        JwtManager m = builder(b -> b).tokenInBlocklist((h, c) -> "blocked".equals(c.get("sub"))).build();
        fails(m, FakeRequest.get().bearer(m.createAccessToken("blocked")), Guard.required(), ErrorKind.REVOKED_TOKEN,
                "Token has been revoked");
        assertThat(m.verifyRequest(FakeRequest.get().bearer(m.createAccessToken("fine")), Guard.required()).identity()).isEqualTo("fine");
    }

    /** A login right after "log out everywhere" (same second, on the real clock) gets a working token. */
    @Test
    void aTokenCreatedAfterRevokeAllForReturnsIsNotCaughtByTheCutOff() {
        JwtManager m = JwtManager.builder(config().build()).clock(java.time.Clock.systemUTC())
                .revocationStore(new InMemoryRevocationStore()).build();
        for (int round = 0; round < 3; round++) {
            String before = m.createAccessToken("u");
            Instant cutOff = m.revokeAllFor("u");
            assertThat(Instant.now().getEpochSecond()).as("returned in a later second than the cut-off").isGreaterThan(cutOff.getEpochSecond());
            String after = m.createAccessToken("u");
            fails(m, FakeRequest.get().bearer(before), Guard.required(), ErrorKind.REVOKED_TOKEN, "Token has been revoked");
            assertThat(m.verifyRequest(FakeRequest.get().bearer(after), Guard.required()).identity()).isEqualTo("u");
        }
    }

    @Test
    void storeFailureFailsClosedWith503() {
        RevocationStore down = new UnavailableStore(() -> new RevocationStoreException("connection refused"));
        JwtManager m = JwtManager.builder(config().build()).clock(fixedClock()).revocationStore(down).build();
        String token = m.createAccessToken("u");
        JwtException e = fails(m, FakeRequest.get().bearer(token), Guard.required(), ErrorKind.STORE_UNAVAILABLE,
                "Token revocation status is temporarily unavailable");
        assertThat(e).isInstanceOf(StoreUnavailableException.class);
        ErrorResponse r = m.errorResponse(e);
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.body().toString()).doesNotContain("connection refused");
        assertThatThrownBy(() -> m.revoke(token)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> m.revokeAllFor("u")).isInstanceOf(StoreUnavailableException.class);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(token), Guard.required().skipRevocationCheck(true)).identity()).isEqualTo("u");

        JwtManager badCallback = JwtManager.builder(config().build()).clock(fixedClock())
                .tokenInBlocklist((h, c) -> { throw new IllegalStateException("db down"); }).build();
        fails(badCallback, FakeRequest.get().bearer(token), Guard.required(), ErrorKind.STORE_UNAVAILABLE,
                "Token revocation status is temporarily unavailable");
    }

    @Test
    void locationsOnlyAMissingTokenFallsThrough() {
        JwtManager m = builder(b -> b.tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES, TokenLocation.QUERY_STRING,
                TokenLocation.JSON)).build();
        fails(m, FakeRequest.get(), Guard.required(), ErrorKind.UNAUTHORIZED,
                "Missing JWT in headers, cookies, query_string or json (Missing Authorization Header; Missing cookie "
                        + "\"access_token_cookie\"; Missing 'jwt' query paramater; Invalid content-type. Must be application/json.)");
        String token = m.createAccessToken("u");
        assertThat(m.verifyRequest(FakeRequest.get().query("jwt", token), Guard.required()).location())
                .isEqualTo(TokenLocation.QUERY_STRING);
        assertThat(m.verifyRequest(FakeRequest.post().json("{\"access_token\":\"" + token + "\"}"), Guard.required()).location())
                .isEqualTo(TokenLocation.JSON);
        // A present but invalid header token does not fall through to a valid cookie.
        fails(m, FakeRequest.get().bearer("garbage.x.y").cookie("access_token_cookie", token), Guard.required(),
                ErrorKind.INVALID_TOKEN, "Invalid header padding");
        // Basic credentials count as absent: the cookie is used.
        assertThat(m.verifyRequest(FakeRequest.get().header("Authorization", "Basic abc").cookie("access_token_cookie", token),
                Guard.required()).location()).isEqualTo(TokenLocation.COOKIES);

        JwtManager cookiesFirst = builder(b -> b.tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS)).build();
        fails(cookiesFirst, FakeRequest.post().cookie("access_token_cookie", token).bearer(token), Guard.required(),
                ErrorKind.UNAUTHORIZED, "Missing CSRF token");
        fails(cookiesFirst, FakeRequest.get().cookie("access_token_cookie", token), Guard.required().refresh(true), ErrorKind.UNAUTHORIZED,
                "Missing JWT in cookies or headers (Missing cookie \"refresh_token_cookie\"; Missing Authorization Header)");
        fails(cookiesFirst, FakeRequest.get().cookie("access_token_cookie", ""), Guard.required(), ErrorKind.UNAUTHORIZED,
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)");
    }

    @Test
    void guardLocationsOverrideTheConfiguration() {
        JwtManager m = manager();
        String token = m.createAccessToken("u");
        fails(m, FakeRequest.get().bearer(token), Guard.required().locations(TokenLocation.COOKIES), ErrorKind.UNAUTHORIZED,
                "Missing cookie \"access_token_cookie\"");
        assertThat(m.verifyRequest(FakeRequest.get().cookie("access_token_cookie", token),
                Guard.required().locations(TokenLocation.COOKIES)).location()).isEqualTo(TokenLocation.COOKIES);
    }

    @Test
    void refreshJsonKey() {
        JwtManager m = builder(b -> b.tokenLocations(TokenLocation.JSON)).build();
        String refresh = m.createRefreshToken("u");
        fails(m, FakeRequest.post().json("{\"access_token\":\"" + refresh + "\"}"), Guard.required().refresh(true), ErrorKind.UNAUTHORIZED,
                "Missing \"refresh_token\" key in json data.");
        assertThat(m.verifyRequest(FakeRequest.post().json("{\"refresh_token\":\"" + refresh + "\"}"), Guard.required().refresh(true)).type())
                .isEqualTo("refresh");
    }

    @Test
    void everyFailureAnswersWithItsStatusAndNeverLeaksTheToken() {
        JwtManager m = manager();
        String token = m.createAccessToken("secret-identity");
        m.revoke(token);
        JwtException e = fails(m, FakeRequest.get().bearer(token), Guard.required(), ErrorKind.REVOKED_TOKEN, "Token has been revoked");
        ErrorResponse r = m.errorResponse(e);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.toString()).doesNotContain(token).doesNotContain("secret-identity");
    }
}
