package io.github.jwtextended.event;

import io.github.jwtextended.error.BadRequestException;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.FreshTokenRequiredException;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.MissingTokenException;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.error.UserClaimsVerificationException;
import io.github.jwtextended.error.UserLookupException;

import java.util.Locale;
import java.util.Map;

/**
 * How a request's verification ended: {@link #SUCCESS}, {@link #ABSENT} (an optional route
 * without a token), or the failure that refused it, one constant per failure an operator tells
 * apart (an expired token from a forged one, a revoked one from a CSRF failure, our outage from a
 * bad token). {@link #of(JwtException)} maps every failure of the library to one.
 *
 * <p>Thread safety: immutable.
 */
public enum VerificationOutcome {
    /** The token was accepted. */
    SUCCESS,
    /** An optional route, and no location held a token: the request goes on without one. */
    ABSENT,
    /** No token in any location the route reads. */
    MISSING,
    /** The token's {@code exp} has passed. */
    EXPIRED,
    /** No key for the token, or its signature does not verify: a forged or foreign token. */
    INVALID_SIGNATURE,
    /** The token's {@code alg} is missing or not allowed (an algorithm-confusion attempt, or a misconfigured client). */
    INVALID_ALGORITHM,
    /** Present but refused otherwise: carried malformed, not a compact JWS, a claim missing or wrong. */
    INVALID_TOKEN,
    /** A refresh token where an access token is required, or the reverse. */
    WRONG_TYPE,
    /** The route requires a fresh token and this one is not (or no longer) fresh. */
    FRESH_REQUIRED,
    /** The token was revoked (logged out, its family revoked, or refused by the blocklist callback). */
    REVOKED,
    /** The CSRF value of a cookie token is missing or does not match. */
    CSRF,
    /** The revocation store (or a remote key set) could not answer: the request failed closed. */
    STORE_UNAVAILABLE,
    /** The request cannot be read for a token (two {@code Authorization} lines, a body over the limit). */
    BAD_REQUEST,
    /** The claims verifier callback refused the token. */
    CLAIMS_REFUSED,
    /** The user lookup callback found no user. */
    USER_NOT_FOUND;

    /** The lower-case name, as a metric tag: {@code success}, {@code invalid_signature}, ... */
    public String tag() { return name().toLowerCase(Locale.ROOT); }

    /** The outcome of each failure type but {@link InvalidTokenException}, whose reason decides. */
    private static final Map<Class<? extends JwtException>, VerificationOutcome> BY_TYPE = Map.of(
            MissingTokenException.class, MISSING, CsrfException.class, CSRF, ExpiredTokenException.class, EXPIRED,
            FreshTokenRequiredException.class, FRESH_REQUIRED, RevokedTokenException.class, REVOKED,
            StoreUnavailableException.class, STORE_UNAVAILABLE, BadRequestException.class, BAD_REQUEST,
            UserClaimsVerificationException.class, CLAIMS_REFUSED, UserLookupException.class, USER_NOT_FOUND);

    /** The outcome of a verification that failed with {@code error}. */
    public static VerificationOutcome of(JwtException error) {
        if (error instanceof InvalidTokenException invalid) {
            return switch (invalid.reason()) {
                case SIGNATURE -> INVALID_SIGNATURE;
                case ALGORITHM -> INVALID_ALGORITHM;
                case TOKEN_TYPE -> WRONG_TYPE;
                case REQUEST, MALFORMED, CLAIM -> INVALID_TOKEN;
            };
        }
        // The failure types are final: an exact lookup. Total, so reporting never fails a request;
        // that every failure type has its own entry is pinned by VerificationOutcomeTest.
        return BY_TYPE.getOrDefault(error.getClass(), INVALID_TOKEN);
    }
}
