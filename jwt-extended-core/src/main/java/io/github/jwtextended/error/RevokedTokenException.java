package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token has been revoked: by the revocation store, the blocklist callback, or as a reused
 * refresh token ({@link ErrorKind#REVOKED_TOKEN}, 401).
 *
 * <p>Thread safety: immutable.
 */
public final class RevokedTokenException extends JwtException {
    public RevokedTokenException(String message) {
        super(ErrorKind.REVOKED_TOKEN, message, null, null);
    }

    /** The failure of a verified token, carrying its {@code header} and {@code claims}. */
    public RevokedTokenException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.REVOKED_TOKEN, message, header, claims);
    }
}
