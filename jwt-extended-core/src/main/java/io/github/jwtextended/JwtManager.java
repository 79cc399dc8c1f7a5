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
import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.KeyResolvers;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.Revoker;
import io.github.jwtextended.session.RefreshRotator;
import io.github.jwtextended.session.Sessions;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;
import io.github.jwtextended.token.TokenEncoder;
import io.github.jwtextended.token.TokenIssuer;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.github.jwtextended.verify.RequestVerifier;

import java.time.Clock;
import java.time.Duration;
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
 * JwtManager jwt = JwtManager.builder(JwtConfig.builder().keys(k -> k.withSecret(secret)).build())
 *         .revocationStore(new InMemoryRevocationStore())
 *         .build();
 * String access = jwt.createAccessToken("alice", TokenOptions.defaults().withFresh(true));
 * Jwt token = jwt.verifyRequest(request, Guard.required());   // throws JwtException
 * }</pre>
 *
 * <p>A facade over the parts that do the work, each usable on its own: {@link TokenIssuer}
 * (creating), {@link RefreshRotator} and {@link Sessions} (refresh-token rotation, sessions),
 * {@link RequestVerifier} and {@link TokenDecoder} (verifying), {@link JwtCookies} (cookies),
 * {@link Revoker} (revocation) and {@link ErrorHandlers} (answers). Every store failure becomes
 * the same 503 in one place, {@link io.github.jwtextended.error.StoreUnavailableException#failClosed}.
 *
 * <p>Thread safety: immutable and thread safe if its callbacks and store are. Build one per
 * application and share it.
 */
public final class JwtManager {
    /** The claim naming a token's refresh-token family. */
    public static final String FAMILY_CLAIM = "fam";
    /** {@link RefreshRotator#AUTH_TIME_CLAIM}: when a rotated session began (epoch seconds). */
    public static final String AUTH_TIME_CLAIM = RefreshRotator.AUTH_TIME_CLAIM;

    private final JwtConfig config;
    private final Clock clock;
    private final KeyResolver keys;
    private final TokenIssuer issuer;
    private final TokenDecoder decoder;
    private final RequestVerifier verifier;
    private final JwtCookies cookies;
    private final RevocationStore store;
    private final Revoker revoker;
    private final RefreshRotator rotator;
    private final Sessions sessions;
    private final ErrorHandlers errorHandlers;

    private JwtManager(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        JwtEvents events = JwtEvents.of(b.listeners);
        this.keys = b.keys != null ? b.keys
                : KeyResolvers.from(config.keys(), config.decode().algorithms(), clock, config.settingNames(), events);
        this.issuer = new TokenIssuer(new TokenEncoder(config, keys, clock, b.additionalClaims, b.additionalHeaders, b.identityLoader),
                b.familyOnAccessTokens, events);
        this.decoder = new TokenDecoder(config, keys, clock, b.verifiedTokenCacheSize);
        this.store = b.store;
        this.verifier = new RequestVerifier(config, decoder, clock, b.store, b.blocklist, b.claimsVerifier, b.userLookup, events);
        this.cookies = new JwtCookies(config, clock);
        this.revoker = new Revoker(config, decoder, clock, b.store, events);
        this.sessions = new Sessions(config, clock, b.store == null ? null : b.store.sessions().orElse(null), issuer.events());
        this.rotator = new RefreshRotator(config, issuer, decoder, clock, revoker.rotation(), b.reuseGrace, b.maxSessionLifetime, sessions);
        this.errorHandlers = b.errorHandlers;
    }

    /** A builder for a manager over {@code config}. */
    public static Builder builder(JwtConfig config) {
        return new Builder(config);
    }

    /** The configuration it was built over. */
    public JwtConfig config() { return config; }

    /** The clock of every time check and of {@code iat} and {@code exp}. */
    public Clock clock() { return clock; }

    /** The keys in use (for publishing the public ones: {@link io.github.jwtextended.key.Jwks#publicJson(KeyResolver)}). */
    public KeyResolver keyResolver() { return keys; }

    // ---- creating tokens: TokenIssuer ------------------------------------------------------

    /** A non-fresh access token with the configured lifetime ({@code create_access_token(identity)}). */
    public String createAccessToken(Object identity) {
        return createAccessToken(identity, TokenOptions.defaults());
    }

    /** An access token with per-call options ({@code fresh}, {@code expires_delta}, additional claims and headers). */
    public String createAccessToken(Object identity, TokenOptions options) {
        return issuer.accessToken(identity, options);
    }

    /** A refresh token with the configured lifetime ({@code create_refresh_token(identity)}). */
    public String createRefreshToken(Object identity) {
        return createRefreshToken(identity, TokenOptions.defaults());
    }

    /** A refresh token with per-call options; it is never fresh. */
    public String createRefreshToken(Object identity, TokenOptions options) {
        return issuer.refreshToken(identity, options);
    }

    /** The token issuer, for the parts this facade does not repeat. */
    public TokenIssuer issuer() { return issuer; }

    // ---- refresh-token rotation and sessions: RefreshRotator -------------------------------

    /** A login's tokens under refresh-token rotation, of a new family: {@link RefreshRotator#login}. */
    public TokenPair createTokenPair(Object identity, TokenOptions accessOptions) {
        return rotator.login(identity, accessOptions);
    }

    /** {@link #rotateRefreshToken(Jwt, Object, TokenOptions)} for the token's identity, the access token not fresh. */
    public TokenPair rotateRefreshToken(Jwt refreshToken) {
        return rotateRefreshToken(refreshToken, refreshToken.identity(), TokenOptions.defaults());
    }

    /** Rotation (RFC 9700 section 4.14) of a verified refresh token; reuse revokes its family (401): {@link RefreshRotator#rotate}. */
    public TokenPair rotateRefreshToken(Jwt refreshToken, Object identity, TokenOptions accessOptions) {
        return rotator.rotate(refreshToken, identity, accessOptions);
    }

    /** {@link #createTokenPair} recording the session's client description: {@link RefreshRotator#login(Object, TokenOptions, String)}. */
    public TokenPair createTokenPair(Object identity, TokenOptions accessOptions, String client) {
        return rotator.login(identity, accessOptions, client);
    }

    /** The refresh-token rotator. */
    public RefreshRotator rotator() { return rotator; }
    /** An identity's sessions (refresh-token families): list, end one, end all but the current: {@link Sessions}. */
    public Sessions sessions() { return sessions; }

    // ---- decoding and verifying: TokenDecoder, RequestVerifier, ErrorHandlers ----------------

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

    // ---- cookies: JwtCookies ---------------------------------------------------------------

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
    public JwtCookies cookies() { return cookies; }

    // ---- revocation: Revoker ---------------------------------------------------------------

    /** The configured store, or null. */
    public RevocationStore revocationStore() { return store; }

    /** The revoker over the configured store. */
    public Revoker revoker() { return revoker; }

    /** Revokes a verified token until its expiry plus the leeway: {@link Revoker#revoke(Jwt)}; 503 when not recorded. */
    public void revoke(Jwt token) {
        revoker.revoke(token);
    }

    /** Verifies (expired or not) and revokes an encoded token: {@link Revoker#revoke(String)}. */
    public Jwt revoke(String encodedToken) {
        return revoker.revoke(encodedToken);
    }

    /** Log out everywhere, for the longest configured lifetime: {@link Revoker#revokeAllFor(Object)}. */
    public Instant revokeAllFor(Object identity) {
        return revoker.revokeAllFor(identity);
    }

    /** Log out everywhere, for the lifetime given: {@link Revoker#revokeAllFor(Object, Duration)}. */
    public Instant revokeAllFor(Object identity, Duration longestTokenLifetime) {
        return revoker.revokeAllFor(identity, longestTokenLifetime);
    }

    /** Revokes a verified token's refresh-token family: {@link Revoker#revokeFamily(Jwt)}. */
    public boolean revokeFamily(Jwt token) {
        return revoker.revokeFamily(token);
    }

    /** Logout for browsers, the refresh cookie's token revoked: {@link Revoker#revokeRefreshCookie(JwtRequest)}. */
    public boolean revokeRefreshCookie(JwtRequest request) {
        return revoker.revokeRefreshCookie(request);
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
        private Duration reuseGrace = RefreshRotator.DEFAULT_REUSE_GRACE;
        private boolean familyOnAccessTokens = true;
        private Duration maxSessionLifetime;
        private int verifiedTokenCacheSize = TokenDecoder.DEFAULT_CACHE_SIZE;
        private final List<JwtListener> listeners = new ArrayList<>();

        private Builder(JwtConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            this.errorHandlers = ErrorHandlers.defaults(config.errors().messageKey(), config.errors().style());
        }

        /** The clock for {@code iat}, {@code exp} and every time check; default UTC system clock. */
        public Builder clock(Clock clock) { this.clock = Objects.requireNonNull(clock, "clock"); return this; }
        /** Keys chosen by {@code alg} and {@code kid}; default: those the configuration names ({@link KeyResolvers#from}). */
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
         * Refresh-token rotation: the reuse window, how long after a rotation presenting the previous
         * refresh token again continues the same line instead of counting as reuse (concurrent
         * tabs, double clicks, retries: every answer carries the same successor refresh token
         * {@code jti}); default {@link RefreshRotator#DEFAULT_REUSE_GRACE} (10 s). Zero: no window,
         * any second presentation of a rotated token is reuse and revokes the family.
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
         * {@code auth_time} into both tokens, no token of the session (implicit refresh's included)
         * expires after {@code auth_time + lifetime}, and a rotation after that answers 401 {@code Token has expired}.
         */
        public Builder maxSessionLifetime(Duration lifetime) {
            if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
                throw new IllegalArgumentException("maxSessionLifetime must be positive, or null for none");
            }
            this.maxSessionLifetime = lifetime;
            return this;
        }
        /** Adds a listener to verifications, tokens issued, rotations, revocations and JWKS fetches (metrics, audit); see {@link JwtListener}. */
        public Builder listener(JwtListener l) { listeners.add(Objects.requireNonNull(l, "listener")); return this; }
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
