package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.fixtures.UnavailableStore;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JwtManager#revokeRefreshCookie}: a browser's logout kills the refresh token its cookie
 * holds (which the page's script cannot read), and anything else in that cookie is left alone.
 */
class RevokeRefreshCookieTest {
    private final MutableClock clock = new MutableClock(TestKeys.NOW);
    private final InMemoryRevocationStore store = new InMemoryRevocationStore();

    private JwtManager manager(RevocationStore store, String secret) {
        return JwtManager.builder(config().keys(k -> k.withSecret(secret)).tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES).build())
                .clock(clock).revocationStore(store).build();
    }

    private static FakeRequest refreshCookie(JwtManager jwt, String token) {
        return FakeRequest.post().cookie("refresh_token_cookie", token)
                .cookie("csrf_refresh_token", jwt.csrfToken(token)).header("X-CSRF-TOKEN", jwt.csrfToken(token));
    }

    @Test
    void theRefreshCookiesTokenIsRevoked() {
        JwtManager jwt = manager(store, TestKeys.SECRET_64);
        String refresh = jwt.createRefreshToken("alice");
        String other = jwt.createRefreshToken("alice");
        assertThat(jwt.verifyRequest(refreshCookie(jwt, refresh), Guard.required().refresh(true)).identity()).isEqualTo("alice");

        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", refresh))).isTrue();
        assertThatThrownBy(() -> jwt.verifyRequest(refreshCookie(jwt, refresh), Guard.required().refresh(true)))
                .isInstanceOf(RevokedTokenException.class).hasMessage("Token has been revoked");
        assertThat(jwt.verifyRequest(refreshCookie(jwt, other), Guard.required().refresh(true)).identity()).as("only that one").isEqualTo("alice");
    }

    @Test
    void nothingToRevokeIsNoFailure() {
        JwtManager jwt = manager(store, TestKeys.SECRET_64);
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post())).isFalse();
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", ""))).isFalse();
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", "not-a-token"))).isFalse();
        String foreign = manager(store, TestKeys.OTHER_SECRET_64).createRefreshToken("alice");
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", foreign))).as("signed by another key").isFalse();
        String access = jwt.createAccessToken("alice");
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("access_token_cookie", access))).as("another cookie").isFalse();
    }

    @Test
    void anExpiredTokenIsRevokedHarmlessly() {
        JwtManager jwt = manager(store, TestKeys.SECRET_64);
        String refresh = jwt.createRefreshToken("alice");
        clock.advance(Duration.ofDays(31));
        assertThat(jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", refresh))).isTrue();
    }

    @Test
    void aStoreThatCannotRecordItFailsTheLogout() {
        JwtManager jwt = manager(UnavailableStore.down(), TestKeys.SECRET_64);
        String refresh = jwt.createRefreshToken("alice");
        assertThatThrownBy(() -> jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", refresh)))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void keysThatCannotBeFetchedFailTheLogoutInsteadOfReportingNothingToRevoke() {
        JwtManager issuing = manager(store, TestKeys.SECRET_64);
        String refresh = issuing.createRefreshToken("alice");
        KeyResolver keysDown = new KeyResolver() {
            @Override public JwtKey signingKey() { return issuing.keyResolver().signingKey(); }
            @Override public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
                throw new StoreUnavailableException("Token verification keys are temporarily unavailable");
            }
        };
        JwtManager jwt = JwtManager.builder(issuing.config()).clock(clock).keyResolver(keysDown).revocationStore(store).build();
        assertThatThrownBy(() -> jwt.revokeRefreshCookie(FakeRequest.post().cookie("refresh_token_cookie", refresh)))
                .isInstanceOf(StoreUnavailableException.class);
    }
}
