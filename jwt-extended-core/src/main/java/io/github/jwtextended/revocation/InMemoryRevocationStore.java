package io.github.jwtextended.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revoked token ids and per-identity not-before instants in this process's memory, each kept until
 * the tokens it concerns would have expired and then dropped, so memory stays bounded by what was
 * revoked within one token lifetime.
 *
 * <p>Single instance and not durable: a restart forgets every revocation, and other server
 * instances never see them. Use the JDBC or Redis store when either matters.
 *
 * <p>Thread safety: thread safe; lookups are lock-free.
 */
public final class InMemoryRevocationStore implements RevocationStore {
    private static final long FOREVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    /** identity -> {notBefore, keepUntil} in epoch milliseconds; arrays are never mutated once published. */
    private final ConcurrentHashMap<String, long[]> notBefore = new ConcurrentHashMap<>();
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
    public void revokeAllIssuedBefore(String identity, Instant notBeforeInstant, Instant keepUntil) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(notBeforeInstant, "notBefore");
        long[] entry = {notBeforeInstant.toEpochMilli(), keepUntil == null ? FOREVER : keepUntil.toEpochMilli()};
        notBefore.merge(identity, entry, (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
        maybeSweep();
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        maybeSweep();
        long now = clock.millis();
        if (check.jti() != null) {
            Long expiry = revoked.get(check.jti());
            if (expiry != null && expiry > now) {
                return true;
            }
        }
        if (check.identity() != null) {
            long[] entry = notBefore.get(check.identity());
            return entry != null && entry[1] > now && check.issuedNoLaterThan(entry[0]);
        }
        return false;
    }

    /** Entries currently held, revoked ids and identities together (expired ones not yet swept included). */
    public int size() {
        return revoked.size() + notBefore.size();
    }

    /** Removes every entry whose tokens have expired. */
    public void sweep() {
        long now = clock.millis();
        revoked.values().removeIf(expiry -> expiry <= now);
        notBefore.values().removeIf(entry -> entry[1] <= now);
    }

    private void maybeSweep() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepIntervalMillis)) {
            sweep();
        }
    }
}
