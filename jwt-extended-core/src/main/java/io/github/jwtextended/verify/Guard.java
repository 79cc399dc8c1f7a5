package io.github.jwtextended.verify;

import io.github.jwtextended.config.TokenLocation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a route requires of its token: flask-jwt-extended's {@code jwt_required(optional, fresh,
 * refresh, locations, verify_type, skip_revocation_check)}. Start from {@link #required()},
 * {@link #optional()}, {@link #fresh()} or {@link #refresh()} and chain.
 *
 * <pre>{@code
 * Guard.required();                                   // @jwt_required()
 * Guard.fresh();                                      // @jwt_required(fresh=True)
 * Guard.refresh().locations(TokenLocation.COOKIES);   // @jwt_required(refresh=True, locations=["cookies"])
 * Guard.required().verifyType(false);                 // any token type
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class Guard {
    private final boolean optional;
    private final boolean fresh;
    private final boolean refresh;
    private final List<TokenLocation> locations;
    private final boolean verifyType;
    private final boolean skipRevocationCheck;

    private Guard(boolean optional, boolean fresh, boolean refresh, List<TokenLocation> locations,
                  boolean verifyType, boolean skipRevocationCheck) {
        this.optional = optional;
        this.fresh = fresh;
        this.refresh = refresh;
        this.locations = locations;
        this.verifyType = verifyType;
        this.skipRevocationCheck = skipRevocationCheck;
    }

    /** A valid access token is required. */
    public static Guard required() {
        return new Guard(false, false, false, List.of(), true, false);
    }

    /** A token is optional; a present token must still be valid. */
    public static Guard optional() {
        return required().optional(true);
    }

    /** A fresh access token is required. */
    public static Guard fresh() {
        return required().fresh(true);
    }

    /** A refresh token is required (refresh cookie, refresh CSRF header and refresh JSON key). */
    public static Guard refresh() {
        return required().refresh(true);
    }

    public Guard optional(boolean value) {
        return new Guard(value, fresh, refresh, locations, verifyType, skipRevocationCheck);
    }

    public Guard fresh(boolean value) {
        return new Guard(optional, value, refresh, locations, verifyType, skipRevocationCheck);
    }

    public Guard refresh(boolean value) {
        return new Guard(optional, fresh, value, locations, verifyType, skipRevocationCheck);
    }

    /** Where to look, in order, instead of the configured locations; none means the configured ones. */
    public Guard locations(TokenLocation... value) {
        return locations(Arrays.asList(value));
    }

    public Guard locations(List<TokenLocation> value) {
        Objects.requireNonNull(value, "locations");
        if (value.contains(null)) {
            throw new IllegalArgumentException("locations cannot contain null");
        }
        return new Guard(optional, fresh, refresh, List.copyOf(value), verifyType, skipRevocationCheck);
    }

    /** False accepts any token type (the location and keys still follow {@link #isRefresh()}). */
    public Guard verifyType(boolean value) {
        return new Guard(optional, fresh, refresh, locations, value, skipRevocationCheck);
    }

    /** True skips the revocation store and blocklist check. */
    public Guard skipRevocationCheck(boolean value) {
        return new Guard(optional, fresh, refresh, locations, verifyType, value);
    }

    public boolean isOptional() { return optional; }
    public boolean isFresh() { return fresh; }
    public boolean isRefresh() { return refresh; }
    /** The locations to search; empty means the configured ones. */
    public List<TokenLocation> locations() { return locations; }
    public boolean verifiesType() { return verifyType; }
    public boolean skipsRevocationCheck() { return skipRevocationCheck; }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Guard)) return false;
        Guard g = (Guard) o;
        return optional == g.optional && fresh == g.fresh && refresh == g.refresh && verifyType == g.verifyType
                && skipRevocationCheck == g.skipRevocationCheck && locations.equals(g.locations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(optional, fresh, refresh, locations, verifyType, skipRevocationCheck);
    }

    @Override
    public String toString() {
        return "Guard[optional=" + optional + ", fresh=" + fresh + ", refresh=" + refresh + ", locations=" + locations
                + ", verifyType=" + verifyType + ", skipRevocationCheck=" + skipRevocationCheck + "]";
    }
}
