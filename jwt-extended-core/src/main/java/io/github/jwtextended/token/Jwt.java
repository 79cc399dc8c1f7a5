package io.github.jwtextended.token;

import io.github.jwtextended.config.TokenLocation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A token whose signature and claims have been verified: its JOSE header, its claims (with
 * flask-jwt-extended's defaults filled in: {@code type} "access", {@code fresh} false, {@code jti}
 * null), where it came from and the user the lookup callback loaded for it.
 *
 * <p>{@link #absent()} stands for "no token" under an optional guard (and for OPTIONS requests):
 * empty header and claims, null identity, user and location, as flask-jwt-extended gives.
 *
 * <p>Thread safety: immutable (the maps are unmodifiable; values read from a token are strings,
 * numbers, booleans, and unmodifiable lists and maps). A decoder may hand the same instance to
 * several requests that send the same token.
 */
public final class Jwt {
    private static final Jwt ABSENT = new Jwt(Map.of(), Map.of(), "sub", null, null, false);

    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final String identityClaim;
    private final TokenLocation location;
    private final Object user;
    private final boolean present;

    private Jwt(Map<String, Object> header, Map<String, Object> claims, String identityClaim,
                TokenLocation location, Object user, boolean present) {
        this.header = header;
        this.claims = claims;
        this.identityClaim = identityClaim;
        this.location = location;
        this.user = user;
        this.present = present;
    }

    /** A verified token; the maps are copied. */
    public static Jwt of(Map<String, Object> header, Map<String, Object> claims, String identityClaim) {
        return new Jwt(Collections.unmodifiableMap(new LinkedHashMap<>(header)),
                Collections.unmodifiableMap(new LinkedHashMap<>(claims)),
                Objects.requireNonNull(identityClaim, "identityClaim"), null, null, true);
    }

    /**
     * A verified token over maps the decoder has just built and hands over (not copied): nobody
     * else may keep a reference that could change them.
     */
    static Jwt wrap(Map<String, Object> header, Map<String, Object> claims, String identityClaim) {
        return new Jwt(Collections.unmodifiableMap(header), Collections.unmodifiableMap(claims),
                Objects.requireNonNull(identityClaim, "identityClaim"), null, null, true);
    }

    /** No token: what an optional guard gives when none was sent. */
    public static Jwt absent() {
        return ABSENT;
    }

    /** False for {@link #absent()}. */
    public boolean isPresent() {
        return present;
    }

    /** The JOSE header ({@code get_jwt_header()}). */
    public Map<String, Object> header() {
        return header;
    }

    /** All claims ({@code get_jwt()}). */
    public Map<String, Object> claims() {
        return claims;
    }

    /** One claim, or null. */
    public Object claim(String name) {
        return claims.get(name);
    }

    /** The identity claim's value ({@code get_jwt_identity()}); null when absent. */
    public Object identity() {
        return claims.get(identityClaim);
    }

    /** The identity as a string (it is one unless {@code verifySub} is off); null when absent. */
    public String identityAsString() {
        Object id = identity();
        return id == null ? null : String.valueOf(id);
    }

    /** {@code access} or {@code refresh}. */
    public String type() {
        Object t = claims.get("type");
        return t instanceof String ? (String) t : null;
    }

    public boolean isRefresh() {
        return "refresh".equals(type());
    }

    /** The token's unique id, or null when it has none. */
    public String jti() {
        Object j = claims.get("jti");
        return j instanceof String ? (String) j : null;
    }

    /**
     * The refresh-token family ({@code fam} claim: tokens descending from one login under refresh
     * token rotation), or null.
     */
    public String family() {
        Object f = claims.get("fam");
        return f instanceof String ? (String) f : null;
    }

    /** The {@code exp} instant, or null for a token that never expires. */
    public Instant expiresAt() {
        return numericDate("exp");
    }

    /** The {@code iat} instant, or null. */
    public Instant issuedAt() {
        return numericDate("iat");
    }

    private Instant numericDate(String name) {
        Object v = claims.get(name);
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            long seconds = (long) Math.floor(d);
            long nanos = Math.round((d - seconds) * 1_000_000_000L);
            return Instant.ofEpochSecond(seconds, Math.min(nanos, 999_999_999L));
        }
        return null;
    }

    /** Where the token was found ({@code get_jwt_request_location()}); null when decoded directly. */
    public TokenLocation location() {
        return location;
    }

    /** The user loaded by the user lookup callback ({@code get_current_user()}); null without one. */
    public Object user() {
        return user;
    }

    /** The user, cast to the caller's type. */
    @SuppressWarnings("unchecked")
    public <U> U user(Class<U> type) {
        return type.cast(user);
    }

    /**
     * {@code get_current_user()}: the user the user lookup callback loaded, cast to {@code type}
     * (pass {@code Object.class} for no cast); null for {@link #absent()}. What the adapters hand
     * a handler as its current user.
     *
     * @param type the user's class
     * @param <U>  the user's type
     * @return the user, or null without a token
     * @throws IllegalStateException when a token is present without a user: no user lookup
     *                               callback is configured ({@code JwtManager.builder(...).userLookup(...)})
     * @throws ClassCastException    when the user is not a {@code type}
     */
    public <U> U currentUser(Class<U> type) {
        if (present && user == null) {
            throw new IllegalStateException("No user lookup callback is configured: JwtManager.builder(...).userLookup(...)");
        }
        return type.cast(user);
    }

    /** A copy that records where the token came from. */
    public Jwt withLocation(TokenLocation location) {
        return new Jwt(header, claims, identityClaim, location, user, present);
    }

    /** A copy that carries the loaded user. */
    public Jwt withUser(Object user) {
        return new Jwt(header, claims, identityClaim, location, user, present);
    }

    /** Shows the type, location and claim names, never claim values. */
    @Override
    public String toString() {
        return present ? "Jwt[type=" + type() + ", location=" + location + ", claims=" + claims.keySet() + "]" : "Jwt[absent]";
    }
}
