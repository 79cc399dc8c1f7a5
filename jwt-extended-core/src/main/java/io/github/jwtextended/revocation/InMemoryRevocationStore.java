package io.github.jwtextended.revocation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * <p>Capabilities: refresh-token rotation ({@link #rotation()}) and its session records
 * ({@link #sessions()}; a listing reads every family): one immutable record per family,
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
    private final Families familyRecords = new Families();
    private final Optional<RefreshRotation> rotation = Optional.of(familyRecords);
    private final Optional<SessionRecords> sessions = Optional.of(familyRecords);
    private final Optional<Purge> purge = Optional.of(this::sweep);

    /**
     * A family's state; never mutated once published. Times in epoch milliseconds; identity,
     * createdAt and client are its session record (null, 0 and null for a family not started by
     * {@link SessionRecords#start}); the client is dropped when it is revoked.
     */
    private record Family(String current, String previous, long rotatedAt, boolean revoked, long keepUntil,
                          String identity, long createdAt, String client) {
        Family rotated(String next, String presented, long now, long keep) {
            return new Family(next, presented, now, false, Math.max(keep, keepUntil), identity, createdAt, client);
        }

        Family kept(long keep) {
            return keep <= keepUntil ? this : new Family(current, previous, rotatedAt, revoked, keep, identity, createdAt, client);
        }

        Family revokedUntil(long keep) {
            return new Family(current, previous, rotatedAt, true, Math.max(keep, keepUntil), identity, createdAt, null);
        }
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

    /** Session records: the families' own, in {@link #families} (a listing reads them all). */
    @Override
    public Optional<SessionRecords> sessions() {
        return sessions;
    }

    /** The families' rotation and session records: records in {@link #families}, revoked ones also in {@link #index}. */
    private final class Families implements RefreshRotation, SessionRecords {
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
                if (f == null) {
                    result[0] = Outcome.rotated(newJti);
                    return new Family(newJti, presentedJti, now, false, keep, null, 0, null);
                }
                if (!f.revoked() && f.current().equals(presentedJti)) {
                    result[0] = Outcome.rotated(newJti);
                    return f.rotated(newJti, presentedJti, now, keep);
                }
                if (f.revoked()) {
                    result[0] = Outcome.revoked();
                    return f;
                }
                if (windowMillis > 0 && presentedJti.equals(f.previous()) && now < f.rotatedAt() + windowMillis) {
                    result[0] = Outcome.grace(f.current());
                    return f.kept(keep);
                }
                result[0] = Outcome.reuse();
                Family revoked = f.revokedUntil(keep);
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
            Family revoked = families.merge(family, new Family("", null, 0, true, keep, null, 0, null),
                    (f, n) -> f.revokedUntil(keep));
            index.revokeFamily(family, revoked.keepUntil());
            maybeSweep();
        }

        @Override
        public void start(String family, String identity, String firstJti, String client, Instant keepUntil) {
            SessionRecords.checkStart(family, identity, firstJti, client);
            long now = clock.millis();
            families.putIfAbsent(family, new Family(firstJti, null, now, false, keepUntil == null ? FOREVER : keepUntil.toEpochMilli(),
                    identity, now, client));
            maybeSweep();
        }

        @Override
        public List<SessionRecord> list(String identity) {
            Objects.requireNonNull(identity, "identity");
            long now = clock.millis();
            List<SessionRecord> out = new ArrayList<>();
            families.forEach((id, f) -> {
                if (identity.equals(f.identity()) && !f.revoked() && f.keepUntil() > now) {
                    out.add(new SessionRecord(id, Instant.ofEpochMilli(f.createdAt()), Instant.ofEpochMilli(f.rotatedAt()), f.client()));
                }
            });
            out.sort(MOST_RECENT_FIRST);
            return out;
        }

        @Override
        public boolean revoke(String identity, String family, Instant keepUntil) {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(family, "family");
            long now = clock.millis();
            long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
            boolean[] revoked = new boolean[1];
            families.computeIfPresent(family, (k, f) -> {
                if (!identity.equals(f.identity()) || f.revoked() || f.keepUntil() <= now) {
                    return f;
                }
                revoked[0] = true;
                Family r = f.revokedUntil(keep);
                index.revokeFamily(family, r.keepUntil()); // inside compute, as a reuse
                return r;
            });
            maybeSweep();
            return revoked[0];
        }
    }
}
