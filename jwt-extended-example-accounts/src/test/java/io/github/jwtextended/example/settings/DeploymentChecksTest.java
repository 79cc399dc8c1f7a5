package io.github.jwtextended.example.settings;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.example.login.LoginTokens;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The start's deployment checks, and when the refresh token stays out of the answers' JSON. */
class DeploymentChecksTest {
    private static JwtConfig.Builder config() {
        return JwtConfig.builder().keys(k -> k.withSecret("deployment-checks-test-secret-0123456789abcdef"));
    }

    @Test
    void loopbackIsTheLoopbackAddressesAndNamesOnly() {
        for (String host : new String[] {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"}) {
            assertThat(DeploymentChecks.isLoopback(host)).as(host).isTrue();
        }
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "2001:db8::1", "no-such-host.invalid"}) {
            assertThat(DeploymentChecks.isLoopback(host)).as(host).isFalse();
        }
    }

    @Test
    void warnsOnlyForCookiesWithoutSecureBeyondLoopback() {
        JwtConfig insecure = config().tokenLocations(TokenLocation.COOKIES, TokenLocation.HEADERS).build();
        assertThat(DeploymentChecks.warnIfCookiesMayTravelInClear("0.0.0.0", insecure)).isTrue();
        assertThat(DeploymentChecks.warnIfCookiesMayTravelInClear("127.0.0.1", insecure)).isFalse();
        JwtConfig secure = config().tokenLocations(TokenLocation.COOKIES).cookies(c -> c.withSecure(true)).build();
        assertThat(DeploymentChecks.warnIfCookiesMayTravelInClear("0.0.0.0", secure)).isFalse();
        JwtConfig headers = config().tokenLocations(TokenLocation.HEADERS).build();
        assertThat(DeploymentChecks.warnIfCookiesMayTravelInClear("0.0.0.0", headers)).as("no cookies, nothing to leak").isFalse();
    }

    @Test
    void theRefreshTokenLeavesTheJsonOnlyWhenItIsInACookie() {
        List<TokenLocation> cookies = List.of(TokenLocation.COOKIES, TokenLocation.HEADERS);
        List<TokenLocation> headers = List.of(TokenLocation.HEADERS);
        assertThat(LoginTokens.refreshTokenInBody(true, cookies)).isTrue();
        assertThat(LoginTokens.refreshTokenInBody(false, cookies)).isFalse();
        assertThat(LoginTokens.refreshTokenInBody(false, headers)).as("the body is the only place then").isTrue();
        LoginTokens tokens = new LoginTokens("a.b.c", "d.e.f");
        assertThat(tokens.body(true)).containsOnlyKeys("access_token", "refresh_token");
        assertThat(tokens.body(false)).containsOnlyKeys("access_token");
        assertThat(new LoginTokens("a.b.c", null).body(true)).containsOnlyKeys("access_token");
    }
}
