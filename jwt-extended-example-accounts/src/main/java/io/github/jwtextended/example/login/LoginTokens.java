package io.github.jwtextended.example.login;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.UserLookupException;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The tokens {@code POST /login} and {@code POST /refresh} answer with, as both example servers
 * make them: at login a fresh access token and a refresh token, of a new rotation family when
 * refresh-token rotation is on ({@code REFRESH_TOKEN_ROTATION}); at refresh a non-fresh access
 * token, with a new refresh token in place of the presented one when rotation is on.
 *
 * <p>Thread safety: immutable.
 *
 * @param accessToken  the access token
 * @param refreshToken the refresh token, or null when a refresh without rotation answers the access token alone
 */
public record LoginTokens(String accessToken, String refreshToken) {
    public LoginTokens {
        Objects.requireNonNull(accessToken, "accessToken");
    }

    /** The login's tokens for {@code username}. */
    public static LoginTokens issue(JwtManager jwt, String username, boolean rotation) {
        return issue(jwt, username, rotation, null);
    }

    /**
     * The login's tokens for {@code username}; with rotation its session is recorded with the
     * client description {@code client} ({@link io.github.jwtextended.example.session.ClientDescription}; null: none).
     */
    public static LoginTokens issue(JwtManager jwt, String username, boolean rotation, String client) {
        TokenOptions fresh = TokenOptions.defaults().withFresh(true);
        if (rotation) {
            TokenPair pair = jwt.createTokenPair(username, fresh, client);
            return new LoginTokens(pair.accessToken(), pair.refreshToken());
        }
        return new LoginTokens(jwt.createAccessToken(username, fresh), jwt.createRefreshToken(username));
    }

    /**
     * The tokens for the verified refresh token {@code presented}. With {@code rotation} the
     * presented token is used up: presenting it again revokes its family (a
     * {@link io.github.jwtextended.error.RevokedTokenException}, 401 "Token has been revoked").
     *
     * @throws UserLookupException when the user was removed since logging in: no new tokens
     */
    public static LoginTokens refresh(JwtManager jwt, UserStore users, Jwt presented, boolean rotation) {
        String identity = presented.identityAsString();
        if (users.find(identity).isEmpty()) {
            throw new UserLookupException("Error loading the user " + identity, presented.header(), presented.claims());
        }
        TokenOptions notFresh = TokenOptions.defaults().withFresh(false);
        if (!rotation) {
            return new LoginTokens(jwt.createAccessToken(identity, notFresh), null);
        }
        TokenPair pair = jwt.rotateRefreshToken(presented, identity, notFresh);
        return new LoginTokens(pair.accessToken(), pair.refreshToken());
    }

    /**
     * Whether the answers' JSON carries the refresh token: always unless {@code REFRESH_TOKEN_IN_BODY}
     * ({@code setting}) is off, and then only when cookies are not among the token {@code locations}
     * (with cookies the refresh token is in the HttpOnly refresh cookie; without, the body is the
     * only place a client can get it from).
     */
    public static boolean refreshTokenInBody(boolean setting, Collection<TokenLocation> locations) {
        return setting || !locations.contains(TokenLocation.COOKIES);
    }

    /**
     * The JSON answer: {@code access_token}, then {@code refresh_token} when there is one and
     * {@code withRefreshToken} (see {@link #refreshTokenInBody}).
     */
    public Map<String, Object> body(boolean withRefreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        if (refreshToken != null && withRefreshToken) {
            body.put("refresh_token", refreshToken);
        }
        return body;
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "LoginTokens[...]";
    }
}
