package io.github.jwtextended.session;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.event.RotationOutcome;
import io.github.jwtextended.log.LogText;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.Outcome;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationRetention;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;
import io.github.jwtextended.token.TokenIssuer;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * <b>Where sessions under refresh-token rotation begin and move on</b> (RFC 9700 section 4.14): a
 * login's {@link TokenPair} starts a new family; each rotation issues a new pair of the presented
 * refresh token's family and makes the presented one unusable, through the store's
 * {@link RefreshRotation}. Within the reuse window ({@link #DEFAULT_REUSE_GRACE} unless set) after
 * a rotation, presenting the previous refresh token again (two tabs refreshing at once, a double
 * click, a retry after a lost answer) is not reuse: it gets a new access token and a refresh token
 * carrying the same successor {@code jti} as the rotation's own answer, so whichever answer the
 * client keeps is the one the next rotation expects. Presenting a refresh token that was rotated
 * longer ago (or at all, with a zero window) revokes the whole family, logs a security event
 * (identity and family, never a token) and fails with {@link RevokedTokenException}.
 * With a maximum session lifetime, the login time is written as {@value #AUTH_TIME_CLAIM} into
 * each refresh token and each access token of the session, whose expiry never passes
 * {@code auth_time + lifetime}; {@link #continueAccess} gives the access token that continues a
 * session without a rotation (implicit refresh), under the same rule.
 *
 * <p>Thread safety: immutable and thread safe if the issuer's callbacks and the rotation are.
 */
public final class RefreshRotator {
    /** Security events (refresh-token reuse): identity and family only, never a token. */
    private static final Logger SECURITY = LoggerFactory.getLogger("io.github.jwtextended.security");
    /**
     * The claim holding when a rotated session began (OpenID Connect's {@code auth_time}, epoch
     * seconds), written on refresh tokens when a maximum session lifetime is set.
     */
    public static final String AUTH_TIME_CLAIM = "auth_time";
    /**
     * The reuse window used unless another is set: long enough for the requests a browser or a
     * client sends with one refresh token before it has stored the answer (concurrent tabs, a
     * double click, a retry after a lost answer, a few seconds of clock difference between
     * servers), short enough that a copy of an old token replayed later is caught as reuse.
     */
    public static final Duration DEFAULT_REUSE_GRACE = Duration.ofSeconds(10);

    private final TokenIssuer issuer;
    private final TokenDecoder decoder;
    private final Clock clock;
    /** The store's refresh-token rotation, or null when it has none (or there is no store). */
    private final RefreshRotation rotation;
    /** How long after a rotation the previous refresh token continues its line (zero: never). */
    private final Duration reuseGrace;
    /** The longest a session may last from its login, or null for no limit. */
    private final Duration maxSessionLifetime;
    /** Where logins are recorded as sessions (when the store keeps session records). */
    private final Sessions sessions;
    /** The configured access and refresh lifetimes (null: unlimited). */
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    /** How long the records of a login or a rotation are kept: the new refresh token's expiry plus leeway. */
    private final RevocationRetention retention;

    /**
     * Rotates through {@code rotation} (null: none, and {@link #rotate} is refused);
     * {@code reuseGrace} is how long after a rotation the previous token continues its line (zero:
     * never; presenting it is reuse), {@code maxSessionLifetime}
     * the longest a session may last from its login (null: no limit); a login is recorded in
     * {@code sessions} when its store keeps session records.
     */
    public RefreshRotator(JwtConfig config, TokenIssuer issuer, TokenDecoder decoder, Clock clock, RefreshRotation rotation,
                          Duration reuseGrace, Duration maxSessionLifetime, Sessions sessions) {
        this.accessLifetime = config.access().expires();
        this.refreshLifetime = config.refresh().expires();
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = new RevocationRetention(config, clock);
        this.rotation = rotation;
        this.reuseGrace = Objects.requireNonNull(reuseGrace, "reuseGrace");
        this.maxSessionLifetime = maxSessionLifetime;
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** {@link #login(Object, TokenOptions, String)} without a client description. */
    public TokenPair login(Object identity, TokenOptions accessOptions) {
        return login(identity, accessOptions, null);
    }

    /**
     * A login's tokens: a new family, and the login time when sessions have a maximum lifetime.
     * When the store keeps {@linkplain RevocationStore#sessions() session records}, the family is
     * recorded as a session of the token's identity, described by {@code client} (made safe by
     * {@link Sessions#clientDescription}; null: none), and the login fails with
     * {@link StoreUnavailableException} when the store cannot record it.
     */
    public TokenPair login(Object identity, TokenOptions accessOptions, String client) {
        TokenOptions refresh = TokenOptions.defaults();
        if (maxSessionLifetime != null) {
            long start = clock.instant().getEpochSecond();
            refresh = refresh.withClaim(AUTH_TIME_CLAIM, start).withExpiresIn(sessionRemaining(start));
            accessOptions = sessionAccess(accessOptions, start);
        }
        TokenPair pair = issuer.pair(identity, accessOptions, refresh, TokenIssuer.newFamilyId());
        if (sessions.available()) {
            Jwt first = decoder.decode(pair.refreshToken());
            sessions.start(first, retention.afterExpiry(first.expiresAt()), client);
        }
        return pair;
    }

    /**
     * The next pair of {@code refreshToken}'s family (one without a family starts one named after
     * its {@code jti}). {@code refreshToken} must have been verified under a refresh guard
     * (including the revocation check). Within the reuse window after its rotation the previous
     * token gets a pair whose refresh token has the same {@code jti} as the rotation's own answer.
     * Fails with {@link ExpiredTokenException} when its session is over,
     * {@link RevokedTokenException} when it was rotated before the window (reuse) and
     * {@link StoreUnavailableException} when the store cannot answer; needs a store with
     * {@linkplain RevocationStore#rotation() refresh-token rotation} (else
     * {@link IllegalStateException}).
     */
    public TokenPair rotate(Jwt refreshToken, Object identity, TokenOptions accessOptions) {
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
                issuer.events().refreshRotation(RotationOutcome.EXPIRED);
                throw new ExpiredTokenException("Token has expired", refreshToken.header(), refreshToken.claims());
            }
            refreshOptions = refreshOptions.withClaim(AUTH_TIME_CLAIM, start).withExpiresIn(sessionRemaining(start));
            accessOptions = sessionAccess(accessOptions, start);
        }
        String proposed = TokenIssuer.newJti();
        TokenPair pair = issuer.pair(identity, accessOptions, refreshOptions, family, proposed);
        Instant keepUntil = retention.afterExpiry(decoder.decode(pair.refreshToken()).expiresAt());
        Outcome outcome = StoreUnavailableException.failClosed(
                () -> rotation.rotate(family, presented, proposed, keepUntil, reuseGrace));
        issuer.events().refreshRotation(RotationOutcome.valueOf(outcome.result().name())); // the same names, pinned by a test
        if (outcome.issued()) {
            if (outcome.successorJti().equals(proposed)) {
                return pair;
            }
            // Within the window: the line's successor, never a second one that would supersede it.
            String successor = issuer.refreshToken(identity, refreshOptions.withFamily(family), outcome.successorJti());
            return new TokenPair(pair.accessToken(), successor, family);
        }
        if (outcome.result() == RotationResult.REUSE) {
            SECURITY.warn("refresh token reuse detected: identity={} family={}; every token of the family is revoked",
                    LogText.escape(refreshToken.identityAsString()), LogText.escape(family));
        }
        throw new RevokedTokenException("Token has been revoked", refreshToken.header(), refreshToken.claims());
    }

    /**
     * The access token that continues {@code accessToken}'s session without a rotation (implicit
     * refresh): an access token of {@code identity} with {@code accessOptions} (null: the
     * defaults), of the same family ({@code fam}) when it has one. With a maximum session lifetime
     * it carries the session's {@value #AUTH_TIME_CLAIM} (the token's own; a token without one
     * counts its session from its {@code iat}, as {@link #rotate} does) and expires no later than
     * {@code auth_time + lifetime}. Empty, and nothing is issued, when the session is over or the
     * presented token already lasts until its end.
     * {@code accessToken} must have been verified under an access guard, including the revocation
     * check, so that a revoked token or family (a logout, an ended session, reuse) never gets here.
     */
    public Optional<String> continueAccess(Jwt accessToken, Object identity, TokenOptions accessOptions) {
        Objects.requireNonNull(accessToken, "accessToken");
        if (!accessToken.isPresent() || accessToken.isRefresh()) {
            throw new IllegalArgumentException("only an access token continues its session");
        }
        TokenOptions options = accessOptions == null ? TokenOptions.defaults() : accessOptions;
        if (accessToken.family() != null) {
            options = options.withFamily(accessToken.family());
        }
        if (maxSessionLifetime != null) {
            long start = sessionStart(accessToken);
            long end = start + maxSessionLifetime.getSeconds();
            Instant exp = accessToken.expiresAt();
            if (clock.instant().getEpochSecond() >= end || exp != null && exp.getEpochSecond() >= end) {
                return Optional.empty();
            }
            options = sessionAccess(options, start);
        }
        return Optional.of(issuer.accessToken(identity, options));
    }

    /**
     * Access options for a session that started at {@code start}: its {@value #AUTH_TIME_CLAIM},
     * and a lifetime (the options', else the configured one) cut to what is left of the session.
     */
    private TokenOptions sessionAccess(TokenOptions accessOptions, long start) {
        TokenOptions options = (accessOptions == null ? TokenOptions.defaults() : accessOptions).withClaim(AUTH_TIME_CLAIM, start);
        Duration left = sessionLeft(start);
        Duration lifetime = options.noExpiry() ? null : options.expiresIn() != null ? options.expiresIn() : accessLifetime;
        return lifetime != null && lifetime.compareTo(left) <= 0 ? options : options.withExpiresIn(left);
    }

    /** The refresh lifetime to give, capped by what is left of a session that started at {@code start}. */
    private Duration sessionRemaining(long start) {
        Duration left = sessionLeft(start);
        return refreshLifetime != null && refreshLifetime.compareTo(left) < 0 ? refreshLifetime : left;
    }

    /** What is left now of a session that started at {@code start}. */
    private Duration sessionLeft(long start) {
        return Duration.ofSeconds(start).plus(maxSessionLifetime).minusSeconds(clock.instant().getEpochSecond());
    }

    /** When the token's session began: its {@code auth_time}, else its {@code iat}, else now. */
    private long sessionStart(Jwt token) {
        Object t = token.claim(AUTH_TIME_CLAIM);
        if (t instanceof Number && ((Number) t).longValue() > 0) {
            return ((Number) t).longValue();
        }
        Instant iat = token.issuedAt();
        return iat != null ? iat.getEpochSecond() : clock.instant().getEpochSecond();
    }
}
