package io.github.jwtextended;

import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.callback.AdditionalHeadersLoader;
import io.github.jwtextended.callback.BlocklistCheck;
import io.github.jwtextended.callback.ClaimsVerifier;
import io.github.jwtextended.callback.IdentityLoader;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.SettingNames;
import io.github.jwtextended.cookie.JwtCookies;
import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.error.ErrorHandler;
import io.github.jwtextended.error.ErrorHandlers;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.key.StaticKeyResolver;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;
import io.github.jwtextended.token.TokenEncoder;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.github.jwtextended.verify.RequestVerifier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one entry point: creates tokens, verifies requests, builds cookies, revokes tokens and turns
 * failures into answers (flask-jwt-extended's {@code JWTManager} plus its module functions).
 *
 * <pre>{@code
 * JwtManager jwt = JwtManager.builder(JwtConfig.builder().secretKey(secret).build())
 *         .revocationStore(new InMemoryRevocationStore())
 *         .build();
 * String access = jwt.createAccessToken("alice", TokenOptions.defaults().withFresh(true));
 * Jwt token = jwt.verifyRequest(request, Guard.required());   // throws JwtException
 * }</pre>
 *
 * <p>Thread safety: immutable and thread safe if its callbacks and store are. Build one per
 * application and share it.
 */
public final class JwtManager {
    /** Security events (refresh-token reuse): identity and family only, never a token. */
    private static final Logger SECURITY = LoggerFactory.getLogger("io.github.jwtextended.security");
    /** The claim naming a token's refresh-token family. */
    public static final String FAMILY_CLAIM = "fam";
    /**
     * The claim holding when a rotated session began (OpenID Connect's {@code auth_time}, epoch
     * seconds), written on refresh tokens when a {@linkplain Builder#maxSessionLifetime maximum
     * session lifetime} is set.
     */
    public static final String AUTH_TIME_CLAIM = "auth_time";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtConfig config;
    private final Clock clock;
    private final KeyResolver keys;
    private final TokenEncoder encoder;
    private final TokenDecoder decoder;
    private final RequestVerifier verifier;
    private final JwtCookies cookies;
    private final RevocationStore store;
    /** The store's refresh-token rotation, or null when it has none (or there is no store). */
    private final RefreshRotation rotation;
    private final ErrorHandlers errorHandlers;
    private final Duration reuseGrace;
    private final boolean familyOnAccessTokens;
    private final Duration maxSessionLifetime;

    private JwtManager(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.keys = b.keys != null ? b.keys : keysFrom(b.config, b.clock);
        this.encoder = new TokenEncoder(config, keys, clock, b.additionalClaims, b.additionalHeaders, b.identityLoader);
        this.decoder = new TokenDecoder(config, keys, clock, b.verifiedTokenCacheSize);
        this.store = b.store;
        this.rotation = b.store == null ? null : b.store.rotation().orElse(null); // capabilities never change
        this.verifier = new RequestVerifier(config, decoder, clock, b.store, b.blocklist, b.claimsVerifier, b.userLookup);
        this.cookies = new JwtCookies(config, clock);
        this.errorHandlers = b.errorHandlers;
        this.reuseGrace = b.reuseGrace;
        this.familyOnAccessTokens = b.familyOnAccessTokens;
        this.maxSessionLifetime = b.maxSessionLifetime;
    }

    /** A builder for a manager over {@code config}. */
    public static Builder builder(JwtConfig config) {
        return new Builder(config);
    }

    /**
     * The keys of the configuration: a remote JWKS ({@code JWT_JWKS_URL}), the configured keys (PEM,
     * JWKS, objects), or the HMAC secret for each allowed algorithm.
     */
    private static KeyResolver keysFrom(JwtConfig config, Clock clock) {
        if (config.jwksUrl() != null) {
            return RemoteJwksKeyResolver.builder(config.jwksUrl())
                    .cacheTtl(config.jwksCacheTtl())
                    .refetchInterval(config.jwksRefetchInterval())
                    .connectTimeout(config.jwksConnectTimeout())
                    .readTimeout(config.jwksReadTimeout())
                    .defaultAlgorithm(config.algorithm())
                    .clock(clock)
                    .build();
        }
        if (!config.keys().isEmpty()) {
            if (config.signingKeyId() != null) {
                return StaticKeyResolver.withSigningKey(config.signingKeyId(), config.keys());
            }
            return StaticKeyResolver.of(config.keys());
        }
        if (config.algorithm().isAsymmetric()) {
            SettingNames n = config.settingNames();
            throw new IllegalStateException(n.name("JWT_ALGORITHM") + " " + config.algorithm() + " needs keys: "
                    + n.name("JWT_PRIVATE_KEY") + " and/or " + n.name("JWT_PUBLIC_KEY") + ", " + n.name("JWT_JWKS_FILE") + ", "
                    + n.name("JWT_JWKS_URL") + ", or a key resolver given to the manager");
        }
        List<JwtKey> list = new ArrayList<>();
        list.add(JwtKey.hmac(config.algorithm(), config.secretKey(), null));
        for (JwsAlgorithm a : config.decodeAlgorithms()) {
            if (a != config.algorithm()) {
                list.add(JwtKey.hmac(a, config.secretKey(), null));
            }
        }
        return StaticKeyResolver.of(list);
    }

    public JwtConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    /** The keys in use (for publishing the public ones: {@link io.github.jwtextended.key.Jwks#publicJson(KeyResolver)}). */
    public KeyResolver keyResolver() {
        return keys;
    }

    // ---- creating tokens ------------------------------------------------------------------

    /** A non-fresh access token with the configured lifetime ({@code create_access_token(identity)}). */
    public String createAccessToken(Object identity) {
        return createAccessToken(identity, TokenOptions.defaults());
    }

    /** An access token with per-call options ({@code fresh}, {@code expires_delta}, additional claims and headers). */
    public String createAccessToken(Object identity, TokenOptions options) {
        return encoder.encode(identity, "access", options);
    }

    /** A refresh token with the configured lifetime ({@code create_refresh_token(identity)}). */
    public String createRefreshToken(Object identity) {
        return createRefreshToken(identity, TokenOptions.defaults());
    }

    /** A refresh token with per-call options; it is never fresh. */
    public String createRefreshToken(Object identity, TokenOptions options) {
        return encoder.encode(identity, "refresh", options);
    }

    // ---- refresh-token rotation ------------------------------------------------------------------

    /**
     * A login's tokens under refresh-token rotation: a new family id ({@code fam} claim) on the
     * refresh token and, unless {@linkplain Builder#revokeFamilyAccessTokens turned off}, on the
     * access token, so that reuse of a rotated refresh token revokes them all.
     */
    public TokenPair createTokenPair(Object identity, TokenOptions accessOptions) {
        TokenOptions refresh = TokenOptions.defaults();
        if (maxSessionLifetime != null) {
            long start = clock.instant().getEpochSecond();
            refresh = refresh.withClaim(AUTH_TIME_CLAIM, start).withExpiresIn(sessionRemaining(start, refreshLifetime()));
        }
        return issuePair(identity, accessOptions, refresh, newFamilyId());
    }

    /** The refresh lifetime to give, capped by what is left of a session that started at {@code start}. */
    private Duration sessionRemaining(long start, Duration refreshLifetime) {
        Duration left = Duration.ofSeconds(start).plus(maxSessionLifetime).minusSeconds(clock.instant().getEpochSecond());
        return refreshLifetime != null && refreshLifetime.compareTo(left) < 0 ? refreshLifetime : left;
    }

    private Duration refreshLifetime() {
        return config.refreshTokenExpires();
    }

    /**
     * {@link #rotateRefreshToken(Jwt, Object, TokenOptions)} with the refresh token's identity claim
     * as the identity and a non-fresh access token.
     */
    public TokenPair rotateRefreshToken(Jwt refreshToken) {
        return rotateRefreshToken(refreshToken, refreshToken.identity(), TokenOptions.defaults());
    }

    /**
     * Rotation (RFC 9700 section 4.14): issues a new access token and a new refresh token of the
     * presented refresh token's family and makes the presented one unusable. Presenting a refresh
     * token that was already rotated revokes the whole family (every refresh token of it and the
     * access tokens carrying it), logs a security event naming the identity and the family, and
     * fails with {@link RevokedTokenException} ({@code 401 Token has been revoked}); within the
     * {@linkplain Builder#refreshReuseGrace grace period} the previous token is accepted once more.
     * A refresh token without a family (created by {@link #createRefreshToken}) starts one named
     * after its {@code jti}.
     *
     * <p>{@code refreshToken} must have been verified under a refresh guard (including the
     * revocation check). The new refresh token gets the configured lifetime. Needs a store with
     * {@linkplain RevocationStore#rotation() refresh-token rotation} (else
     * {@link IllegalStateException}); fails with {@link StoreUnavailableException} when it cannot
     * answer.
     */
    public TokenPair rotateRefreshToken(Jwt refreshToken, Object identity, TokenOptions accessOptions) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        if (!refreshToken.isPresent() || !refreshToken.isRefresh()) {
            throw new IllegalArgumentException("only a refresh token can be rotated");
        }
        if (rotation == null) {
            throw new IllegalStateException("refresh-token rotation needs a revocation store that keeps refresh-token families"
                    + " (RevocationStore.rotation())");
        }
        String presented = refreshToken.jti();
        if (presented == null) {
            throw new IllegalArgumentException("a refresh token without jti cannot be rotated");
        }
        String family = refreshToken.family() != null ? refreshToken.family() : presented;
        TokenOptions refreshOptions = TokenOptions.defaults();
        if (maxSessionLifetime != null) {
            long start = sessionStart(refreshToken);
            if (clock.instant().getEpochSecond() >= start + maxSessionLifetime.getSeconds()) {
                throw new ExpiredTokenException("Token has expired", refreshToken.header(), refreshToken.claims());
            }
            refreshOptions = refreshOptions.withClaim(AUTH_TIME_CLAIM, start).withExpiresIn(sessionRemaining(start, refreshLifetime()));
        }
        TokenPair pair = issuePair(identity, accessOptions, refreshOptions, family);
        Jwt newRefresh = decoder.decode(pair.refreshToken());
        Instant exp = newRefresh.expiresAt();
        Instant keepUntil = exp == null ? null : exp.plus(config.leeway());
        RotationResult result = StoreUnavailableException.failClosed(
                () -> rotation.rotate(family, presented, newRefresh.jti(), keepUntil, reuseGrace));
        if (result.issued()) {
            return pair;
        }
        if (result == RotationResult.REUSE) {
            SECURITY.warn("refresh token reuse detected: identity={} family={}; every token of the family is revoked",
                    loggable(refreshToken.identityAsString()), loggable(family));
        }
        throw new RevokedTokenException("Token has been revoked", refreshToken.header(), refreshToken.claims());
    }

    /** When the refresh token's session began: its {@code auth_time}, else its {@code iat}, else now. */
    private long sessionStart(Jwt refreshToken) {
        Object t = refreshToken.claim(AUTH_TIME_CLAIM);
        if (t instanceof Number && ((Number) t).longValue() > 0) {
            return ((Number) t).longValue();
        }
        Instant iat = refreshToken.issuedAt();
        return iat != null ? iat.getEpochSecond() : clock.instant().getEpochSecond();
    }

    private TokenPair issuePair(Object identity, TokenOptions accessOptions, TokenOptions refreshOptions, String family) {
        TokenOptions access = accessOptions == null ? TokenOptions.defaults() : accessOptions;
        if (familyOnAccessTokens) {
            access = access.withFamily(family);
        }
        String accessToken = createAccessToken(identity, access);
        String refresh = createRefreshToken(identity, refreshOptions.withFamily(family));
        return new TokenPair(accessToken, refresh, family);
    }

    /** A random family id: 128 bits, base64url. */
    private static String newFamilyId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** A value safe for one log line: control characters replaced, length bounded. */
    private static String loggable(String s) {
        if (s == null) {
            return "-";
        }
        String t = s.length() > 200 ? s.substring(0, 200) + "..." : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }

    // ---- decoding and verifying ---------------------------------------------------------------

    /** Fully verifies a token (no revocation check, no user lookup): {@code decode_token}. */
    public Jwt decodeToken(String token) {
        return decoder.decode(token);
    }

    /** {@code decode_token(token, csrf_value, allow_expired)}. */
    public Jwt decodeToken(String token, String csrfValue, boolean allowExpired) {
        return decoder.decode(token, csrfValue, allowExpired);
    }

    /** The JOSE header without verifying the signature ({@code get_unverified_jwt_headers}). */
    public Map<String, Object> unverifiedHeader(String token) {
        return decoder.unverifiedHeader(token);
    }

    /** The verified token's {@code jti} ({@code get_jti}). */
    public String jti(String token) {
        return decoder.decode(token).jti();
    }

    /** The verified token's {@code csrf} claim ({@code get_csrf_token}); null when it has none. */
    public String csrfToken(String token) {
        Object c = decoder.decode(token).claim("csrf");
        return c instanceof String ? (String) c : null;
    }

    /**
     * Verifies the token of a request under a guard ({@code verify_jwt_in_request}); see
     * {@link RequestVerifier} for the order of checks. Returns {@link Jwt#absent()} for OPTIONS and
     * for an optional guard without a token; throws a {@link JwtException} otherwise.
     */
    public Jwt verifyRequest(JwtRequest request, Guard guard) {
        return verifier.verify(request, guard);
    }

    /** The answer to a failure, from the configured (or replaced) handler for its kind. */
    public ErrorResponse errorResponse(JwtException error) {
        return errorHandlers.handle(error);
    }

    // ---- cookies --------------------------------------------------------------------------

    /**
     * {@code set_access_cookies(response, token)}: the token is verified to read its CSRF value.
     * {@link IllegalStateException} when cookies are not among the configured token locations
     * (see {@link JwtCookies}).
     */
    public List<SetCookie> accessCookies(String accessToken) {
        return accessCookies(accessToken, null, null);
    }

    /** {@code set_access_cookies(response, token, max_age, domain)}; null arguments use the configuration. */
    public List<SetCookie> accessCookies(String accessToken, Long maxAgeSeconds, String domain) {
        return cookies.access(accessToken, csrfToken(accessToken), maxAgeSeconds, domain);
    }

    /** {@code set_refresh_cookies(response, token)}. */
    public List<SetCookie> refreshCookies(String refreshToken) {
        return refreshCookies(refreshToken, null, null);
    }

    /** {@code set_refresh_cookies(response, token, max_age, domain)}. */
    public List<SetCookie> refreshCookies(String refreshToken, Long maxAgeSeconds, String domain) {
        return cookies.refresh(refreshToken, csrfToken(refreshToken), maxAgeSeconds, domain);
    }

    /** {@code unset_jwt_cookies}: deletions of all four cookies. */
    public List<SetCookie> unsetJwtCookies() {
        return cookies.unsetAll(null);
    }

    /** {@code unset_access_cookies}. */
    public List<SetCookie> unsetAccessCookies() {
        return cookies.unsetAccess(null);
    }

    /** {@code unset_refresh_cookies}. */
    public List<SetCookie> unsetRefreshCookies() {
        return cookies.unsetRefresh(null);
    }

    /** The cookie builder, for a domain override on deletions. */
    public JwtCookies cookies() {
        return cookies;
    }

    // ---- revocation -----------------------------------------------------------------------

    /** The configured store, or null. */
    public RevocationStore revocationStore() {
        return store;
    }

    /**
     * Revokes a verified token until its expiry plus the leeway (forever when it has no {@code exp}).
     * Fails with {@link StoreUnavailableException} when the store cannot record it: the caller must
     * not report success then.
     */
    public void revoke(Jwt token) {
        Objects.requireNonNull(token, "token");
        if (!token.isPresent()) {
            throw new IllegalArgumentException("there is no token to revoke");
        }
        if (store == null) {
            throw new IllegalStateException("no revocation store is configured");
        }
        String jti = token.jti();
        if (jti == null) {
            throw new IllegalArgumentException("a token without jti cannot be revoked");
        }
        Instant exp = token.expiresAt();
        Instant until = exp == null ? null : exp.plus(config.leeway());
        StoreUnavailableException.failClosed(() -> store.revoke(jti, until));
    }

    /**
     * Log out everywhere: revokes every token of {@code identity} issued up to now (its {@code iat}
     * at or before now; see {@link io.github.jwtextended.revocation.RevocationCheck} for the
     * whole-second boundary), access and refresh alike, on every instance sharing the store. The
     * record is kept for the longest configured token lifetime plus the leeway (forever when a
     * lifetime is unlimited). {@code identity} is the value of the identity claim (after the
     * identity loader), compared as a string. Returns the not-before instant recorded.
     *
     * <p>{@code iat} has whole seconds, so a token issued later in the same second as the cut-off
     * would be refused too: this method returns only once the clock has moved into the next
     * second (at most a second later), so a token created after it returns (a new login) is
     * never caught by the cut-off. A clock that does not move on its own (a test clock) is not
     * waited for.
     *
     * <p>Tokens created with a per-call lifetime longer than the configured ones outlive the
     * record: use {@link #revokeAllFor(Object, Duration)} for them. Fails with
     * {@link StoreUnavailableException} when the store cannot record it.
     */
    public Instant revokeAllFor(Object identity) {
        Duration access = config.accessTokenExpires();
        Duration refresh = config.refreshTokenExpires();
        Duration longest = access == null || refresh == null ? null : (access.compareTo(refresh) >= 0 ? access : refresh);
        return revokeAllFor(identity, longest);
    }

    /**
     * {@link #revokeAllFor(Object)} with the longest lifetime of the identity's tokens given
     * ({@code null}: some never expire, keep the record forever).
     */
    public Instant revokeAllFor(Object identity, Duration longestTokenLifetime) {
        Objects.requireNonNull(identity, "identity");
        if (store == null) {
            throw new IllegalStateException("no revocation store is configured");
        }
        Instant now = clock.instant();
        Instant keepUntil = longestTokenLifetime == null ? null : now.plus(longestTokenLifetime).plus(config.leeway());
        StoreUnavailableException.failClosed(() -> store.revokeAllIssuedBefore(String.valueOf(identity), now, keepUntil));
        awaitNextSecond(now);
        return now;
    }

    /** Waits until the clock is past {@code cutOff}'s second, unless the clock stands still. */
    private void awaitNextSecond(Instant cutOff) {
        long target = cutOff.getEpochSecond() + 1;
        Instant seen = clock.instant();
        while (seen.getEpochSecond() < target) {
            long millis = Math.max(1, 1000 - seen.getNano() / 1_000_000);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant next = clock.instant();
            if (next.equals(seen)) {
                return; // a clock that does not move by itself: the caller moves it
            }
            seen = next;
        }
    }

    /**
     * Revokes the refresh-token family of a verified token (every token carrying its {@code fam}
     * claim), e.g. at logout under rotation; returns false when the token has no family or the
     * store keeps none. The record is kept for the refresh lifetime plus the leeway (forever when
     * unlimited). Fails with {@link StoreUnavailableException} when the store cannot record it.
     */
    public boolean revokeFamily(Jwt token) {
        Objects.requireNonNull(token, "token");
        if (token.family() == null || rotation == null) {
            return false;
        }
        Duration refresh = config.refreshTokenExpires();
        Instant keepUntil = refresh == null ? null : clock.instant().plus(refresh).plus(config.leeway());
        StoreUnavailableException.failClosed(() -> rotation.revokeFamily(token.family(), keepUntil));
        return true;
    }

    /**
     * Revokes an encoded token (e.g. the refresh token sent at logout) after verifying its
     * signature; an expired token is revoked too (harmless) rather than refused.
     */
    public Jwt revoke(String encodedToken) {
        Jwt jwt = decoder.decode(encodedToken, null, true);
        revoke(jwt);
        return jwt;
    }

    /**
     * Logout for browsers: revokes the refresh token in the request's refresh cookie
     * ({@link JwtConfig#refreshCookieName()}), which a browser sends along but a script cannot read,
     * so that it is dead as soon as the logout answers. Call it from the logout route, after its
     * guard has verified the request's access token (with the CSRF check) and {@link #revoke(Jwt)}
     * has revoked that one. The cookie's token is verified like {@link #revoke(String)} does (an
     * expired one is revoked too, harmlessly). Returns whether a token was revoked: false when the
     * request has no refresh cookie, or one holding no valid token of this manager (nothing to
     * revoke: it can never be used). Fails with {@link StoreUnavailableException} when the store
     * cannot record it, so that the logout does not claim success (503).
     */
    public boolean revokeRefreshCookie(JwtRequest request) {
        Objects.requireNonNull(request, "request");
        String cookie = request.cookie(config.refreshCookieName());
        if (cookie == null || cookie.isEmpty()) {
            return false;
        }
        Jwt token;
        try {
            token = decoder.decode(cookie, null, true);
        } catch (JwtException notOurs) {
            return false;
        }
        if (token.jti() == null) {
            return false;
        }
        revoke(token);
        return true;
    }

    /**
     * Collects the manager's parts. Not thread safe; the manager it builds is.
     */
    public static final class Builder {
        private final JwtConfig config;
        private Clock clock = Clock.systemUTC();
        private KeyResolver keys;
        private AdditionalClaimsLoader additionalClaims;
        private AdditionalHeadersLoader additionalHeaders;
        private IdentityLoader identityLoader;
        private UserLookup userLookup;
        private BlocklistCheck blocklist;
        private ClaimsVerifier claimsVerifier;
        private RevocationStore store;
        private ErrorHandlers errorHandlers;
        private Duration reuseGrace = Duration.ZERO;
        private boolean familyOnAccessTokens = true;
        private Duration maxSessionLifetime;
        private int verifiedTokenCacheSize = TokenDecoder.DEFAULT_CACHE_SIZE;

        private Builder(JwtConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.errorHandlers = ErrorHandlers.defaults(config.errorMessageKey(), config.errorStyle());
        }

        /** The clock for {@code iat}, {@code exp} and every time check; default UTC system clock. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }
        /** Keys chosen by {@code alg} and {@code kid}; default: the configured secret for each allowed algorithm. */
        public Builder keyResolver(KeyResolver keys) { this.keys = Objects.requireNonNull(keys, "keys"); return this; }
        /** {@code additional_claims_loader}. */
        public Builder additionalClaims(AdditionalClaimsLoader l) { this.additionalClaims = l; return this; }
        /** {@code additional_headers_loader}. */
        public Builder additionalHeaders(AdditionalHeadersLoader l) { this.additionalHeaders = l; return this; }
        /** {@code user_identity_loader}. */
        public Builder identityLoader(IdentityLoader l) { this.identityLoader = l; return this; }
        /** {@code user_lookup_loader}. */
        public Builder userLookup(UserLookup l) { this.userLookup = l; return this; }
        /** {@code token_in_blocklist_loader}, consulted after the revocation store. */
        public Builder tokenInBlocklist(BlocklistCheck c) { this.blocklist = c; return this; }
        /** {@code token_verification_loader}. */
        public Builder claimsVerifier(ClaimsVerifier v) { this.claimsVerifier = v; return this; }
        /** Where revoked token ids are kept; none by default (nothing is revoked). */
        public Builder revocationStore(RevocationStore s) { this.store = s; return this; }
        /**
         * Refresh-token rotation: how long after a rotation the previous refresh token is accepted
         * once more (for a client that lost the response); default zero (never).
         */
        public Builder refreshReuseGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("grace must not be negative");
            }
            this.reuseGrace = grace;
            return this;
        }
        /**
         * Refresh-token rotation: whether access tokens carry their family, so that reuse revokes
         * them with the family's refresh tokens; default true.
         */
        public Builder revokeFamilyAccessTokens(boolean on) { this.familyOnAccessTokens = on; return this; }
        /**
         * Refresh-token rotation: the longest a session may last from its login, however often it is
         * rotated; default none (each rotation gives a full refresh lifetime, so an active session
         * never ends by itself). With it, {@link #createTokenPair} writes the login time as
         * {@code auth_time} into the refresh token, every rotated refresh token expires no later than
         * {@code auth_time + lifetime}, and a rotation after that answers 401 {@code Token has expired}.
         */
        public Builder maxSessionLifetime(Duration lifetime) {
            if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
                throw new IllegalArgumentException("maxSessionLifetime must be positive, or null for none");
            }
            this.maxSessionLifetime = lifetime;
            return this;
        }
        /** Replaces the answer for one kind of failure (the {@code *_loader} error callbacks). */
        public Builder errorHandler(ErrorKind kind, ErrorHandler handler) {
            this.errorHandlers = errorHandlers.with(kind, handler);
            return this;
        }

        /**
         * How many verified tokens to remember, keyed by the whole token string, so that a client's
         * next request with the same token skips parsing and the signature check (default
         * {@link TokenDecoder#DEFAULT_CACHE_SIZE}; 0 turns it off). Expiry, not-before, the CSRF value,
         * type, freshness, revocation and the callbacks are still checked on every request; a token
         * whose key is no longer given by the resolver is verified afresh.
         */
        public Builder verifiedTokenCacheSize(int entries) {
            if (entries < 0) {
                throw new IllegalArgumentException("verifiedTokenCacheSize must be 0 (off) or more");
            }
            this.verifiedTokenCacheSize = entries;
            return this;
        }

        public JwtManager build() {
            return new JwtManager(this);
        }
    }
}
