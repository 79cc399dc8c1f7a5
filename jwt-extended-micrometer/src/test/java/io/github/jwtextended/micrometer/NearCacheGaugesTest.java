package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.jdbc.PostgresTestSupport;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static io.github.jwtextended.micrometer.NearCacheGauges.SIZE;
import static io.github.jwtextended.micrometer.NearCacheGauges.STALENESS;
import static io.github.jwtextended.micrometer.NearCacheGauges.TRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The near-cache gauges of the real stores through an outage of their backend: a JDBC near cache
 * on SQLite (the database locked by another connection) and on PostgreSQL (the connection cut), a
 * Redis near cache on a redis-server of the test's own (killed, then started again). While the
 * backend is gone the cache stops being trusted and its staleness keeps growing; when it is back
 * the cache is trusted again by itself. The size counts the revocations held.
 */
class NearCacheGaugesTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** Cuts the backend off, and brings it back. */
    private interface Outage {
        void begin() throws Exception;

        void end() throws Exception;
    }

    private double trusted() {
        return registry.get(TRUSTED).gauge().value();
    }

    private double staleness() {
        return registry.get(STALENESS).timeGauge().value(TimeUnit.SECONDS);
    }

    private double size() {
        return registry.get(SIZE).gauge().value();
    }

    @Test
    void aSqliteNearCacheGoesUntrustedAndStaleWhileTheDatabaseIsLocked(@TempDir Path dir) throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(50); // a poll gives up quickly on a locked database (rollback journal: readers wait too)
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve("revocations.db"));
        Duration bound = Duration.ofMillis(400);
        try (JdbcRevocationStore store = JdbcRevocationStore.builder(ds).queryTimeout(Duration.ofSeconds(1)).nearCache(bound).build()) {
            store.createTable();
            Connection locker = ds.getConnection();
            try (locker; Statement st = locker.createStatement()) {
                throughAnOutage(store, bound, new Outage() {
                    @Override
                    public void begin() throws SQLException, InterruptedException {
                        for (int attempt = 1; ; attempt++) { // a poll may hold its read lock at this instant
                            try {
                                st.execute("BEGIN EXCLUSIVE");
                                return;
                            } catch (SQLException busy) {
                                if (attempt == 20) {
                                    throw busy;
                                }
                                Thread.sleep(20);
                            }
                        }
                    }

                    @Override
                    public void end() throws SQLException {
                        st.execute("ROLLBACK");
                    }
                });
            }
        }
    }

    @Test
    void aPostgresNearCacheGoesUntrustedAndStaleWhileTheConnectionIsCut() throws Exception {
        PGSimpleDataSource direct = PostgresTestSupport.dataSourceOrSkip();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String[] tables = {"g_revoked_" + suffix, "g_identity_" + suffix, "g_family_" + suffix};
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", direct.getPortNumbers()[0] == 0 ? 5432 : direct.getPortNumbers()[0])) {
            PGSimpleDataSource viaProxy = new PGSimpleDataSource();
            viaProxy.setURL(PostgresTestSupport.url());
            viaProxy.setServerNames(new String[] {"127.0.0.1"});
            viaProxy.setPortNumbers(new int[] {proxy.port()});
            viaProxy.setConnectTimeout(1);
            Duration bound = Duration.ofMillis(400);
            try (JdbcRevocationStore store = JdbcRevocationStore.builder(viaProxy).table(tables[0]).identityTable(tables[1])
                    .familyTable(tables[2]).queryTimeout(Duration.ofSeconds(1)).nearCache(bound).build()) {
                store.createTable();
                throughAnOutage(store, bound, new Outage() {
                    @Override
                    public void begin() {
                        proxy.cut();
                    }

                    @Override
                    public void end() {
                        proxy.restore();
                    }
                });
            }
        } finally {
            try (Connection c = direct.getConnection(); Statement st = c.createStatement()) {
                for (String t : tables) {
                    st.execute("DROP TABLE IF EXISTS " + t);
                }
            }
        }
    }

    @Test
    void aRedisNearCacheGoesUntrustedAndStaleWhileRedisIsDownThenTrustedAgain() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (RedisServerProcess redis = new RedisServerProcess(true)) {
            // trust ends at most 2 x heartbeat + timeout after the last answered heartbeat
            Duration bound = Duration.ofMillis(2 * 100 + 300);
            try (RedisRevocationStore store = RedisRevocationStore.builder(redis.url()).keyPrefix("gauges:")
                    .timeout(Duration.ofMillis(300)).heartbeat(Duration.ofMillis(100)).nearCache(true).build()) {
                throughAnOutage(store, bound, new Outage() {
                    @Override
                    public void begin() throws InterruptedException {
                        redis.kill();
                    }

                    @Override
                    public void end() throws java.io.IOException {
                        redis.start(); // same port, its data kept
                    }
                });
            }
        }
    }

    /**
     * Wraps {@code backend} as a user would, revokes through a manager, then runs the outage:
     * trusted 1 and fresh, then 0 with a staleness that keeps growing past the bound, then 1 and
     * fresh again, the size holding every revocation throughout.
     */
    private void throughAnOutage(RevocationStore backend, Duration bound, Outage outage) throws Exception {
        JwtManager jwt = JwtManager.builder(TestKeys.config().build())
                .revocationStore(new MeteredRevocationStore(backend, registry)).build();
        double boundSeconds = bound.toNanos() / 1e9;
        eventually(() -> trusted() == 1, Duration.ofSeconds(10), "trusted once loaded");
        double before = size();
        for (int i = 0; i < 3; i++) {
            jwt.revoke(jwt.createAccessToken("kim"));
        }
        jwt.revokeAllFor("lee");
        assertThat(size()).as("three revoked ids and one identity").isEqualTo(before + 4);
        assertThat(staleness()).isGreaterThanOrEqualTo(0);
        eventually(() -> staleness() < boundSeconds, Duration.ofSeconds(5), "fresh while the backend answers");

        outage.begin();
        try {
            eventually(() -> trusted() == 0, bound.plusMillis(1500), "untrusted once the backend is gone");
            double first = staleness();
            eventually(() -> staleness() >= first + boundSeconds, Duration.ofSeconds(5), "staleness keeps growing");
            assertThat(staleness()).as("past the bound").isGreaterThan(boundSeconds);
            assertThat(trusted()).isZero();
            assertThat(size()).as("the revocations are still held").isEqualTo(before + 4);
        } finally {
            outage.end();
        }
        eventually(() -> trusted() == 1 && staleness() < boundSeconds, Duration.ofSeconds(20), "trusted and fresh again by itself");
        assertThat(size()).isEqualTo(before + 4);
    }

    @Test
    void aStoreWithoutANearCacheHasNoGaugesAndTheGaugesDoNotKeepAStoreAlive() throws Exception {
        new MeteredRevocationStore(new InMemoryRevocationStore(), registry);
        assertThat(registry.find(TRUSTED).gauge()).isNull();
        assertThat(registry.find(STALENESS).timeGauge()).isNull();
        assertThat(registry.find(SIZE).gauge()).isNull();

        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite::memory:");
        JdbcRevocationStore store = JdbcRevocationStore.builder(ds).nearCache(Duration.ofSeconds(1)).build();
        store.nearCache().orElseThrow();
        new NearCacheGauges(store).bindTo(registry);
        assertThat(registry.get(SIZE).gauge().value()).isNotNaN();
        WeakReference<RevocationStore> gone = new WeakReference<>(store);
        store.close();
        store = null;
        for (int i = 0; i < 200 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(gone.get()).as("the registry does not keep the store").isNull();
        assertThat(registry.get(SIZE).gauge().value()).as("a gauge of a store that is gone").isNaN();
    }

    private static void eventually(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + within.toMillis() + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }
}
