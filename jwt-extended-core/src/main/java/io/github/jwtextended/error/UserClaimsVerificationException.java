package io.github.jwtextended.error;

import java.util.Map;

/**
 * The application's claims verifier refused the token ({@link ErrorKind#VERIFICATION_FAILED}, 400);
 * flask-jwt-extended's {@code UserClaimsVerificationError}.
 *
 * <p>Thread safety: immutable.
 */
public final class UserClaimsVerificationException extends JwtException {
    public UserClaimsVerificationException(String message) {
        super(ErrorKind.VERIFICATION_FAILED, message, null, null);
    }

    /** The failure of a verified token, carrying its {@code header} and {@code claims}. */
    public UserClaimsVerificationException(String message, Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.VERIFICATION_FAILED, message, header, claims);
    }
}
