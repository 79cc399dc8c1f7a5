package io.github.jwtextended.revocation;

import io.github.jwtextended.config.JwtConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * <b>How long a revocation is kept</b> (the {@code keepUntil} a store is given): until the last
 * token it covers can no longer be accepted, its expiry plus the decode leeway; {@code null},
 * forever, when such a token never expires. The one place that says it, for the {@link Revoker}'s
 * revocations, the sessions ended through {@code session.Sessions} and the records a login or a
 * rotation writes.
 *
 * <p>Thread safety: immutable and thread safe if its clock is.
 */
public final class RevocationRetention {
    private final Duration leeway;
    /** The configured lifetimes, null where unlimited. */
    private final Duration accessLifetime;
    private final Duration refreshLifetime;
    private final Clock clock;

    /** The retention for {@code config}'s token lifetimes and leeway, "now" read from {@code clock}. */
    public RevocationRetention(JwtConfig config, Clock clock) {
        Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.leeway = config.decode().leeway();
        this.accessLifetime = config.access().expires();
        this.refreshLifetime = config.refresh().expires();
    }

    /** For a token expiring at {@code expiresAt}: that plus the leeway; null (forever) when it has no expiry. */
    public Instant afterExpiry(Instant expiresAt) {
        return expiresAt == null ? null : expiresAt.plus(leeway);
    }

    /**
     * For tokens issued up to {@code issuedAt} that live at most {@code lifetime}: {@code issuedAt}
     * plus the lifetime plus the leeway; null (forever) when the lifetime is unlimited (null).
     */
    public Instant afterLifetime(Instant issuedAt, Duration lifetime) {
        Objects.requireNonNull(issuedAt, "issuedAt");
        return lifetime == null ? null : afterExpiry(issuedAt.plus(lifetime));
    }

    /**
     * For a refresh-token family revoked now: now plus the configured refresh lifetime plus the
     * leeway; null (forever) when refresh tokens never expire.
     */
    public Instant familyRevokedNow() {
        return afterLifetime(clock.instant(), refreshLifetime);
    }

    /** The longer of the configured access and refresh lifetimes; null (unlimited) when either is. */
    public Duration longestLifetime() {
        if (accessLifetime == null || refreshLifetime == null) {
            return null;
        }
        return accessLifetime.compareTo(refreshLifetime) >= 0 ? accessLifetime : refreshLifetime;
    }
}
