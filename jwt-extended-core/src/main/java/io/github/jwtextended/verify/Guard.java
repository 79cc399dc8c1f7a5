package io.github.jwtextended.verify;

import io.github.jwtextended.config.TokenLocation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a route requires of its token: flask-jwt-extended's {@code jwt_required(optional, fresh,
 * refresh, locations, verify_type, skip_revocation_check)}, one component per argument, in its
 * order and with its default. {@link #required()} is {@code @jwt_required()}; each wither sets the
 * argument of its name:
 *
 * <pre>{@code
 * Guard.required();                                          // @jwt_required()
 * Guard.required().fresh(true);                              // @jwt_required(fresh=True)
 * Guard.required().optional(true);                           // @jwt_required(optional=True)
 * Guard.required().refresh(true).locations(TokenLocation.COOKIES);
 *                                                            // @jwt_required(refresh=True, locations=["cookies"])
 * Guard.required().verifyType(false);                        // @jwt_required(verify_type=False)
 * }</pre>
 *
 * The adapters carry it as it is: the servlet filter maps paths to guards, the Javalin plugin
 * reads it from a route's {@code JwtGuard}, and the Spring starter's {@code @JwtRequired} has one
 * attribute per component, of the same name.
 *
 * <p>Thread safety: immutable.
 *
 * @param optional            a request without any token passes (with an absent token); a present
 *                            token must still be valid
 * @param fresh               the access token must be fresh
 * @param refresh             a refresh token is required, read from the refresh cookie, refresh
 *                            CSRF header and refresh JSON key
 * @param locations           where to look, in this order, instead of the configured locations;
 *                            empty means the configured ones
 * @param verifyType          {@code false} accepts either token type (where the token is read
 *                            still follows {@code refresh})
 * @param skipRevocationCheck {@code true} skips the revocation store and the blocklist check
 */
public record Guard(boolean optional, boolean fresh, boolean refresh, List<TokenLocation> locations,
                    boolean verifyType, boolean skipRevocationCheck) {
    private static final Guard REQUIRED = new Guard(false, false, false, List.of(), true, false);

    /**
     * A guard with these settings; {@link #required()} and the withers read better.
     *
     * @throws NullPointerException     if {@code locations} is null
     * @throws IllegalArgumentException if one of {@code locations} is null
     */
    public Guard {
        Objects.requireNonNull(locations, "locations");
        if (locations.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("locations cannot contain null");
        }
        locations = List.copyOf(locations);
    }

    /** {@code @jwt_required()}: a valid access token, from the configured locations. */
    public static Guard required() {
        return REQUIRED;
    }

    /**
     * {@code @jwt_required(optional=True)} when {@code true}: a request with no token in any location
     * passes, with {@link io.github.jwtextended.token.Jwt#absent() an absent token} (no claims, a
     * null identity). A token that is present must still be valid: an expired, forged, revoked or
     * wrong-type token is refused as under a required guard.
     *
     * @param value {@code true} to let requests without a token through; {@code false} to require one
     * @return a guard with the other settings of this one
     */
    public Guard optional(boolean value) {
        return new Guard(value, fresh, refresh, locations, verifyType, skipRevocationCheck);
    }

    /**
     * {@code @jwt_required(fresh=True)} when {@code true}: the access token must be fresh, that is
     * created with {@code TokenOptions.defaults().withFresh(true)} (typically right after a password
     * check), or with {@code withFreshFor(...)} or {@code withFreshUntil(...)} and still within that
     * time; otherwise the answer is 401 {@code Fresh token required}. An access token created
     * without these options, as a refresh route usually creates it, is not fresh.
     *
     * @param value {@code true} to require a fresh token; {@code false} to accept any valid one
     * @return a guard with the other settings of this one
     */
    public Guard fresh(boolean value) {
        return new Guard(optional, value, refresh, locations, verifyType, skipRevocationCheck);
    }

    /**
     * {@code @jwt_required(refresh=True)} when {@code true}: a refresh token is required, read from
     * the refresh cookie (checked against the refresh CSRF header or form field) or the refresh JSON
     * key; an access token answers {@code Only refresh tokens are allowed} (422 by default).
     *
     * @param value {@code true} for a refresh route; {@code false} for an access-token route
     * @return a guard with the other settings of this one
     */
    public Guard refresh(boolean value) {
        return new Guard(optional, fresh, value, locations, verifyType, skipRevocationCheck);
    }

    /**
     * {@code @jwt_required(locations=[...])}: look for the token only in these locations, in this
     * order, instead of the configured token locations ({@code JWT_TOKEN_LOCATION}). The names
     * looked up (header, cookie, query parameter, JSON key, CSRF header) stay the configured ones.
     * A token missing from every listed location answers 401 ({@code Missing JWT in ...} naming
     * them, or the one location's own message); a token found in a location but not valid is
     * refused without trying the next location. To look in the configured locations again, pass an
     * empty list ({@code locations()} without arguments is the accessor).
     *
     * @param value where to look, in order of precedence
     * @return a guard with the other settings of this one
     * @throws IllegalArgumentException if one of {@code value} is null
     */
    public Guard locations(TokenLocation... value) {
        return locations(Arrays.asList(value));
    }

    /**
     * {@link #locations(TokenLocation...)} from a list; an empty list means the configured locations.
     *
     * @param value where to look, in order of precedence; empty for the configured locations
     * @return a guard with the other settings of this one
     * @throws IllegalArgumentException if one of {@code value} is null
     */
    public Guard locations(List<TokenLocation> value) {
        return new Guard(optional, fresh, refresh, value, verifyType, skipRevocationCheck);
    }

    /**
     * {@code @jwt_required(verify_type=False)} when {@code false}: accepts an access token and a
     * refresh token alike, where the guard otherwise refuses the other type ({@code Only non-refresh
     * tokens are allowed}, or {@code Only refresh tokens are allowed} under {@link #refresh()}; 422
     * by default). Where the token is read does not change: a refresh guard still reads the refresh
     * cookie, refresh CSRF header and refresh JSON key. Use it for a route that takes either token,
     * such as a logout that revokes whichever it is given.
     *
     * @param value {@code false} to accept any token type; {@code true} (the default) to check it
     * @return a guard with the other settings of this one
     */
    public Guard verifyType(boolean value) {
        return new Guard(optional, fresh, refresh, locations, value, skipRevocationCheck);
    }

    /**
     * {@code @jwt_required(skip_revocation_check=True)} when {@code true}: accepts a token without
     * asking the manager's {@link io.github.jwtextended.revocation.RevocationStore RevocationStore}
     * or its blocklist callback, so a revoked (logged out) token still passes and a store outage does
     * not answer 503 on this route. Signature, expiry, type and freshness are still checked. Only for
     * routes where a revoked token may do no harm.
     *
     * @param value {@code true} to skip the revocation check; {@code false} (the default) to make it
     * @return a guard with the other settings of this one
     */
    public Guard skipRevocationCheck(boolean value) {
        return new Guard(optional, fresh, refresh, locations, verifyType, value);
    }
}
