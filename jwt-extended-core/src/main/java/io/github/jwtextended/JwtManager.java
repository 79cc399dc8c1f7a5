package io.github.jwtextended;

import io.github.jwtextended.callback.AdditionalClaimsLoader;
import io.github.jwtextended.callback.AdditionalHeadersLoader;
import io.github.jwtextended.callback.BlocklistCheck;
import io.github.jwtextended.callback.ClaimsVerifier;
import io.github.jwtextended.callback.IdentityLoader;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.cookie.JwtCookies;
import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.error.ErrorHandler;
import io.github.jwtextended.error.ErrorHandlers;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.key.StaticKeyResolver;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;
import io.github.jwtextended.token.TokenEncoder;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import io.github.jwtextended.verify.RequestVerifier;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
    private final JwtConfig config;
    private final Clock clock;
    private final KeyResolver keys;
    private final TokenEncoder encoder;
    private final TokenDecoder decoder;
    private final RequestVerifier verifier;
    private final JwtCookies cookies;
    private final RevocationStore store;
    private final ErrorHandlers errorHandlers;

    private JwtManager(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.keys = b.keys != null ? b.keys : keysFrom(b.config, b.clock);
        this.encoder = new TokenEncoder(config, keys, clock, b.additionalClaims, b.additionalHeaders, b.identityLoader);
        this.decoder = new TokenDecoder(config, keys, clock, b.verifiedTokenCacheSize);
        this.store = b.store;
        this.verifier = new RequestVerifier(config, decoder, clock, b.store, b.blocklist, b.claimsVerifier, b.userLookup);
        this.cookies = new JwtCookies(config, clock);
        this.errorHandlers = b.errorHandlers;
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
            throw new IllegalStateException("JWT_ALGORITHM " + config.algorithm() + " needs keys: JWT_PRIVATE_KEY and/or "
                    + "JWT_PUBLIC_KEY, JWT_JWKS_FILE, JWT_JWKS_URL, or a key resolver given to the manager");
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

    /** {@code set_access_cookies(response, token)}: the token is verified to read its CSRF value. */
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
        try {
            store.revoke(jti, until);
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("Token revocation status is temporarily unavailable", e);
        }
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
