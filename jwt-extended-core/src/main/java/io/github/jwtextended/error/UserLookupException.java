package io.github.jwtextended.error;

import java.util.Map;

/**
 * The user lookup callback returned no user for the token's identity
 * ({@link ErrorKind#USER_LOOKUP_FAILED}, 401). An application that loads its user itself throws it too.
 *
 * <p>Thread safety: immutable.
 */
public final class UserLookupException extends JwtException {
    public UserLookupException(String message) {
        super(ErrorKind.USER_LOOKUP_FAILED, message, null, null);
    }

    /** The failure of a verified token, carrying its {@code header} and {@code claims}. */
    public UserLookupException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.USER_LOOKUP_FAILED, message, header, claims);
    }
}
