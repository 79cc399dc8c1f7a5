package io.github.jwtextended.jdbc;

import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The near cache of a {@link JdbcRevocationStore}: every live revocation of the three tables in
 * memory. Loaded in full when it starts, then kept current two ways: this instance's own writes
 * are applied as soon as the database has accepted them, and a poll every quarter of the staleness
 * bound reads the rows that any instance wrote since the previous poll (by {@code written_at}, on
 * the database's clock, re-reading an overlap of twice the write timeout so that a write that
 * committed late is not missed).
 *
 * <p>Trusted only while the last successful poll <em>started</em> less than the staleness bound
 * ago: it then holds every write committed before that instant. Otherwise (the database does not
 * answer, or answers slowly) the store checks the database directly, which fails closed when the
 * database is down. A poll after an outage resumes from the last successful one, so nothing written
 * meanwhile is missed.
 *
 * <p>Thread safety: thread safe; the poll and the sweep of expired entries run on one daemon
 * thread of their own, checks and writes on the callers' threads.
 */
final class JdbcNearCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcNearCache.class);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final JdbcRevocationStore store;
    private final RevocationIndex index = new RevocationIndex();
    private final long maxStalenessNanos;
    private final long overlapMillis;
    private final ScheduledExecutorService scheduler;
    /** The database clock's instant from which the next poll reads (poll thread and constructor only). */
    private long since = Long.MIN_VALUE;
    private long lastSweepNanos = System.nanoTime();
    private volatile boolean synced;
    /** When the last successful poll started; the cache's start until one has succeeded. */
    private volatile long syncStartedNanos = System.nanoTime();
    private volatile boolean failing;
    private volatile boolean closed;

    JdbcNearCache(JdbcRevocationStore store, Duration maxStaleness, Duration writeTimeout) {
        this.store = store;
        this.maxStalenessNanos = maxStaleness.toNanos();
        this.overlapMillis = writeTimeout.multipliedBy(2).toMillis();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jwt-jdbc-near-cache");
            t.setDaemon(true);
            return t;
        });
        poll();
        long every = Math.max(1, maxStaleness.toMillis() / 4);
        scheduler.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether checks may be answered from memory now: never once closed, even if a poll in flight then succeeds. */
    boolean trusted() {
        return !closed && synced && System.nanoTime() - syncStartedNanos < maxStalenessNanos;
    }

    /** The answer from memory, or null when not trusted. Keys as stored (see {@link JdbcRevocationStore#identityKey}). */
    Boolean answer(String jti, String identity, String family, RevocationCheck check) {
        if (!trusted()) {
            return null;
        }
        return index.isRevoked(jti, identity, family, check, store.clock().millis());
    }

    void applyRevoked(String jti, long until) {
        index.revoke(jti, until);
    }

    void applyNotBefore(String identity, long notBeforeMillis, long keepUntil) {
        index.revokeAllIssuedBefore(identity, notBeforeMillis, keepUntil);
    }

    void applyFamilyRevoked(String family, long keepUntil) {
        index.revokeFamily(family, keepUntil);
    }

    /** One poll: the database's clock, then every row written since the previous poll's (minus the overlap). */
    synchronized void poll() {
        if (closed) {
            return;
        }
        long started = System.nanoTime();
        try {
            int rows = 0;
            long dbNow;
            try (Connection c = store.dataSource().getConnection()) {
                boolean network = limitNetworkWait(c, store.queryTimeoutSeconds() * 1000);
                try (PreparedStatement ps = c.prepareStatement(store.nowSql())) {
                    ps.setQueryTimeout(store.queryTimeoutSeconds());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        dbNow = rs.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(store.writtenSinceSql())) {
                    ps.setQueryTimeout(store.queryTimeoutSeconds());
                    ps.setFetchSize(1000);
                    long now = store.clock().millis();
                    for (int i = 0; i < 3; i++) {
                        ps.setLong(2 * i + 1, since);
                        ps.setLong(2 * i + 2, now);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                            String kind = rs.getString(1);
                            String key = rs.getString(2);
                            long first = rs.getLong(3);
                            if ("r".equals(kind)) {
                                applyRevoked(key, first);
                            } else if ("n".equals(kind)) {
                                applyNotBefore(key, first, rs.getLong(4));
                            } else {
                                applyFamilyRevoked(key, first);
                            }
                        }
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                if (network) {
                    c.setNetworkTimeout(Runnable::run, 0);
                }
            }
            boolean first = since == Long.MIN_VALUE;
            since = dbNow - overlapMillis;
            syncStartedNanos = started;
            synced = true;
            if (first) {
                LOG.info("revocation near cache loaded ({})", index);
            } else if (failing) {
                LOG.info("revocation near cache synchronised again ({} rows read)", rows);
            }
            failing = false;
        } catch (SQLException | RuntimeException e) {
            if (!failing && !closed) {
                LOG.warn("revocation near cache could not read the database; checks go to the database once its copy is"
                        + " older than the staleness bound; will retry: {}", e.getMessage());
            }
            failing = true;
        }
        if (started - lastSweepNanos > SWEEP_EVERY_NANOS) {
            sweep();
            lastSweepNanos = started;
        }
    }

    private static boolean limitNetworkWait(Connection c, int millis) throws SQLException {
        try {
            c.setNetworkTimeout(Runnable::run, millis);
            return true;
        } catch (java.sql.SQLFeatureNotSupportedException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Drops the entries whose tokens have all expired. */
    void sweep() {
        index.sweep(store.clock().millis());
    }

    /** Entries held (for tests and metrics). */
    int size() {
        return index.size();
    }

    /** How long ago the last successful poll started (the cache's start, before the first): grows while the database is gone. */
    Duration staleness() {
        return Duration.ofNanos(System.nanoTime() - syncStartedNanos);
    }

    @Override
    public void close() {
        closed = true;
        synced = false;
        scheduler.shutdownNow();
    }
}
