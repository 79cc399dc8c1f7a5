package io.github.jwtextended.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Revoked token ids and per-identity not-before instants in this process's memory (a
 * {@link RevocationIndex}, as the JDBC and Redis near caches keep), each kept until the tokens it
 * concerns would have expired and then dropped, so memory stays bounded by what was revoked within
 * one token lifetime.
 *
 * <p>Single instance and not durable: a restart forgets every revocation, and other server
 * instances never see them. Use the JDBC or Redis store when either matters.
 *
 * <p>Capabilities: refresh-token rotation ({@link #rotation()}): one immutable record per family,
 * replaced atomically by {@link ConcurrentHashMap#compute}, so concurrent rotations of one token
 * have exactly one winner and every other one, within the window, is given the winner's successor; a family that becomes revoked goes into the index too, where checks
 * find it. {@link #purge()}: {@link #sweep()}, which also runs by itself during revocations and
 * lookups every sweep interval. No near cache (it is all memory), nothing to close.
 *
 * <p>Thread safety: thread safe; lookups are lock-free.
 */
public final class InMemoryRevocationStore implements RevocationStore {
    private static final long FOREVER = RevocationIndex.FOREVER;

    /** Revoked ids, identities' cut-offs and revoked families: what checks read. */
    private final RevocationIndex index = new RevocationIndex();
    /** Every family's rotation state (revoked ones too, so that a rotation of one stays refused). */
    private final ConcurrentHashMap<String, Family> families = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Optional<RefreshRotation> rotation = Optional.of(new Families());
    private final Optional<Purge> purge = Optional.of(this::sweep);

    /** A family's state; never mutated once published. Times in epoch milliseconds. */
    private record Family(String current, String previous, long rotatedAt, boolean revoked, long keepUntil) {
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
        index.revoke(jti, until == null ? FOREVER : until.toEpochMilli());
        maybeSweep();
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBeforeInstant, Instant keepUntil) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(notBeforeInstant, "notBefore");
        index.revokeAllIssuedBefore(identity, notBeforeInstant.toEpochMilli(), keepUntil == null ? FOREVER : keepUntil.toEpochMilli());
        maybeSweep();
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        maybeSweep();
        return index.isRevoked(check, clock.millis());
    }

    /** Refresh-token families, kept here. */
    @Override
    public Optional<RefreshRotation> rotation() {
        return rotation;
    }

    /** {@link #sweep()}. */
    @Override
    public Optional<Purge> purge() {
        return purge;
    }

    /** Entries currently held, revoked ids, identities and families together (expired ones not yet swept included). */
    public int size() {
        int rotatable = 0;
        for (Family f : families.values()) {
            if (!f.revoked()) {
                rotatable++; // a revoked family is counted once, in the index
            }
        }
        return index.size() + rotatable;
    }

    /** Removes every entry whose tokens have expired; returns how many were removed. */
    public int sweep() {
        long now = clock.millis();
        int[] removed = {index.sweep(now)};
        families.values().removeIf(f -> {
            boolean expired = f.keepUntil() <= now;
            if (expired && !f.revoked()) {
                removed[0]++; // a revoked family was counted in the index
            }
            return expired;
        });
        return removed[0];
    }

    private void maybeSweep() {
        long now = clock.millis();
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepIntervalMillis)) {
            sweep();
        }
    }

    /** The families' rotation: records in {@link #families}, revoked ones also in {@link #index}. */
    private final class Families implements RefreshRotation {
        @Override
        public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(presentedJti, "presentedJti");
            Objects.requireNonNull(newJti, "newJti");
            long now = clock.millis();
            long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
            long windowMillis = window == null ? 0 : window.toMillis();
            Outcome[] result = new Outcome[1];
            families.compute(family, (k, f) -> {
                if (f == null || (!f.revoked() && f.current().equals(presentedJti))) {
                    result[0] = Outcome.rotated(newJti);
                    return new Family(newJti, presentedJti, now, false, f == null ? keep : Math.max(keep, f.keepUntil()));
                }
                if (f.revoked()) {
                    result[0] = Outcome.revoked();
                    return f;
                }
                if (windowMillis > 0 && presentedJti.equals(f.previous()) && now < f.rotatedAt() + windowMillis) {
                    result[0] = Outcome.grace(f.current());
                    return f.keepUntil() >= keep ? f : new Family(f.current(), f.previous(), f.rotatedAt(), false, keep);
                }
                result[0] = Outcome.reuse();
                Family revoked = new Family(f.current(), f.previous(), f.rotatedAt(), true, Math.max(keep, f.keepUntil()));
                index.revokeFamily(family, revoked.keepUntil()); // inside compute: no check sees the family rotatable again
                return revoked;
            });
            maybeSweep();
            return result[0];
        }

        @Override
        public void revokeFamily(String family, Instant keepUntil) {
            Objects.requireNonNull(family, "family");
            long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
            Family revoked = families.merge(family, new Family("", null, 0, true, keep),
                    (f, n) -> new Family(f.current(), f.previous(), f.rotatedAt(), true, Math.max(keep, f.keepUntil())));
            index.revokeFamily(family, revoked.keepUntil());
            maybeSweep();
        }
    }
}
