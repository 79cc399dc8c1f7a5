package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Rotation with an absolute session lifetime: a session ends at login + lifetime, however often it is rotated. */
class MaxSessionLifetimeTest {
    private static final Instant LOGIN = Instant.parse("2030-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(LOGIN);

    private JwtManager manager(Duration maxSession) {
        // refresh tokens live 30 days (the default); sessions at most maxSession
        return JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(new InMemoryRevocationStore())
                .maxSessionLifetime(maxSession).build();
    }

    private static Jwt verifiedRefresh(JwtManager m, String token) {
        return m.verifyRequest(FakeRequest.post().bearer(token), Guard.required().refresh(true));
    }

    @Test
    void rotatedRefreshTokensNeverOutliveTheSession() {
        JwtManager m = manager(Duration.ofDays(45));
        TokenPair pair = m.createTokenPair("kim", null);
        Jwt first = m.decodeToken(pair.refreshToken());
        assertThat(((Number) first.claim(JwtManager.AUTH_TIME_CLAIM)).longValue()).isEqualTo(LOGIN.getEpochSecond());
        assertThat(first.expiresAt()).isEqualTo(LOGIN.plus(Duration.ofDays(30)));

        clock.advance(Duration.ofDays(20)); // a rotation 20 days in: 25 days left, less than 30
        TokenPair second = m.rotateRefreshToken(verifiedRefresh(m, pair.refreshToken()));
        Jwt rotated = m.decodeToken(second.refreshToken());
        assertThat(((Number) rotated.claim(JwtManager.AUTH_TIME_CLAIM)).longValue()).as("the login time is carried").isEqualTo(LOGIN.getEpochSecond());
        assertThat(rotated.expiresAt()).isEqualTo(LOGIN.plus(Duration.ofDays(45)));

        clock.set(LOGIN.plus(Duration.ofDays(45)).minusSeconds(1));
        TokenPair last = m.rotateRefreshToken(verifiedRefresh(m, second.refreshToken()));
        assertThat(m.decodeToken(last.refreshToken()).expiresAt()).isEqualTo(LOGIN.plus(Duration.ofDays(45)));

        clock.set(LOGIN.plus(Duration.ofDays(45)));
        JwtException e = catchThrowableOfType(JwtException.class, () -> verifiedRefresh(m, last.refreshToken()));
        assertThat(e).as("the session's last refresh token expires with it").isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.EXPIRED_TOKEN);
        assertThat(e.getMessage()).isEqualTo("Token has expired");
    }

    @Test
    void aSessionShorterThanARefreshLifetimeCapsTheFirstToken() {
        JwtManager m = manager(Duration.ofHours(8));
        TokenPair pair = m.createTokenPair("ann", null);
        assertThat(m.decodeToken(pair.refreshToken()).expiresAt()).isEqualTo(LOGIN.plus(Duration.ofHours(8)));
    }

    @Test
    void aRefreshTokenFromBeforeTheSettingCountsItsSessionFromItsIat() {
        JwtManager before = manager(null);
        TokenPair old = before.createTokenPair("lee", null);
        assertThat(before.decodeToken(old.refreshToken()).claims()).doesNotContainKey(JwtManager.AUTH_TIME_CLAIM);
        clock.advance(Duration.ofDays(2));
        JwtManager after = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(new InMemoryRevocationStore())
                .maxSessionLifetime(Duration.ofDays(1)).build();
        assertThatThrownBy(() -> after.rotateRefreshToken(verifiedRefresh(after, old.refreshToken())))
                .isInstanceOf(JwtException.class).hasMessage("Token has expired");
    }

    @Test
    void withoutTheSettingEachRotationGivesAFullLifetime() {
        JwtManager m = manager(null);
        TokenPair pair = m.createTokenPair("max", null);
        clock.advance(Duration.ofDays(29));
        TokenPair next = m.rotateRefreshToken(verifiedRefresh(m, pair.refreshToken()));
        assertThat(m.decodeToken(next.refreshToken()).expiresAt()).isEqualTo(LOGIN.plus(Duration.ofDays(59)));
        assertThat(m.decodeToken(next.refreshToken()).claims()).doesNotContainKey(JwtManager.AUTH_TIME_CLAIM);
    }

    @Test
    void theLifetimeMustBePositive() {
        assertThatThrownBy(() -> JwtManager.builder(TestKeys.config().build()).maxSessionLifetime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
