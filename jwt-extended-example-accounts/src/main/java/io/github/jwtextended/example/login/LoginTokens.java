package io.github.jwtextended.example.login;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;

import java.util.Objects;

/**
 * The tokens a successful password login answers with: a fresh access token and a refresh token,
 * of a new rotation family when refresh-token rotation is on ({@code REFRESH_TOKEN_ROTATION}).
 *
 * <p>Thread safety: immutable.
 *
 * @param accessToken  the fresh access token
 * @param refreshToken the refresh token
 */
public record LoginTokens(String accessToken, String refreshToken) {
    public LoginTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }

    /** The login's tokens for {@code username}. */
    public static LoginTokens issue(JwtManager jwt, String username, boolean rotation) {
        TokenOptions fresh = TokenOptions.defaults().withFresh(true);
        if (rotation) {
            TokenPair pair = jwt.createTokenPair(username, fresh);
            return new LoginTokens(pair.accessToken(), pair.refreshToken());
        }
        return new LoginTokens(jwt.createAccessToken(username, fresh), jwt.createRefreshToken(username));
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "LoginTokens[...]";
    }
}
