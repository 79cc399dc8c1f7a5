package io.github.jwtextended.session;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link RefreshRotator#continueAccess}, the access token implicit refresh sets: it continues the
 * session as a rotation does (family, {@code auth_time}, never past {@code auth_time + lifetime},
 * nothing once the session is over), and access tokens of a session with a maximum lifetime carry
 * {@code auth_time} and end with the session. Access tokens live 15 minutes (the default).
 */
class ContinueAccessTest {
    private static final Instant LOGIN = Instant.parse("2030-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(LOGIN);

    private JwtManager manager(Duration maxSession) {
        return JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(new InMemoryRevocationStore(clock))
                .maxSessionLifetime(maxSession).build();
    }

    private static Jwt verifiedAccess(JwtManager m, String token) {
        return m.verifyRequest(FakeRequest.get().bearer(token), Guard.required());
    }

    private static Optional<String> continued(JwtManager m, String token) {
        Jwt verified = verifiedAccess(m, token);
        return m.rotator().continueAccess(verified, verified.identity(), TokenOptions.defaults());
    }

    private static long authTime(JwtManager m, String token) {
        Object t = m.decodeToken(token).claim(RefreshRotator.AUTH_TIME_CLAIM);
        assertThat(t).as("auth_time on " + m.decodeToken(token).type()).isInstanceOf(Number.class);
        return ((Number) t).longValue();
    }

    @Test
    void theContinuingTokenCarriesTheSessionAndNeverOutlivesIt() {
        JwtManager m = manager(Duration.ofHours(1));
        TokenPair login = m.createTokenPair("kim", TokenOptions.defaults().withFresh(true));
        assertThat(authTime(m, login.accessToken())).as("a login's access token carries auth_time").isEqualTo(LOGIN.getEpochSecond());

        clock.advance(Duration.ofMinutes(14));
        String next = continued(m, login.accessToken()).orElseThrow();
        Jwt renewed = m.decodeToken(next);
        assertThat(authTime(m, next)).as("the session's login time, not now").isEqualTo(LOGIN.getEpochSecond());
        assertThat(renewed.family()).isEqualTo(login.family());
        assertThat(renewed.identity()).isEqualTo("kim");
        assertThat(renewed.claim("fresh")).isEqualTo(false);
        assertThat(renewed.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));

        String token = next;
        for (int minute : new int[] {28, 42}) { // an active session: a request each 14 minutes
            clock.set(LOGIN.plus(Duration.ofMinutes(minute)));
            token = continued(m, token).orElseThrow();
            assertThat(authTime(m, token)).isEqualTo(LOGIN.getEpochSecond());
        }
        clock.set(LOGIN.plus(Duration.ofMinutes(56)));
        String last = continued(m, token).orElseThrow();
        assertThat(m.decodeToken(last).expiresAt()).as("cut to the session's end").isEqualTo(LOGIN.plus(Duration.ofHours(1)));
        assertThat(authTime(m, last)).isEqualTo(LOGIN.getEpochSecond());

        clock.set(LOGIN.plus(Duration.ofMinutes(59)));
        assertThat(continued(m, last)).as("it already lasts until the session's end: nothing new").isEmpty();

        clock.set(LOGIN.plus(Duration.ofHours(1)));
        JwtException e = catchThrowableOfType(JwtException.class, () -> verifiedAccess(m, last));
        assertThat(e).as("the session's last access token expires with it").isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.EXPIRED_TOKEN);
    }

    @Test
    void afterTheSessionNothingIsIssuedEvenForAStillValidToken() {
        JwtManager m = manager(Duration.ofHours(1));
        // An access token issued before the setting (no auth_time): its session counts from its iat.
        String old = m.createAccessToken("lee", TokenOptions.defaults().withExpiresIn(Duration.ofMinutes(40)).withFamily("f-lee"));
        clock.advance(Duration.ofMinutes(30));
        String next = continued(m, old).orElseThrow(() -> new AssertionError("within the hour counted from iat"));
        assertThat(authTime(m, next)).as("the old token's iat becomes the session's auth_time").isEqualTo(LOGIN.getEpochSecond());
        assertThat(m.decodeToken(next).family()).isEqualTo("f-lee");
        assertThat(m.decodeToken(next).expiresAt()).isEqualTo(LOGIN.plus(Duration.ofMinutes(45)));

        // One that already lasts past the session's end (a long lifetime asked for): a new one would be shorter.
        String longLived = m.createAccessToken("lee", TokenOptions.defaults().withExpiresIn(Duration.ofHours(3)));
        assertThat(continued(m, longLived)).isEmpty();

        String uncapped = m.createAccessToken("lee", TokenOptions.defaults().withExpiresIn(Duration.ofHours(3))
                .withClaim(RefreshRotator.AUTH_TIME_CLAIM, LOGIN.getEpochSecond()));
        clock.set(LOGIN.plus(Duration.ofHours(1)));
        assertThat(continued(m, uncapped)).as("the session is over").isEmpty();
        clock.set(LOGIN.plus(Duration.ofHours(2)));
        assertThat(continued(m, uncapped)).isEmpty();
    }

    @Test
    void accessTokensOfARotatedSessionCarryAuthTimeAndEndWithIt() {
        JwtManager m = manager(Duration.ofMinutes(20));
        TokenPair login = m.createTokenPair("ann", null);
        clock.advance(Duration.ofMinutes(10));
        TokenPair rotated = m.rotateRefreshToken(m.verifyRequest(FakeRequest.post().bearer(login.refreshToken()),
                Guard.required().refresh(true)));
        assertThat(authTime(m, rotated.accessToken())).isEqualTo(LOGIN.getEpochSecond());
        assertThat(m.decodeToken(rotated.accessToken()).expiresAt()).as("not 15 minutes: the session ends sooner")
                .isEqualTo(LOGIN.plus(Duration.ofMinutes(20)));
        assertThat(continued(m, rotated.accessToken())).as("it lasts until the session's end already").isEmpty();

        JwtManager shortSession = manager(Duration.ofMinutes(10));
        TokenPair brief = shortSession.createTokenPair("ann", TokenOptions.defaults().withoutExpiry());
        assertThat(shortSession.decodeToken(brief.accessToken()).expiresAt()).as("no access token outlives its session")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void withoutAMaximumLifetimeTheFamilyIsKeptAndNoAuthTimeWritten() {
        JwtManager m = manager(null);
        TokenPair login = m.createTokenPair("max", null);
        assertThat(m.decodeToken(login.accessToken()).claims()).doesNotContainKey(RefreshRotator.AUTH_TIME_CLAIM);
        clock.advance(Duration.ofMinutes(14));
        String next = continued(m, login.accessToken()).orElseThrow();
        assertThat(m.decodeToken(next).family()).isEqualTo(login.family());
        assertThat(m.decodeToken(next).claims()).doesNotContainKey(RefreshRotator.AUTH_TIME_CLAIM);
        assertThat(m.decodeToken(next).expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofDays(3));
        assertThat(m.rotator().continueAccess(m.decodeToken(m.createAccessToken("max")), "max", null)).as("no limit").isPresent();
    }

    @Test
    void aRevokedFamilysAccessTokensAreRefusedBeforeAnyContinuation() {
        JwtManager m = manager(Duration.ofHours(1));
        TokenPair login = m.createTokenPair("kim", null);
        clock.advance(Duration.ofMinutes(14));
        String next = continued(m, login.accessToken()).orElseThrow();
        assertThat(m.revokeFamily(verifiedAccess(m, login.accessToken()))).as("the session ends (a logout)").isTrue();
        assertThatThrownBy(() -> continued(m, login.accessToken())).isInstanceOf(RevokedTokenException.class);
        assertThatThrownBy(() -> continued(m, next)).as("the continued token belongs to the family too")
                .isInstanceOf(RevokedTokenException.class);
    }

    @Test
    void onlyAnAccessTokenContinues() {
        JwtManager m = manager(Duration.ofHours(1));
        TokenPair login = m.createTokenPair("kim", null);
        Jwt refresh = m.decodeToken(login.refreshToken());
        assertThatThrownBy(() -> m.rotator().continueAccess(refresh, "kim", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
