package io.github.jwtextended.log;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.fixtures.CapturedLog;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogTextTest {
    @Test
    void eachCharacterThatCouldForgeALineIsEscaped() {
        for (String[] c : CapturedLog.FORGING) {
            assertThat(LogText.escape("a" + c[0] + "b")).as("U+%04X", (int) c[0].charAt(0)).isEqualTo("a" + c[1] + "b");
        }
    }

    @Test
    void ordinaryTextIsKeptAsItIs() {
        assertThat(LogText.escape("/protected/ünïcode-名前_😀.json?x=1")).isEqualTo("/protected/ünïcode-名前_😀.json?x=1");
        assertThat(LogText.escape(null)).isEqualTo("-");
        assertThat(LogText.escape("")).isEmpty();
    }

    @Test
    void longValuesAreCutAndMarkedNeverInsideAPair() {
        assertThat(LogText.escape("a".repeat(1000))).isEqualTo("a".repeat(LogText.MAX_LENGTH) + "...");
        assertThat(LogText.escape("a".repeat(LogText.MAX_LENGTH))).isEqualTo("a".repeat(LogText.MAX_LENGTH));
        String pairAtTheCut = "a".repeat(LogText.MAX_LENGTH - 1) + "😀" + "b";
        assertThat(LogText.escape(pairAtTheCut)).isEqualTo("a".repeat(LogText.MAX_LENGTH - 1) + "...");
        assertThat(LogText.escape("\n".repeat(1000))).hasSize(LogText.MAX_LENGTH * 6 + 3).doesNotContain("\n");
    }

    /**
     * The security warning of a reused refresh token names the token's identity, a claim an
     * attacker may have chosen at sign-up: each forging character comes out escaped, on one line.
     */
    @Test
    void theIdentityInTheReuseWarningIsEscaped() {
        MutableClock clock = new MutableClock(TestKeys.NOW);
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock)
                .revocationStore(new InMemoryRevocationStore(clock)).refreshReuseGrace(Duration.ZERO).build(); // immediate reuse
        for (String[] c : CapturedLog.FORGING) {
            if (Character.isSurrogate(c[0].charAt(0))) {
                continue; // a token cannot hold a lone surrogate
            }
            TokenPair login = m.createTokenPair("eve" + c[0] + "2026-01-01 [main] WARN admin", null);
            Jwt refresh = m.verifyRequest(FakeRequest.post().bearer(login.refreshToken()), Guard.required().refresh(true));
            m.rotateRefreshToken(refresh);
            clock.advance(Duration.ofSeconds(1));
            String log = CapturedLog.during(() -> assertThatThrownBy(() -> m.rotateRefreshToken(refresh))
                    .isInstanceOf(RevokedTokenException.class));
            String hex = String.format("U+%04X", (int) c[0].charAt(0));
            assertThat(log).as(hex).contains("identity=eve" + c[1] + "2026-01-01\\u0020[main]");
            assertThat(log.strip().split("\\R")).as(hex + ": one line").hasSize(1);
        }
    }
}
