package io.github.jwtextended.error;

/**
 * The kinds of failure, one per answer: each is one of flask-jwt-extended's error handlers (or one
 * of ours), with its default HTTP status. An application replaces the answer to a kind with
 * {@code JwtManager.Builder.errorHandler(kind, handler)}. Every {@link JwtException} type fixes
 * its kind (the table in {@link JwtException} says which, and why both exist).
 *
 * <p>Thread safety: immutable.
 */
public enum ErrorKind {
    /**
     * No token in any location ({@link MissingTokenException}), or a CSRF failure
     * ({@link CsrfException}); {@code unauthorized_loader}: 401.
     */
    UNAUTHORIZED(401),
    /** A token is present but refused ({@link InvalidTokenException}); {@code invalid_token_loader}: 422. */
    INVALID_TOKEN(422),
    /** The token's {@code exp} has passed ({@link ExpiredTokenException}); {@code expired_token_loader}: 401. */
    EXPIRED_TOKEN(401),
    /** A fresh token is required ({@link FreshTokenRequiredException}); {@code needs_fresh_token_loader}: 401. */
    NEEDS_FRESH_TOKEN(401),
    /** The token has been revoked ({@link RevokedTokenException}); {@code revoked_token_loader}: 401. */
    REVOKED_TOKEN(401),
    /** The user lookup callback found no user ({@link UserLookupException}); {@code user_lookup_error_loader}: 401. */
    USER_LOOKUP_FAILED(401),
    /**
     * The claims verifier refused the token ({@link UserClaimsVerificationException});
     * {@code token_verification_failed_loader}: 400.
     */
    VERIFICATION_FAILED(400),
    /**
     * The request cannot be read for a token ({@link BadRequestException}): two {@code Authorization}
     * field lines, two token query parameters, a JSON body over the limit (RFC 6750 §3.1
     * {@code invalid_request}): 400.
     */
    BAD_REQUEST(400),
    /**
     * The revocation store could not answer in time, or a remote JWKS has no keys fresh enough
     * ({@link StoreUnavailableException}); the request fails closed: 503.
     */
    STORE_UNAVAILABLE(503);

    private final int defaultStatus;

    ErrorKind(int defaultStatus) {
        this.defaultStatus = defaultStatus;
    }

    /** The status flask-jwt-extended answers with for this kind (503 and 400 where it would answer 500). */
    public int defaultStatus() {
        return defaultStatus;
    }
}
