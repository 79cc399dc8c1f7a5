package io.github.jwtextended.bench;

import io.github.jwtextended.revocation.InMemoryRevocationStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;

/**
 * The heap taken by revoked token ids in {@link InMemoryRevocationStore}: used heap after full GCs,
 * before and after revoking {@code n} random UUID {@code jti}s (the ids are held by the store only,
 * so they count), then again once the clock has passed their expiry and the store has swept.
 *
 * <pre>java -cp jwt-extended-bench/target/benchmarks.jar io.github.jwtextended.bench.RevokedJtiMemory [n]</pre>
 *
 * <p>Thread safety: single-threaded main.
 */
public final class RevokedJtiMemory {
    private RevokedJtiMemory() {
    }

    /** A clock the harness moves. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        MovableClock clock = new MovableClock();
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock, Duration.ofMinutes(1));
        long before = usedHeap();
        Instant until = clock.instant().plus(Duration.ofMinutes(15)); // a revoked access token's remaining life
        for (int i = 0; i < n; i++) {
            store.revoke(UUID.randomUUID().toString(), until);
        }
        long full = usedHeap();
        System.out.printf(Locale.ROOT, "revoked jtis:          %,d (store size %,d)%n", n, store.size());
        System.out.printf(Locale.ROOT, "heap they take:        %.1f MiB (%.0f bytes per revoked jti, a 36-character UUID string included)%n",
                (full - before) / 1048576.0, (full - before) / (double) n);
        boolean anyRevoked = store.isRevoked("not-revoked");
        clock.now = until.plusSeconds(61); // past their expiry and the sweep interval
        boolean stillRevoked = store.isRevoked("not-revoked"); // a lookup runs the due sweep
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "after expiry + sweep:  store size %,d, heap above the start %.1f MiB%n",
                store.size(), (after - before) / 1048576.0);
        if (anyRevoked || stillRevoked || store.size() != 0) {
            throw new IllegalStateException("entries did not leave at expiry");
        }
    }

    private static long usedHeap() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
