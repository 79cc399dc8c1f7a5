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
 * <p>Refresh-token families ({@link RefreshRotationStore}): one immutable record per family,
 * replaced atomically by {@link ConcurrentHashMap#compute}, so concurrent rotations of one token
 * have exactly one winner.
 *
 * <p>Thread safety: thread safe; lookups are lock-free.
 */
public final class InMemoryRevocationStore implements RefreshRotationStore {
    private static final long FOREVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    /** identity -> {notBefore, keepUntil} in epoch milliseconds; arrays are never mutated once published. */
    private final ConcurrentHashMap<String, long[]> notBefore = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Family> families = new ConcurrentHashMap<>();
    private final Clock clock;

    /** A family's state; never mutated once published. Times in epoch milliseconds. */
    private record Family(String current, String previous, long rotatedAt, boolean graceUsed, boolean revoked,
                          long keepUntil) {
    }
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
        if (check.family() != null) {
            Family f = families.get(check.family());
            if (f != null && f.revoked() && f.keepUntil() > now) {
                return true;
            }
        }
        if (check.identity() != null) {
            long[] entry = notBefore.get(check.identity());
            return entry != null && entry[1] > now && check.issuedNoLaterThan(entry[0]);
        }
        return false;
    }

    @Override
    public RotationResult rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration grace) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(presentedJti, "presentedJti");
        Objects.requireNonNull(newJti, "newJti");
        long now = clock.millis();
        long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
        long graceMillis = grace == null ? 0 : grace.toMillis();
        RotationResult[] result = new RotationResult[1];
        families.compute(family, (k, f) -> {
            if (f == null || (!f.revoked() && f.current().equals(presentedJti))) {
                result[0] = RotationResult.ROTATED;
                return new Family(newJti, presentedJti, now, false, false, f == null ? keep : Math.max(keep, f.keepUntil()));
            }
            if (f.revoked()) {
                result[0] = RotationResult.REVOKED;
                return f;
            }
            if (graceMillis > 0 && presentedJti.equals(f.previous()) && !f.graceUsed() && now < f.rotatedAt() + graceMillis) {
                result[0] = RotationResult.GRACE;
                return new Family(newJti, f.previous(), f.rotatedAt(), true, false, Math.max(keep, f.keepUntil()));
            }
            result[0] = RotationResult.REUSE;
            return new Family(f.current(), f.previous(), f.rotatedAt(), f.graceUsed(), true, Math.max(keep, f.keepUntil()));
        });
        maybeSweep();
        return result[0];
    }

    @Override
    public void revokeFamily(String family, Instant keepUntil) {
        Objects.requireNonNull(family, "family");
        long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
        families.merge(family, new Family("", null, 0, false, true, keep),
                (f, n) -> new Family(f.current(), f.previous(), f.rotatedAt(), f.graceUsed(), true, Math.max(keep, f.keepUntil())));
        maybeSweep();
    }

    /** Entries currently held, revoked ids, identities and families together (expired ones not yet swept included). */
    public int size() {
        return revoked.size() + notBefore.size() + families.size();
    }

    /** Removes every entry whose tokens have expired. */
    public void sweep() {
        long now = clock.millis();
        revoked.values().removeIf(expiry -> expiry <= now);
        notBefore.values().removeIf(entry -> entry[1] <= now);
        families.values().removeIf(f -> f.keepUntil() <= now);
    }

    private void maybeSweep() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepIntervalMillis)) {
            sweep();
        }
    }
}
