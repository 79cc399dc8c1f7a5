package io.github.jwtextended.key;

import java.util.Locale;

/**
 * How one fetch of a remote JWK Set ended ({@link RemoteJwksKeyResolver}): {@link #SUCCESS}, or
 * why it failed, one constant per cause an operator acts on differently. A fixed set: a metric
 * tagged with it stays bounded (never a URL, a status code or an address).
 *
 * <p>Thread safety: immutable.
 */
public enum JwksFetchOutcome {
    /** A document with at least one usable signature key was read: its keys are now in use. */
    SUCCESS,
    /** No complete answer within the connect or read timeout. */
    TIMEOUT,
    /** The server answered with a status other than 200 (redirects are not followed: a 3xx counts here). */
    HTTP_STATUS,
    /** The answer was not a JWK Set with a usable public signature key (not JSON, a private or secret key, duplicate {@code kid}s, no key left). */
    INVALID_DOCUMENT,
    /** The document was larger than the configured maximum. */
    TOO_LARGE,
    /** The connection failed (refused, reset, name or TLS failure), or the fetch was interrupted. */
    NETWORK;

    /** The lower-case name, as a metric tag: {@code success}, {@code timeout}, {@code http_status}, ... */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
