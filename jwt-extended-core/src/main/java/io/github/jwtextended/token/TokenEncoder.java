package io.github.jwtextended.token;

import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.callback.AdditionalHeadersLoader;
import io.github.jwtextended.callback.IdentityLoader;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.csrf.CsrfTokens;
import io.github.jwtextended.json.StrictJson;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Creates signed tokens with flask-jwt-extended's layout: header {@code {"alg":..,"typ":"JWT"}}
 * (keys sorted), claims in the order {@code fresh, iat, jti, type, <identity>, nbf, csrf, aud,
 * iss, exp}, then additional claims. Reserved claims and header parameters cannot be overridden.
 *
 * <p>Thread safety: immutable and thread safe if its callbacks are.
 */
public final class TokenEncoder {
    private static final Set<String> FORBIDDEN_HEADERS = Set.of(
            "alg", "crit", "b64", "zip", "enc", "jwk", "jku", "x5u", "x5c", "x5t", "x5t#S256");

    private final JwtConfig config;
    private final KeyResolver keys;
    private final Clock clock;
    private final AdditionalClaimsLoader claimsLoader;
    private final AdditionalHeadersLoader headersLoader;
    private final IdentityLoader identityLoader;

    public TokenEncoder(JwtConfig config, KeyResolver keys, Clock clock, AdditionalClaimsLoader claimsLoader,
                        AdditionalHeadersLoader headersLoader, IdentityLoader identityLoader) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimsLoader = claimsLoader;
        this.headersLoader = headersLoader;
        this.identityLoader = identityLoader;
    }

    /** A signed token of {@code type} ("access" or "refresh") for {@code identity}, with a new random {@code jti}. */
    public String encode(Object identity, String type, TokenOptions options) {
        return encode(identity, type, options, null);
    }

    /**
     * A signed token of {@code type} for {@code identity} whose {@code jti} is {@code jti} (null: a
     * new random one). Only refresh-token rotation gives one: every answer within its window
     * continues one line with one successor {@code jti}.
     */
    public String encode(Object identity, String type, TokenOptions options, String jti) {
        Objects.requireNonNull(options, "options");
        if (jti != null && jti.isEmpty()) {
            throw new IllegalArgumentException("jti must not be empty");
        }
        Object id = identityLoader == null ? identity : identityLoader.identityOf(identity);
        if (id == null) {
            throw new IllegalArgumentException("identity cannot be null");
        }
        if (config.claims().verifySub() && "sub".equals(config.claims().identity()) && !(id instanceof String)) {
            throw new IllegalArgumentException("identity must be a string (RFC 7519 sub); convert it with an identity loader, or turn verifySub off");
        }
        boolean refresh = "refresh".equals(type);
        Instant now = clock.instant();
        long iat = now.getEpochSecond();

        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("fresh", refresh ? Boolean.FALSE : freshValue(options, now));
        claims.put("iat", iat);
        claims.put("jti", jti != null ? jti : UUID.randomUUID().toString());
        claims.put("type", type);
        claims.put(config.claims().identity(), id);
        if (config.encode().nbf()) {
            claims.put("nbf", iat);
        }
        if (config.csrf().protect()) {
            claims.put("csrf", CsrfTokens.newValue());
        }
        List<String> aud = config.encode().audience();
        if (aud.size() == 1) {
            claims.put("aud", aud.get(0));
        } else if (aud.size() > 1) {
            claims.put("aud", aud);
        }
        if (config.encode().issuer() != null) {
            claims.put("iss", config.encode().issuer());
        }
        Duration lifetime = options.noExpiry() ? null
                : options.expiresIn() != null ? options.expiresIn()
                : config.kind(refresh).expires();
        if (lifetime != null) {
            claims.put("exp", iat + lifetime.getSeconds());
        }

        Map<String, Object> extra = loadedThenPerCall(claimsLoader == null ? null : claimsLoader.claimsFor(identity),
                options.claims());
        for (String name : extra.keySet()) {
            if (isReserved(name)) {
                throw new IllegalArgumentException("additional claims cannot set the reserved claim '" + name + "'");
            }
        }
        claims.putAll(extra);
        if (options.family() != null) {
            claims.put("fam", options.family());
        }

        JwtKey key = keys.signingKey();
        Map<String, Object> header = new TreeMap<>();
        header.put("alg", key.algorithm().name());
        header.put("typ", "JWT");
        if (key.keyId() != null) {
            header.put("kid", key.keyId());
        }
        Map<String, Object> extraHeaders = loadedThenPerCall(headersLoader == null ? null : headersLoader.headersFor(identity),
                options.headers());
        for (Map.Entry<String, Object> e : extraHeaders.entrySet()) {
            String name = e.getKey();
            if (FORBIDDEN_HEADERS.contains(name) || ("kid".equals(name) && key.keyId() != null)) {
                throw new IllegalArgumentException("additional headers cannot set '" + name + "'");
            }
            header.put(name, e.getValue());
        }

        String signingInput = Base64Url.encode(utf8(StrictJson.write(header)))
                + "." + Base64Url.encode(utf8(StrictJson.write(claims)));
        byte[] signature = key.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(signature);
    }

    /**
     * The additional entries of one token: what a loader gave for the identity (null for no loader or
     * nothing loaded), then the per-call options', which win on the same name.
     */
    private static Map<String, Object> loadedThenPerCall(Map<String, ?> loaded, Map<String, Object> perCall) {
        Map<String, Object> entries = new LinkedHashMap<>();
        if (loaded != null) {
            entries.putAll(loaded);
        }
        entries.putAll(perCall);
        return entries;
    }

    /**
     * The UTF-8 bytes of {@code json}; refuses a lone surrogate, which {@link String#getBytes} would
     * silently turn into {@code ?} (so that {@code "u\uD800"} would be issued as {@code "u?"}).
     */
    private static byte[] utf8(String json) {
        try {
            java.nio.ByteBuffer b = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .encode(java.nio.CharBuffer.wrap(json));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("claims and headers must be valid Unicode text (no lone surrogates)");
        }
    }

    private boolean isReserved(String name) {
        switch (name) {
            case "fresh": case "iat": case "jti": case "type": case "nbf": case "csrf": case "exp": case "fam":
                return true;
            case "aud":
                return !config.encode().audience().isEmpty();
            case "iss":
                return config.encode().issuer() != null;
            default:
                return name.equals(config.claims().identity());
        }
    }

    private static Object freshValue(TokenOptions o, Instant now) {
        if (o.freshUntil() != null) {
            return epochSeconds(o.freshUntil());
        }
        if (o.freshFor() != null) {
            return epochSeconds(now.plus(o.freshFor()));
        }
        return o.fresh();
    }

    /**
     * A float epoch as Python writes it ({@code 1795869421.194726}, {@code 1800000600.0}): microsecond
     * precision, plain notation. A Java double would be written as {@code 1.8000006E9}.
     */
    private static BigDecimal epochSeconds(Instant i) {
        BigDecimal s = BigDecimal.valueOf(i.getEpochSecond()).add(BigDecimal.valueOf(i.getNano() / 1000, 6)).stripTrailingZeros();
        return s.scale() < 1 ? s.setScale(1) : s;
    }
}
