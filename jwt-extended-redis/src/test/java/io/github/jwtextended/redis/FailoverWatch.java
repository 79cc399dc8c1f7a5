package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationStoreException;

import java.time.Duration;
import java.util.List;

/**
 * What stores answered from a failover's start until each answered right again for a second:
 * wrong answers (a revoked token "not revoked" or the reverse), failures (exceptions, a 503 each),
 * when the first and last failure came and when the answers were right again, in ms from the start.
 *
 * <p>Thread safety: immutable; {@link #watch} runs on the caller's thread.
 */
record FailoverWatch(long wrong, long failures, long firstFailureMs, long lastFailureMs, long recoveredMs) {

    /** Runs {@code failover}, then checks {@code revoked} and {@code notRevoked} on every store until they recover (30 s at most). */
    static FailoverWatch watch(List<RedisRevocationStore> stores, String revoked, String notRevoked, Runnable failover) throws Exception {
        return watch(stores, revoked, notRevoked, failover, true);
    }

    /** The same; unless {@code failuresExpected}, it also ends after a second of right answers without any failure. */
    static FailoverWatch watch(List<RedisRevocationStore> stores, String revoked, String notRevoked, Runnable failover,
                               boolean failuresExpected) throws Exception {
        long start = System.nanoTime();
        failover.run();
        long wrong = 0;
        long failures = 0;
        long first = -1;
        long last = -1;
        long rightSince = -1;
        long deadline = start + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean allRight = true;
            for (RedisRevocationStore s : stores) {
                try {
                    if (!s.isRevoked(revoked) || s.isRevoked(notRevoked)) {
                        wrong++;
                    }
                } catch (RevocationStoreException e) {
                    failures++;
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    first = first < 0 ? ms : first;
                    last = ms;
                    allRight = false;
                }
            }
            long now = System.nanoTime();
            if (!allRight) {
                rightSince = -1;
            } else if (rightSince < 0) {
                rightSince = now;
            } else if ((failures > 0 || !failuresExpected) && now - rightSince > 1_000_000_000L) {
                return new FailoverWatch(wrong, failures, first, last, (rightSince - start) / 1_000_000);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the stores did not recover within 30 s (" + failures + " failures, " + wrong + " wrong)");
    }
}
