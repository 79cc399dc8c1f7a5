package io.github.jwtextended.error;

import java.util.Map;
import java.util.Objects;

/**
 * A token is present but refused ({@link ErrorKind#INVALID_TOKEN}: 422, or 401 in the RFC 6750
 * style): it is carried malformed, is not a well-formed compact JWS, its algorithm is refused,
 * its signature does not verify, a claim is missing or wrong, or it is of the other type.
 * {@link #reason()} says which, and {@link #member()} names the header member or claim at fault,
 * so that a catcher (a metric, a security log) can tell an attack on the algorithm from a skewed
 * clock without a type per case: every one of them gets the same answer.
 *
 * <p>Only a token of the wrong type ({@link Reason#TOKEN_TYPE}) carries its header and claims: it
 * was decoded and verified before its type was compared with the guard's. The others carry empty maps.
 *
 * <p>Thread safety: immutable.
 */
public final class InvalidTokenException extends JwtException {
    /** Which part of the token was refused. */
    public enum Reason {
        /**
         * The request carries the token malformed: an {@code Authorization} header not of the shape
         * {@code <type> <JWT>}, a query parameter without the configured prefix, a JSON member that
         * is not a string (flask-jwt-extended's {@code InvalidHeaderError}, {@code InvalidQueryParamError}).
         */
        REQUEST,
        /**
         * Not a well-formed compact JWS: segments, base64url, JSON, the size limit, a {@code kid}
         * that is not a string, a {@code crit} or {@code b64} header member (PyJWT's {@code DecodeError}).
         */
        MALFORMED,
        /** No {@code alg}, or one outside the allow-list (PyJWT's {@code InvalidAlgorithmError}). */
        ALGORITHM,
        /** No key for the token, or its signature does not verify with it (PyJWT's {@code InvalidSignatureError}). */
        SIGNATURE,
        /**
         * A claim is missing or has the wrong type or value: {@code iat} or {@code nbf} in the
         * future, a NumericDate that is not a number, {@code iss}, {@code aud}, {@code sub},
         * {@code jti}, the identity claim, {@code type}, {@code csrf}. An {@code exp} that has
         * passed is an {@link ExpiredTokenException}.
         */
        CLAIM,
        /**
         * A refresh token where an access token is required, or the reverse (flask-jwt-extended's
         * {@code WrongTokenError}).
         */
        TOKEN_TYPE
    }

    private final Reason reason;
    private final String member;

    /** A failure about the token as a whole or its carrier: no {@link #member()}. */
    public InvalidTokenException(Reason reason, String message) {
        this(reason, null, message, null, null);
    }

    /** A failure about one header member or claim ({@code member}, null for none). */
    public InvalidTokenException(Reason reason, String member, String message) {
        this(reason, member, message, null, null);
    }

    /** A failure of a verified token, carrying its {@code header} and {@code claims}. */
    public InvalidTokenException(Reason reason, String member, String message,
                                 Map<String, Object> header, Map<String, Object> claims) {
        super(ErrorKind.INVALID_TOKEN, message, header, claims);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.member = member;
    }

    /** Which part of the token was refused. */
    public Reason reason() {
        return reason;
    }

    /**
     * The JOSE header member ({@code alg}, {@code kid}, {@code crit}, {@code b64}) or the claim ({@code iat},
     * {@code aud}, {@code type}, the identity claim, ...) the failure is about; null when it is
     * about the token as a whole or about the request.
     */
    public String member() {
        return member;
    }
}
