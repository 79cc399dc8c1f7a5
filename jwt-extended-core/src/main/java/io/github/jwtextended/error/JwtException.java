package io.github.jwtextended.error;

import java.util.Map;
import java.util.Objects;

/**
 * A failure the library reports while reading, decoding or verifying a token: the one model of a
 * failure, for the code that answers it and the code that catches it.
 *
 * <p><b>Types for catchers, a kind for handlers.</b> The permitted subclasses are exactly the
 * failures a catcher tells apart. Each is final and unchecked, named for its failure, and fixes
 * its {@link ErrorKind} in its constructor, nowhere else:
 * <table>
 *   <caption>Failure types and their kinds</caption>
 *   <tr><th>type</th><th>{@link #kind()}</th><th>flask-jwt-extended's handler</th></tr>
 *   <tr><td>{@link MissingTokenException}</td><td>{@code UNAUTHORIZED}</td>
 *       <td>{@code unauthorized_loader}</td></tr>
 *   <tr><td>{@link CsrfException}</td><td>{@code UNAUTHORIZED}</td>
 *       <td>{@code unauthorized_loader}</td></tr>
 *   <tr><td>{@link InvalidTokenException}</td><td>{@code INVALID_TOKEN}</td>
 *       <td>{@code invalid_token_loader}</td></tr>
 *   <tr><td>{@link ExpiredTokenException}</td><td>{@code EXPIRED_TOKEN}</td>
 *       <td>{@code expired_token_loader}</td></tr>
 *   <tr><td>{@link FreshTokenRequiredException}</td><td>{@code NEEDS_FRESH_TOKEN}</td>
 *       <td>{@code needs_fresh_token_loader}</td></tr>
 *   <tr><td>{@link RevokedTokenException}</td><td>{@code REVOKED_TOKEN}</td>
 *       <td>{@code revoked_token_loader}</td></tr>
 *   <tr><td>{@link UserLookupException}</td><td>{@code USER_LOOKUP_FAILED}</td>
 *       <td>{@code user_lookup_error_loader}</td></tr>
 *   <tr><td>{@link UserClaimsVerificationException}</td><td>{@code VERIFICATION_FAILED}</td>
 *       <td>{@code token_verification_failed_loader}</td></tr>
 *   <tr><td>{@link BadRequestException}</td><td>{@code BAD_REQUEST}</td>
 *       <td>(ours)</td></tr>
 *   <tr><td>{@link StoreUnavailableException}</td><td>{@code STORE_UNAVAILABLE}</td>
 *       <td>(ours)</td></tr>
 * </table>
 * Why both, and why this cut:
 * <ul>
 *   <li>The {@link ErrorKind} names the answer: it is what an application replaces an answer for
 *       ({@code JwtManager.Builder.errorHandler(kind, handler)}, one per flask-jwt-extended
 *       handler), what the default answers switch on (the compiler checks an enum switch for
 *       exhaustiveness; Java 17 has no switch over a sealed type) and what a log line names.</li>
 *   <li>A type is what a {@code catch} clause names. A catcher that treats one failure apart
 *       catches its type rather than the root and a test of {@link #kind()}: a guard's search moves
 *       on to the next location, and an optional guard answers with no token, only on a
 *       {@link MissingTokenException}; a route that must not claim success without the store's
 *       record lets a {@link StoreUnavailableException} through. That is why a missing token and a
 *       CSRF failure are two types of one kind: one lets the request go on, the other never does.</li>
 *   <li>Detail within one failure that no code treats apart is a field, not a type:
 *       {@link InvalidTokenException#reason()} says which part of the token was refused (its
 *       carrier, its encoding, its algorithm, its signature, a claim, its type) and
 *       {@link InvalidTokenException#member()} which header member or claim.</li>
 * </ul>
 *
 * <p><b>Carried token.</b> A failure after the token was decoded and verified (of the wrong type,
 * not fresh, revoked, refused by the claims verifier or by the user lookup), and an expired token
 * whose signature verified, carry the token's JOSE header and claims, as JJWT's claim exceptions
 * do; every other failure carries empty maps. The message is safe to show to a client: it never
 * contains the token, a key or a claim value chosen by an unauthenticated party.
 *
 * <p>Thread safety: immutable.
 */
public abstract sealed class JwtException extends RuntimeException
        permits MissingTokenException, CsrfException, InvalidTokenException, ExpiredTokenException,
        FreshTokenRequiredException, RevokedTokenException, UserLookupException, UserClaimsVerificationException,
        BadRequestException, StoreUnavailableException {
    private final ErrorKind kind;
    private final transient Map<String, Object> header;
    private final transient Map<String, Object> claims;

    /** A failure of {@code kind}; a null {@code header} or {@code claims} is an empty map. */
    JwtException(ErrorKind kind, String message, Map<String, Object> header, Map<String, Object> claims) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.header = header == null ? Map.of() : header;
        this.claims = claims == null ? Map.of() : claims;
    }

    /**
     * With the underlying failure kept for the server log (never shown to a client). The cause must
     * be given here: the no-cause constructor fixes it to null, so {@code initCause} cannot set it later.
     */
    JwtException(ErrorKind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.header = Map.of();
        this.claims = Map.of();
    }

    /** The kind of failure, fixed by the type: it selects the error handler and the default status. */
    public final ErrorKind kind() {
        return kind;
    }

    /** The verified token's JOSE header (see "Carried token" above), otherwise an empty map. */
    public final Map<String, Object> header() {
        return header;
    }

    /** The verified token's claims (see "Carried token" above), otherwise an empty map. */
    public final Map<String, Object> claims() {
        return claims;
    }
}
