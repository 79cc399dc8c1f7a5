package io.github.jwtextended.example.storage;

import io.github.jwtextended.revocation.Purge;
import io.github.jwtextended.revocation.RevocationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The background deletion of expired revocations, every {@code REVOCATION_PURGE_INTERVAL}, when the
 * revocation store has a purge (the database's; nothing to do for Redis, whose keys expire by
 * themselves). A failed purge is logged and tried again next time.
 *
 * <p>Thread safety: thread safe.
 */
public final class RevocationPurge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationPurge.class);

    private final ScheduledExecutorService purger;

    /** Starts purging {@code store} (when it has a purge; null: nothing to purge) every {@code every}. */
    public RevocationPurge(RevocationStore store, Duration every) {
        Purge purge = store == null ? null : store.purge().orElse(null);
        if (purge == null) {
            purger = null;
            return;
        }
        purger = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "revocation-purge");
            t.setDaemon(true);
            return t;
        });
        long ms = every.toMillis();
        purger.scheduleWithFixedDelay(() -> purge(purge), ms, ms, TimeUnit.MILLISECONDS);
    }

    private static void purge(Purge purge) {
        try {
            int n = purge.purgeExpired();
            if (n > 0) {
                LOG.info("purged {} expired revocation(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("purging expired revocations failed; will retry: {}", e.getMessage());
        }
    }

    /** Stops purging (a purge under way is interrupted). */
    @Override
    public void close() {
        if (purger != null) {
            purger.shutdownNow();
        }
    }
}
