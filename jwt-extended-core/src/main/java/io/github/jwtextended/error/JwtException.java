package io.github.jwtextended.error;

import java.util.Map;

/**
 * Root of every failure the library reports while creating, decoding or verifying a token.
 *
 * <p>Each subclass is named after the failure and carries its {@link ErrorKind}, which decides
 * the HTTP answer. When the failure happened after the token's signature was verified, the
 * exception also carries the token's JOSE header and claims (otherwise both are empty maps).
 * The message is safe to show to a client: it never contains the token, a key or a claim value
 * chosen by an unauthenticated party.
 *
 * <p>Thread safety: immutable.
 */
public abstract class JwtException extends RuntimeException {
    private final transient Map<String, Object> header;
    private final transient Map<String, Object> claims;

    protected JwtException(String message) {
        this(message, Map.of(), Map.of());
    }

    protected JwtException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, null, false, false);
        this.header = header == null ? Map.of() : header;
        this.claims = claims == null ? Map.of() : claims;
    }

    /**
     * A failure caused by another one (e.g. a store outage), kept for the server log only; the
     * cause's message never reaches the client.
     */
    protected JwtException(String message, Throwable cause) {
        super(message, cause, false, false);
        this.header = Map.of();
        this.claims = Map.of();
    }

    /** What kind of failure this is; it selects the error handler and the default status. */
    public abstract ErrorKind kind();

    /** The verified token's JOSE header, or an empty map when the token was never verified. */
    public Map<String, Object> header() {
        return header;
    }

    /** The verified token's claims, or an empty map when the token was never verified. */
    public Map<String, Object> claims() {
        return claims;
    }
}
