package io.github.jwtextended.error;

/**
 * The kinds of failure the verify pipeline reports, each with its default HTTP status and the
 * flask-jwt-extended handler it corresponds to.
 *
 * <p>Thread safety: immutable.
 */
public enum ErrorKind {
    /** No token in any location, or a CSRF problem ({@code unauthorized_loader}): 401. */
    UNAUTHORIZED(401),
    /** A token is present but malformed or invalid ({@code invalid_token_loader}): 422. */
    INVALID_TOKEN(422),
    /** The token's {@code exp} has passed ({@code expired_token_loader}): 401. */
    EXPIRED_TOKEN(401),
    /** A fresh token is required ({@code needs_fresh_token_loader}): 401. */
    NEEDS_FRESH_TOKEN(401),
    /** The token has been revoked ({@code revoked_token_loader}): 401. */
    REVOKED_TOKEN(401),
    /** The user lookup callback found no user ({@code user_lookup_error_loader}): 401. */
    USER_LOOKUP_FAILED(401),
    /** The custom token verification callback refused the token ({@code token_verification_failed_loader}): 400. */
    VERIFICATION_FAILED(400),
    /** The request is ambiguous, for example two {@code Authorization} field lines (RFC 6750 §3.1): 400. */
    BAD_REQUEST(400),
    /** The revocation store could not answer in time; the request fails closed: 503. */
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
