package io.github.jwtextended.error;

/**
 * How invalid tokens are answered.
 *
 * <p>Thread safety: immutable.
 */
public enum ErrorStyle {
    /** flask-jwt-extended's answers: 422 for an invalid token, {@code WWW-Authenticate: Bearer} on every 401. */
    FLASK,
    /**
     * RFC 6750 §3.1: an invalid token is 401 with {@code WWW-Authenticate: Bearer error="invalid_token"};
     * a request that cannot be read for a token is 400 {@code error="invalid_request"}. Bodies stay
     * {@code {"msg": ...}}.
     */
    RFC6750
}
