package io.github.jwtextended.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revoked token ids in this process's memory, each kept until its token would have expired and
 * then dropped, so memory stays bounded by the tokens revoked within one token lifetime.
 *
 * <p>Single instance and not durable: a restart forgets every revocation, and other server
 * instances never see them. Use the JDBC or Redis store when either matters.
 *
 * <p>Thread safety: thread safe; lookups are lock-free.
 */
public final class InMemoryRevocationStore implements RevocationStore {
    private static final long FOREVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long sweepIntervalMillis;
    private final AtomicLong nextSweep;

    public InMemoryRevocationStore() {
        this(Clock.systemUTC());
    }

    public InMemoryRevocationStore(Clock clock) {
        this(clock, Duration.ofMinutes(1));
    }

    /** With {@code sweepInterval}: how often expired entries are removed (during a revoke or lookup). */
    public InMemoryRevocationStore(Clock clock, Duration sweepInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sweepIntervalMillis = sweepInterval.toMillis();
        this.nextSweep = new AtomicLong(clock.millis() + sweepIntervalMillis);
    }

    @Override
    public void revoke(String jti, Instant until) {
        Objects.requireNonNull(jti, "jti");
        long expiry = until == null ? FOREVER : until.toEpochMilli();
        revoked.merge(jti, expiry, Math::max);
        maybeSweep();
    }

    @Override
    public boolean isRevoked(String jti) {
        if (jti == null) {
            return false;
        }
        maybeSweep();
        Long expiry = revoked.get(jti);
        return expiry != null && expiry > clock.millis();
    }

    /** Entries currently held (expired ones not yet swept included). */
    public int size() {
        return revoked.size();
    }

    /** Removes every entry whose token has expired. */
    public void sweep() {
        long now = clock.millis();
        revoked.values().removeIf(expiry -> expiry <= now);
    }

    private void maybeSweep() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepIntervalMillis)) {
            sweep();
        }
    }
}
