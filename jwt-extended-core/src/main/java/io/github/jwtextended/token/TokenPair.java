package io.github.jwtextended.token;

import java.util.Objects;

/**
 * An access token and a refresh token issued together, at login or by a refresh-token rotation,
 * with the family ({@code fam} claim) they belong to.
 *
 * <p>Thread safety: immutable.
 */
public final class TokenPair {
    private final String accessToken;
    private final String refreshToken;
    private final String family;

    public TokenPair(String accessToken, String refreshToken, String family) {
        this.accessToken = Objects.requireNonNull(accessToken, "accessToken");
        this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
        this.family = Objects.requireNonNull(family, "family");
    }

    public String accessToken() {
        return accessToken;
    }

    public String refreshToken() {
        return refreshToken;
    }

    /** The family id (the {@code fam} claim of the refresh token, and of the access token unless turned off). */
    public String family() {
        return family;
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "TokenPair[fam=" + family + "]";
    }
}
