package io.github.jwtextended.token;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.csrf.CsrfTokens;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.json.StrictJson;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.github.jwtextended.error.InvalidTokenException.Reason.ALGORITHM;
import static io.github.jwtextended.error.InvalidTokenException.Reason.CLAIM;
import static io.github.jwtextended.error.InvalidTokenException.Reason.MALFORMED;
import static io.github.jwtextended.error.InvalidTokenException.Reason.SIGNATURE;

/**
 * Decodes and verifies one compact JWS, in this order (flask-jwt-extended/PyJWT's, made strict):
 * <ol>
 *   <li>size cap, three segments, strict base64url, UTF-8 JSON objects without duplicate names;</li>
 *   <li>{@code kid} type, {@code alg} present and in the allow-list, no {@code crit}, no {@code b64};</li>
 *   <li>the key for {@code alg} and {@code kid}, then the signature (before any claim is trusted);</li>
 *   <li>{@code iat}, {@code nbf}, {@code exp}, {@code iss}, {@code aud}, {@code sub}, {@code jti};</li>
 *   <li>the identity claim, the defaults for {@code type}/{@code fresh}/{@code jti}, and the CSRF
 *       value when one is given.</li>
 * </ol>
 * A token that passed all of this twice is remembered (by default up to {@link #DEFAULT_CACHE_SIZE},
 * keyed by the whole token string): sent again, it skips steps 1 to 3 and the time-independent checks of
 * step 4 while the resolver still gives the same key for its {@code alg} and {@code kid}; {@code iat},
 * {@code nbf}, {@code exp} and the CSRF value are checked again every time.
 * Every failure is a {@link io.github.jwtextended.error.JwtException} with the reference's message.
 *
 * <p>Thread safety: thread safe (its configuration is immutable; the verified-token cache and the
 * memo of the last header read are safe for concurrent use).
 */
public final class TokenDecoder {
    /** Largest magnitude accepted for a NumericDate: 9999-12-31T23:59:59Z. */
    public static final double MAX_NUMERIC_DATE = 253_402_300_799d;

    /** Verified tokens remembered by default (about 1 to 2 KB each with flask-jwt-extended's claims). */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final JwtConfig config;
    private final KeyResolver keys;
    private final Clock clock;
    private final VerifiedTokenCache cache;
    /** {@link JwtConfig#leeway()} in seconds. */
    private final double leeway;

    /** A decoder that remembers up to {@link #DEFAULT_CACHE_SIZE} verified tokens. */
    public TokenDecoder(JwtConfig config, KeyResolver keys, Clock clock) {
        this(config, keys, clock, DEFAULT_CACHE_SIZE);
    }

    /**
     * A decoder that remembers up to {@code cacheSize} verified tokens (0: none), keyed by the whole
     * token string, from a token's second successful verification on. A remembered token skips
     * parsing and the signature check only while the key resolver still gives the key that
     * verified it; {@code iat}, {@code nbf}, {@code exp} and the CSRF value are checked on every
     * call. Failures are never remembered.
     */
    public TokenDecoder(JwtConfig config, KeyResolver keys, Clock clock, int cacheSize) {
        this.config = Objects.requireNonNull(config, "config");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize must be 0 (no cache) or more");
        }
        this.cache = cacheSize == 0 ? null : new VerifiedTokenCache(Math.max(2, cacheSize));
        this.leeway = config.decode().leeway().toMillis() / 1000.0;
    }

    /** Decodes and fully verifies {@code token} (no CSRF comparison, expiry enforced). */
    public Jwt decode(String token) {
        return decode(token, null, false);
    }

    /**
     * Decodes and verifies {@code token}; compares {@code csrfValue} with its {@code csrf} claim when
     * non-null; with {@code allowExpired}, a token past {@code exp} is returned instead of refused.
     */
    public Jwt decode(String token, String csrfValue, boolean allowExpired) {
        if (cache != null && token != null) {
            VerifiedTokenCache.Entry hit = cache.get(token);
            if (hit != null && keys.verificationKey(hit.key().algorithm(), hit.kid()) == hit.key()) {
                Jwt jwt = hit.jwt();
                checkTimes(jwt.header(), jwt.claims(), hit.times(), now(), allowExpired);
                checkCsrf(jwt.claims(), csrfValue);
                return jwt;
            }
        }
        Parsed p = parseJws(token);
        Map<String, Object> claims = claims(p.payload());
        JwtKey key = verifySignature(p);
        double now = now();
        Times times = checkTimes(p.header(), claims, null, now, allowExpired);
        verifyOtherClaims(claims);
        Jwt jwt = finish(p.header(), claims, csrfValue);
        if (cache != null && !times.expiredAt(now - leeway) && cache.seenBefore(token)) {
            cache.put(token, new VerifiedTokenCache.Entry(jwt, key, (String) p.header().get("kid"), times));
        }
        return jwt;
    }

    /**
     * The header of a structurally valid token, without verifying anything else; like PyJWT's
     * {@code get_unverified_header}, the payload is base64url-checked but not read as JSON.
     */
    public Map<String, Object> unverifiedHeader(String token) {
        return new LinkedHashMap<>(parseJws(token).header);
    }

    /**
     * Verifies only the JWS layer of {@code token} and returns its payload bytes: size cap, compact
     * form with three segments, strict base64url, a strict JSON object header with a string
     * {@code kid} if any, {@code alg} in the allow-list, no {@code crit} and no {@code b64}, the key for {@code alg}
     * and {@code kid}, and the signature. The payload is <em>not</em> read as claims, so no claim is
     * checked. Meant for JWS-level test suites (Wycheproof, RFC 7520) and payloads that are not JWT
     * claims sets; requests are always verified with {@link #decode}. Failures are the same
     * {@link io.github.jwtextended.error.JwtException}s as {@link #decode}'s.
     */
    public byte[] verifyJws(String token) {
        Parsed p = parseJws(token);
        verifySignature(p);
        return p.payload().clone();
    }

    /**
     * A compact JWS taken apart: its header, its payload bytes, the token's characters as bytes
     * ({@code ascii}, ISO-8859-1: one byte per character) of which {@code [0, signingInputEnd)} is
     * the signing input, and the signature bytes.
     */
    private record Parsed(Map<String, Object> header, byte[] payload, byte[] ascii, int signingInputEnd, byte[] signature) {
    }

    /** The claims: the payload read as a strict JSON object. */
    private static Map<String, Object> claims(byte[] payload) {
        try {
            return StrictJson.parseObject(payload);
        } catch (StrictJson.NotAnObject e) {
            throw new InvalidTokenException(MALFORMED, "Invalid payload string: " + e.getMessage());
        }
    }

    /** A header segment read before and the header it gave (unmodifiable). */
    private record HeaderMemo(byte[] segment, Map<String, Object> header) {
    }

    /**
     * The last header segment read and its header: an issuer writes the same header into every
     * token, so the same bytes are usually decoded again. Reading is deterministic, so equal bytes
     * give an equal header; the checks that follow run as for any header.
     */
    private volatile HeaderMemo lastHeader;

    /** The header in {@code ascii[0, end)}: strict base64url, then a strict JSON object (unmodifiable). */
    private Map<String, Object> header(byte[] ascii, int end) {
        HeaderMemo memo = lastHeader;
        if (memo != null && Arrays.equals(memo.segment(), 0, memo.segment().length, ascii, 0, end)) {
            return memo.header();
        }
        byte[] headerBytes = Base64Url.decode(ascii, 0, end);
        if (headerBytes == null) {
            throw new InvalidTokenException(MALFORMED, "Invalid header padding");
        }
        Map<String, Object> header;
        try {
            header = Collections.unmodifiableMap(StrictJson.parseObject(headerBytes));
        } catch (StrictJson.NotAnObject e) {
            throw new InvalidTokenException(MALFORMED, "Invalid header string: " + e.getMessage());
        }
        lastHeader = new HeaderMemo(Arrays.copyOf(ascii, end), header);
        return header;
    }

    /** The structure and header of a compact JWS; the payload is left as bytes. */
    private Parsed parseJws(String token) {
        if (token == null) {
            throw new InvalidTokenException(MALFORMED, "Not enough segments");
        }
        if (token.length() > config.limits().maxTokenLength()) {
            throw new InvalidTokenException(MALFORMED, "Token is too large");
        }
        int first = token.indexOf('.');
        int last = token.lastIndexOf('.');
        if (first < 0 || first == last) {
            throw new InvalidTokenException(MALFORMED, "Not enough segments");
        }
        // One byte per character; anything outside ASCII becomes a byte the base64url checks refuse.
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        Map<String, Object> header = header(ascii, first);
        if (token.indexOf('.', first + 1) != last) {
            throw new InvalidTokenException(MALFORMED, "Invalid payload padding"); // more than three segments
        }
        byte[] payloadBytes = Base64Url.decode(ascii, first + 1, last);
        if (payloadBytes == null) {
            throw new InvalidTokenException(MALFORMED, "Invalid payload padding");
        }
        byte[] signature = Base64Url.decode(ascii, last + 1, ascii.length);
        if (signature == null) {
            throw new InvalidTokenException(MALFORMED, "Invalid crypto padding");
        }
        if (header.containsKey("kid") && !(header.get("kid") instanceof String)) {
            throw new InvalidTokenException(MALFORMED, "kid", "Key ID header parameter must be a string");
        }
        return new Parsed(header, payloadBytes, ascii, last, signature);
    }

    /** Verifies the signature; returns the key that verified it. */
    private JwtKey verifySignature(Parsed p) {
        Object algValue = p.header().get("alg");
        if (algValue == null) {
            throw new InvalidTokenException(ALGORITHM, "alg", "Algorithm not specified");
        }
        JwsAlgorithm alg = algValue instanceof String name ? JwsAlgorithm.fromName(name) : null;
        if (alg == null || !config.decode().algorithms().contains(alg)) {
            throw new InvalidTokenException(ALGORITHM, "alg", "The specified alg value is not allowed");
        }
        if (p.header().containsKey("crit")) {
            // RFC 7515 §4.1.11: we understand no extension, so any crit makes the JWS invalid.
            throw new InvalidTokenException(MALFORMED, "crit", "Unsupported critical header parameter");
        }
        if (p.header().containsKey("b64")) {
            // RFC 7797 §7: a JWT never has an unencoded payload. Any b64 member is refused, whatever its
            // value: under b64 false, a base64url payload segment would be signed exactly as now but mean
            // its own characters, so a verifier honouring b64 would read other claims from the same token.
            throw new InvalidTokenException(MALFORMED, "b64", "Invalid header string: b64 is not allowed");
        }
        JwtKey key = keys.verificationKey(alg, (String) p.header().get("kid"));
        if (key == null || key.algorithm() != alg) {
            throw new InvalidTokenException(SIGNATURE, "Signature verification failed");
        }
        if (!key.verifySignature(p.ascii(), 0, p.signingInputEnd(), p.signature())) {
            throw new InvalidTokenException(SIGNATURE, "Signature verification failed");
        }
        return key;
    }

    /** The NumericDates of a token, in seconds; NaN for an absent claim. */
    record Times(double iat, double nbf, double exp) {
        /** Whether {@code exp} is at or before {@code instant} (false without {@code exp}). */
        boolean expiredAt(double instant) {
            return exp <= instant; // false for NaN
        }
    }

    private double now() {
        return clock.millis() / 1000.0;
    }

    /**
     * The time checks of every decode, PyJWT's: {@code iat}, then {@code nbf} not after
     * {@code now} (plus the leeway), then {@code exp} after it (minus the leeway) unless
     * {@code allowExpired}. The dates are {@code remembered} ones for a token from the cache;
     * otherwise each is read from {@code claims} just before its check, so that a malformed date
     * is reported only after the checks of the dates before it. Returns the dates.
     */
    private Times checkTimes(Map<String, Object> header, Map<String, Object> claims, Times remembered, double now,
                             boolean allowExpired) {
        double iat = remembered != null ? remembered.iat() : numericDate(claims, "iat", "Issued At claim (iat) must be an integer.");
        if (iat > now + leeway) { // false for NaN (absent)
            throw new InvalidTokenException(CLAIM, "iat", "The token is not yet valid (iat)");
        }
        double nbf = remembered != null ? remembered.nbf() : numericDate(claims, "nbf", "Not Before claim (nbf) must be an integer.");
        if (nbf > now + leeway) {
            throw new InvalidTokenException(CLAIM, "nbf", "The token is not yet valid (nbf)");
        }
        Times times = remembered != null ? remembered
                : new Times(iat, nbf, numericDate(claims, "exp", "Expiration Time claim (exp) must be an integer."));
        if (times.expiredAt(now - leeway) && !allowExpired) {
            if (remembered == null) {
                finishDefaults(claims); // so that the expired-token handler sees what flask gives it
            }
            throw new ExpiredTokenException("Token has expired", header, claims);
        }
        return times;
    }

    /** The claims checked after the times: {@code iss}, {@code aud}, {@code sub}, {@code jti}. */
    private void verifyOtherClaims(Map<String, Object> claims) {
        Set<String> issuers = config.decode().issuer();
        if (issuers != null) {
            if (!claims.containsKey("iss")) {
                throw new InvalidTokenException(CLAIM, "iss", "Token is missing the \"iss\" claim");
            }
            if (!(claims.get("iss") instanceof String iss) || !issuers.contains(iss)) {
                throw new InvalidTokenException(CLAIM, "iss", "Invalid issuer");
            }
        }
        Set<String> audiences = config.decode().audience();
        if (audiences != null) {
            if (!claims.containsKey("aud")) {
                throw new InvalidTokenException(CLAIM, "aud", "Token is missing the \"aud\" claim");
            }
            Object aud = claims.get("aud");
            Collection<?> values = aud instanceof String ? List.of(aud) : aud instanceof List<?> list ? list : null;
            if (values == null || values.stream().anyMatch(v -> !(v instanceof String))) {
                throw new InvalidTokenException(CLAIM, "aud", "Invalid claim format in token");
            }
            if (values.stream().noneMatch(audiences::contains)) {
                throw new InvalidTokenException(CLAIM, "aud", "Audience doesn't match");
            }
        }
        if (config.claims().verifySub() && claims.containsKey("sub") && !(claims.get("sub") instanceof String)) {
            throw new InvalidTokenException(CLAIM, "sub", "Subject must be a string");
        }
        if (claims.containsKey("jti") && !(claims.get("jti") instanceof String)) {
            throw new InvalidTokenException(CLAIM, "jti", "JWT ID must be a string");
        }
    }

    private Jwt finish(Map<String, Object> header, Map<String, Object> claims, String csrfValue) {
        if (!claims.containsKey(config.claims().identity())) {
            throw new InvalidTokenException(CLAIM, config.claims().identity(), "Missing claim: " + config.claims().identity());
        }
        if (config.claims().requireType() && !claims.containsKey("type")) {
            throw new InvalidTokenException(CLAIM, "type", "Missing claim: type"); // no type: refused only on request (E20)
        }
        finishDefaults(claims);
        checkCsrf(claims, csrfValue);
        return Jwt.wrap(header, claims, config.claims().identity()); // both maps are this decode's own
    }

    private static void checkCsrf(Map<String, Object> claims, String csrfValue) {
        if (csrfValue != null) {
            if (!claims.containsKey("csrf")) {
                throw new InvalidTokenException(CLAIM, "csrf", "Missing claim: csrf");
            }
            if (!(claims.get("csrf") instanceof String claim) || !CsrfTokens.matches(claim, csrfValue)) {
                throw new CsrfException("CSRF double submit tokens do not match");
            }
        }
    }

    private static void finishDefaults(Map<String, Object> claims) {
        claims.putIfAbsent("type", "access");
        claims.putIfAbsent("fresh", Boolean.FALSE);
        claims.putIfAbsent("jti", null);
    }

    /** The NumericDate claim {@code name}, or NaN when the token has none. */
    private static double numericDate(Map<String, Object> claims, String name, String message) {
        return claims.containsKey(name) ? numericDate(claims.get(name), name, message) : Double.NaN;
    }

    /**
     * A NumericDate (RFC 7519 §2): a JSON number, finite, within ±{@link #MAX_NUMERIC_DATE}.
     * Strings, booleans, null and other types are refused (PyJWT would accept numeric strings),
     * as a failure of the claim {@code name}.
     */
    private static double numericDate(Object v, String name, String message) {
        if (!(v instanceof Number number)) {
            throw new InvalidTokenException(CLAIM, name, message);
        }
        BigDecimal exact = v instanceof BigInteger i ? new BigDecimal(i) : v instanceof BigDecimal b ? b : null;
        if (exact != null && exact.abs().compareTo(BigDecimal.valueOf(MAX_NUMERIC_DATE)) > 0) {
            throw new InvalidTokenException(CLAIM, name, message);
        }
        double d = exact != null ? exact.doubleValue() : number.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) > MAX_NUMERIC_DATE) {
            throw new InvalidTokenException(CLAIM, name, message);
        }
        return d;
    }
}
