package io.github.jwtextended.token;

import java.util.Objects;

/**
 * An access token and a refresh token issued together, at login or by a refresh-token rotation,
 * with the family ({@code fam} claim) they belong to.
 *
 * <p>Thread safety: immutable.
 *
 * @param accessToken  the access token; not null
 * @param refreshToken the refresh token; not null
 * @param family       the family id (the {@code fam} claim of the refresh token, and of the access
 *                     token unless turned off); not null
 */
public record TokenPair(String accessToken, String refreshToken, String family) {
    /** Refuses a null component. */
    public TokenPair {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(family, "family");
    }

    /** Never shows the tokens. */
    @Override
    public String toString() {
        return "TokenPair[fam=" + family + "]";
    }
}
