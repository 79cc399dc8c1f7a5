package io.github.jwtextended.error;

import java.util.Map;

/**
 * The token's {@code exp} has passed, leeway included ({@link ErrorKind#EXPIRED_TOKEN}, 401). The
 * decoder's carries the expired token's header and claims (its signature verified).
 *
 * <p>Thread safety: immutable.
 */
public final class ExpiredTokenException extends JwtException {
    public ExpiredTokenException(String message) {
        super(ErrorKind.EXPIRED_TOKEN, message, null, null);
    }

    /** The failure of a verified token, carrying its {@code header} and {@code claims}. */
    public ExpiredTokenException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.EXPIRED_TOKEN, message, header, claims);
    }
}
