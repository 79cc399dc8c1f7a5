package io.github.jwtextended.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-call options for creating a token: freshness, lifetime, additional claims and headers
 * ({@code create_access_token}'s keyword arguments). Start from {@link #defaults()} and chain.
 *
 * <p>Thread safety: immutable; every {@code with*} method returns a new instance.
 */
public final class TokenOptions {
    private static final TokenOptions DEFAULTS = new TokenOptions(false, null, null, false, Map.of(), Map.of(), null);

    private final boolean fresh;
    private final Instant freshUntil;
    private final Duration freshFor;
    private final Duration expiresIn;
    private final boolean noExpiry;
    private final Map<String, Object> claims;
    private final Map<String, Object> headers;
    private final String family;

    private TokenOptions(boolean fresh, Object freshLimit, Duration expiresIn, boolean noExpiry,
                         Map<String, Object> claims, Map<String, Object> headers, String family) {
        this.fresh = fresh;
        this.freshUntil = freshLimit instanceof Instant ? (Instant) freshLimit : null;
        this.freshFor = freshLimit instanceof Duration ? (Duration) freshLimit : null;
        this.expiresIn = expiresIn;
        this.noExpiry = noExpiry;
        this.claims = claims;
        this.headers = headers;
        this.family = family;
    }

    /** Not fresh, the configured lifetime, no additional claims or headers. */
    public static TokenOptions defaults() {
        return DEFAULTS;
    }

    /** {@code fresh=True/False}. */
    public TokenOptions withFresh(boolean fresh) {
        return new TokenOptions(fresh, null, expiresIn, noExpiry, claims, headers, family);
    }

    /** {@code fresh=<epoch>}: fresh until this instant (written as a float epoch). */
    public TokenOptions withFreshUntil(Instant until) {
        return new TokenOptions(false, Objects.requireNonNull(until, "until"), expiresIn, noExpiry, claims, headers, family);
    }

    /** {@code fresh=timedelta(...)}: fresh for this long after creation. */
    public TokenOptions withFreshFor(Duration d) {
        return new TokenOptions(false, Objects.requireNonNull(d, "freshFor"), expiresIn, noExpiry, claims, headers, family);
    }

    /** {@code expires_delta=...}: this lifetime instead of the configured one. */
    public TokenOptions withExpiresIn(Duration d) {
        Objects.requireNonNull(d, "expiresIn");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("expiresIn must be positive; use withoutExpiry() for a token that never expires");
        }
        return new TokenOptions(fresh, freshLimit(), d, false, claims, headers, family);
    }

    /** {@code expires_delta=False}: a token without {@code exp}. Only on explicit request. */
    public TokenOptions withoutExpiry() {
        return new TokenOptions(fresh, freshLimit(), null, true, claims, headers, family);
    }

    /** {@code additional_claims}: merged over the additional-claims loader's; reserved claims are refused at creation. */
    public TokenOptions withClaims(Map<String, ?> additional) {
        Map<String, Object> m = new LinkedHashMap<>(claims);
        m.putAll(Objects.requireNonNull(additional, "claims"));
        return new TokenOptions(fresh, freshLimit(), expiresIn, noExpiry, Collections.unmodifiableMap(m), headers, family);
    }

    /** One additional claim. */
    public TokenOptions withClaim(String name, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, value);
        return withClaims(m);
    }

    /** {@code additional_headers}: merged over the additional-headers loader's. */
    public TokenOptions withHeaders(Map<String, ?> additional) {
        Map<String, Object> m = new LinkedHashMap<>(headers);
        m.putAll(Objects.requireNonNull(additional, "headers"));
        return new TokenOptions(fresh, freshLimit(), expiresIn, noExpiry, claims, Collections.unmodifiableMap(m), family);
    }

    /**
     * The refresh-token rotation family, written as the {@code fam} claim. {@code JwtManager}'s
     * token-pair and rotation methods set it; additional claims cannot (it is reserved), so neither
     * an additional-claims loader nor caller-supplied claims can move a token into a family.
     */
    public TokenOptions withFamily(String family) {
        if (family != null && family.isEmpty()) {
            throw new IllegalArgumentException("family must not be empty");
        }
        return new TokenOptions(fresh, freshLimit(), expiresIn, noExpiry, claims, headers, family);
    }

    private Object freshLimit() {
        return freshUntil != null ? freshUntil : freshFor;
    }

    public boolean fresh() { return fresh; }
    public Instant freshUntil() { return freshUntil; }
    public Duration freshFor() { return freshFor; }
    /** The lifetime asked for, or null for the configured one (or none, see {@link #noExpiry()}). */
    public Duration expiresIn() { return expiresIn; }
    public boolean noExpiry() { return noExpiry; }
    public Map<String, Object> claims() { return claims; }
    public Map<String, Object> headers() { return headers; }
    /** The rotation family ({@code fam}), or null. */
    public String family() { return family; }
}
