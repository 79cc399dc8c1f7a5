package io.github.jwtextended.jdbc;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RefreshRotationContract;
import io.github.jwtextended.revocation.SessionRecordsContract;
import io.github.jwtextended.revocation.RevocationStoreContract;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared {@link RevocationStoreContract} and {@link RefreshRotationContract} plus what is particular to SQL; subclasses bring the
 * database.
 */
abstract class JdbcRevocationStoreContract extends SessionRecordsContract {
    /** A reachable database, isolated for this test class. */
    abstract DataSource dataSource();

    /** The table name to use (possibly schema-qualified). */
    abstract String table();

    /** A data source whose connections always fail. */
    abstract DataSource brokenDataSource();

    abstract SqlDialect expectedDialect();

    /** Stores built by this test, closed after it (a near cache's poll stops). */
    final java.util.List<JdbcRevocationStore> built = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The near cache's staleness bound in the near-cache subclasses; null: strict mode. */
    Duration nearCacheStaleness() {
        return null;
    }

    /** A store over {@code ds} in this class's mode. */
    JdbcRevocationStore build(JdbcRevocationStore.Builder b) {
        JdbcRevocationStore s = b.table(table()).clock(clock).nearCache(nearCacheStaleness()).build();
        built.add(s);
        return s;
    }

    @org.junit.jupiter.api.AfterEach
    void closeStores() {
        built.forEach(JdbcRevocationStore::close);
    }

    @Override
    protected Duration propagationDelay() {
        return nearCacheStaleness() == null ? Duration.ZERO : nearCacheStaleness();
    }

    /** Whether the store's near cache answers from memory now (false without one). */
    static boolean trusted(RevocationStore s) {
        return s.nearCache().map(io.github.jwtextended.revocation.NearCache::trusted).orElse(false);
    }

    JdbcRevocationStore store() {
        JdbcRevocationStore s = build(JdbcRevocationStore.builder(dataSource()));
        s.createTable();
        return s;
    }

    @Override
    protected RevocationStore newStore() {
        return store();
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected RevocationStore secondInstance() {
        return build(JdbcRevocationStore.builder(dataSource()));
    }

    @Override
    protected RevocationStore unreachableStore() {
        return build(JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect()));
    }

    @Test
    void detectsTheDialectFromMetadata() {
        assertThat(store().dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void createTableIsIdempotent() {
        JdbcRevocationStore s = store();
        s.createTable();
        s.createTable();
        s.revoke(id("idempotent"), T0.plusSeconds(60));
        assertThat(s.isRevoked(id("idempotent"))).isTrue();
    }

    @Test
    void purgeDeletesOnlyExpiredRowsOfBothTables() {
        JdbcRevocationStore s = store();
        s.purgeExpired();
        s.revoke(id("p1"), T0.plusSeconds(10));
        s.revoke(id("p2"), T0.plusSeconds(20));
        s.revoke(id("p3"), T0.plusSeconds(30));
        s.revokeAllIssuedBefore(id("u1"), T0, T0.plusSeconds(15));
        s.revokeAllIssuedBefore(id("u2"), T0, T0.plusSeconds(40));
        s.revoke(id("forever"), null);
        s.rotation().orElseThrow().revokeFamily(id("f1"), T0.plusSeconds(12));
        clock.advance(Duration.ofSeconds(25));
        assertThat(s.purgeExpired()).isGreaterThanOrEqualTo(4);
        assertThat(s.isRevoked(id("p3"))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(null, id("u2"), T0, null))).isTrue();
        assertThat(s.purgeExpired()).isZero();
        clock.advance(Duration.ofDays(365L * 100));
        assertThat(s.purgeExpired()).isGreaterThanOrEqualTo(2);
        assertThat(s.isRevoked(id("forever"))).as("purging a century later keeps it").isTrue();
    }

    @Test
    void sqlInIdsIsDataAndTheTablesStay() {
        JdbcRevocationStore s = store();
        String hostile = "x' OR '1'='1'; DROP TABLE " + table() + "; --";
        s.revoke(hostile, T0.plusSeconds(60));
        s.revokeAllIssuedBefore(hostile, T0, T0.plusSeconds(60));
        assertThat(s.isRevoked("' OR 1=1 --")).isFalse();
        s.revoke(id("after"), T0.plusSeconds(60));
        assertThat(s.isRevoked(id("after"))).as("the table is still there").isTrue();
    }

    @Test
    void overlongIdsAreRefusedAndNeverRevokedOverlongIdentitiesAreHashed() {
        JdbcRevocationStore s = store();
        String max = "j".repeat(JdbcRevocationStore.MAX_JTI_LENGTH - 8) + id("").substring(1);
        s.revoke(max, T0.plusSeconds(60));
        assertThat(s.isRevoked(max)).isTrue();
        String tooLong = max + "j";
        assertThatThrownBy(() -> s.revoke(tooLong, T0.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.isRevoked(tooLong)).isFalse();
        String longIdentity = "i".repeat(1000) + id("long");
        s.revokeAllIssuedBefore(longIdentity, T0, T0.plusSeconds(60));
        assertThat(s.isRevoked(RevocationCheck.of(null, longIdentity, T0, null))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(null, longIdentity + "x", T0, null))).isFalse();
    }

    /**
     * Rows as version 0.1 wrote them keep their meaning: a short identity as is (one that starts
     * with {@code sha256:} but is not spelled like a hash too), a long one as its hash. Only a
     * short identity spelled exactly like a hash is now stored under its own hash (CHANGELOG).
     */
    @Test
    void identityRowsWrittenByVersion01KeepTheirMeaning() throws Exception {
        JdbcRevocationStore first = store();
        String plain = id("plain");
        String prefixed = "sha256:" + id("not-a-hash");
        String longOne = "l".repeat(300) + id("long");
        try (java.sql.Connection c = dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO " + first.identityTable()
                     + " (identity, not_before, keep_until, written_at) VALUES (?, ?, ?, 0)")) {
            for (String stored : new String[] {plain, prefixed, hashedForm(longOne)}) {
                ps.setString(1, stored);
                ps.setLong(2, T0.plusSeconds(10).toEpochMilli());
                ps.setLong(3, T0.plusSeconds(3600).toEpochMilli());
                ps.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        JdbcRevocationStore s = store(); // a near cache loads every row when it starts
        for (String identity : new String[] {plain, prefixed, longOne}) {
            assertThat(s.isRevoked(RevocationCheck.of(null, identity, T0, null))).as(identity).isTrue();
        }
        assertThat(s.isRevoked(RevocationCheck.of(null, hashedForm(longOne), T0, null)))
                .as("the hash's spelling as a literal identity: another identity").isFalse();
    }

    @Test
    void createTableAddsTheSessionColumnsToAnOlderFamilyTable() throws Exception {
        String old = "fam_old_" + Long.toHexString(System.nanoTime());
        String qualified = table().contains(".") ? table().substring(0, table().indexOf('.') + 1) + old : old;
        try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + qualified + " (family VARCHAR(255) NOT NULL PRIMARY KEY, current_jti VARCHAR(255) NOT NULL,"
                    + " previous_jti VARCHAR(255), rotated_at BIGINT NOT NULL, grace_used SMALLINT NOT NULL, revoked SMALLINT NOT NULL,"
                    + " keep_until BIGINT NOT NULL, written_at BIGINT NOT NULL DEFAULT 0)");
            st.execute("INSERT INTO " + qualified + " (family, current_jti, previous_jti, rotated_at, grace_used, revoked, keep_until)"
                    + " VALUES ('fam-before', 'r1', 'r0', " + T0.toEpochMilli() + ", 0, 0, " + T0.plusSeconds(3600).toEpochMilli() + ")");
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        try {
            JdbcRevocationStore s = build(JdbcRevocationStore.builder(dataSource()).familyTable(qualified));
            s.createTable();
            s.createTable();
            io.github.jwtextended.revocation.SessionRecords sessions = s.sessions().orElseThrow();
            sessions.start(id("fam-new"), id("kim"), id("n0"), "Firefox on Linux", T0.plusSeconds(3600));
            assertThat(sessions.list(id("kim"))).extracting(io.github.jwtextended.revocation.SessionRecords.SessionRecord::family)
                    .containsExactly(id("fam-new"));
            assertThat(s.rotation().orElseThrow().rotate("fam-before", "r1", id("r2"), T0.plusSeconds(3600), Duration.ZERO).result())
                    .as("a family from before the columns rotates as before").isEqualTo(io.github.jwtextended.revocation.RefreshRotation.RotationResult.ROTATED);
        } finally {
            try (java.sql.Connection c = dataSource().getConnection(); java.sql.Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + qualified);
                if (!c.getAutoCommit()) {
                    c.commit();
                }
            }
        }
    }

    @Test
    void anEndedSessionKeepsNoClientDescriptionAndItsRowGoesWithTheFamily() throws Exception {
        JdbcRevocationStore s = store();
        io.github.jwtextended.revocation.SessionRecords sessions = s.sessions().orElseThrow();
        sessions.start(id("fam-ended"), id("kim"), id("e0"), "Firefox on Linux", T0.plusSeconds(100));
        sessions.start(id("fam-reused"), id("kim"), id("u0"), "Safari on iOS", T0.plusSeconds(100));
        assertThat(sessions.revoke(id("kim"), id("fam-ended"), T0.plusSeconds(100))).isTrue();
        s.rotation().orElseThrow().rotate(id("fam-reused"), id("not-current"), id("x"), T0.plusSeconds(100), Duration.ZERO);
        assertThat(clientOf(s, id("fam-ended"))).as("dropped at revocation").isNull();
        assertThat(clientOf(s, id("fam-reused"))).isNull();
        clock.advance(Duration.ofSeconds(100));
        s.purgeExpired();
        assertThat(rowCount(s, id("fam-ended")) + rowCount(s, id("fam-reused"))).as("purged with the family").isZero();
    }

    private String clientOf(JdbcRevocationStore s, String family) throws Exception {
        try (java.sql.Connection c = dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT client FROM " + s.familyTable() + " WHERE family = ?")) {
            ps.setString(1, family);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("the family's row").isTrue();
                return rs.getString(1);
            }
        }
    }

    private int rowCount(JdbcRevocationStore s, String family) throws Exception {
        try (java.sql.Connection c = dataSource().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + s.familyTable() + " WHERE family = ?")) {
            ps.setString(1, family);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void theManagerAnswers503WhenTheStoreIsDown() {
        JwtConfig config = JwtConfig.builder().keys(k -> k.withSecret("test-only-secret-key-that-is-long-enough-0123456789")).build();
        JwtManager working = JwtManager.builder(config).revocationStore(store()).build();
        String token = working.createAccessToken("alice");
        assertThat(working.verifyRequest(FakeRequest.get().bearer(token), Guard.required()).identity()).isEqualTo("alice");
        working.revoke(working.decodeToken(token));

        JdbcRevocationStore broken = JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect()).table(table()).build();
        JwtManager down = JwtManager.builder(config).revocationStore(broken).build();
        assertThatThrownBy(() -> down.verifyRequest(FakeRequest.get().bearer(token), Guard.required())).isInstanceOfSatisfying(
                StoreUnavailableException.class, e -> {
                    ErrorResponse r = down.errorResponse(e);
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(e.getCause()).as("the outage is kept for the log").isInstanceOf(RevocationStoreException.class);
                });
        Jwt decoded = down.decodeToken(token);
        assertThatThrownBy(() -> down.revoke(decoded)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.revokeAllFor("alice")).isInstanceOf(StoreUnavailableException.class);
    }

    // ---- near cache (run by the near-cache subclasses) ------------------------------------------

    /** Wraps a data source and counts the connections taken by the thread that made it (not the poll's). */
    static final class CallerConnections {
        final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        final DataSource dataSource;

        CallerConnections(DataSource target) {
            Thread caller = Thread.currentThread();
            dataSource = (DataSource) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConnection") && Thread.currentThread() == caller) {
                            count.incrementAndGet();
                        }
                        try {
                            return method.invoke(target, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    @Test
    void nearCacheLoadsAtStartAndAnswersFromMemoryAppliesOwnWritesAtOnce() {
        org.junit.jupiter.api.Assumptions.assumeTrue(nearCacheStaleness() != null, "near cache mode");
        JdbcRevocationStore writer = store();
        writer.revoke(id("loaded"), T0.plusSeconds(60));
        writer.revokeAllIssuedBefore(id("who"), T0.plusSeconds(5), T0.plusSeconds(60));
        writer.rotation().orElseThrow().rotate(id("fam"), id("r0"), id("r1"), T0.plusSeconds(60), Duration.ZERO);
        assertThat(writer.rotation().orElseThrow().rotate(id("fam"), id("r0"), id("x"), T0.plusSeconds(60), Duration.ZERO).result())
                .isEqualTo(io.github.jwtextended.revocation.RefreshRotation.RotationResult.REUSE);

        CallerConnections counting = new CallerConnections(dataSource());
        JdbcRevocationStore s = build(JdbcRevocationStore.builder(counting.dataSource).dialect(expectedDialect()));
        assertThat(trusted(s)).as("loaded when built").isTrue();
        int afterLoad = counting.count.get();
        assertThat(s.isRevoked(id("loaded"))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(id("j"), id("who"), T0, T0.plusSeconds(60)))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(id("j"), id("who"), T0.plusSeconds(6), T0.plusSeconds(60)))).isFalse();
        assertThat(s.isRevoked(RevocationCheck.of(id("r1"), null, T0, T0.plusSeconds(60), id("fam")))).isTrue();
        assertThat(s.isRevoked(id("never"))).isFalse();
        assertThat(counting.count.get()).as("checks took no connection").isEqualTo(afterLoad);

        s.revoke(id("own"), T0.plusSeconds(60));
        s.revokeAllIssuedBefore(id("own-user"), T0, T0.plusSeconds(60));
        assertThat(counting.count.get()).as("one connection per write").isEqualTo(afterLoad + 2);
        assertThat(s.isRevoked(id("own"))).as("its own write, at once").isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(null, id("own-user"), T0, null))).isTrue();
        assertThat(JdbcRevocationStore.builder(dataSource()).table(table()).clock(clock).build().isRevoked(id("own")))
                .as("and in the database").isTrue();
        assertThat(s.nearCache().orElseThrow().cachedAnswer(RevocationCheck.ofJti(id("own")))).isTrue();
        assertThat(counting.count.get()).isEqualTo(afterLoad + 2);
        s.close();
        assertThat(trusted(s)).isFalse();
        assertThat(s.nearCache().orElseThrow().cachedAnswer(RevocationCheck.ofJti(id("own")))).as("closed: no answer from memory").isNull();
        assertThat(s.isRevoked(id("own"))).as("closed: from the database").isTrue();
        assertThat(counting.count.get()).isEqualTo(afterLoad + 3);
    }

    @Test
    void nearCacheSeesAnotherWritersRevocationWithinTheBound() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(nearCacheStaleness() != null, "near cache mode");
        JdbcRevocationStore s = store();
        JdbcRevocationStore other = JdbcRevocationStore.builder(dataSource()).table(table()).clock(clock).build(); // strict
        int n = 20;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            String jti = id("other-" + i);
            assertThat(s.isRevoked(jti)).isFalse();
            other.revoke(jti, T0.plusSeconds(60));
            long start = System.nanoTime(); // the bound counts from the acknowledged write, not from the call (a loaded SQLite can take long to take its lock)
            while (!s.isRevoked(jti)) {
                assertThat(System.nanoTime() - start).as("seen within the bound").isLessThan(nearCacheStaleness().toNanos());
                Thread.sleep(1);
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.println(getClass().getSimpleName() + ": another writer's revocation seen after p50 " + micros[n / 2]
                + " us, max " + micros[n - 1] + " us (bound " + nearCacheStaleness().toMillis() + " ms)");
    }

    @Test
    void nearCacheEntriesLeaveAtExpiry() {
        org.junit.jupiter.api.Assumptions.assumeTrue(nearCacheStaleness() != null, "near cache mode");
        JdbcRevocationStore s = store();
        JdbcNearCache cache = s.localCache();
        cache.sweep();
        int before = cache.size();
        for (int i = 0; i < 100; i++) {
            s.revoke(id("exp-" + i), T0.plusSeconds(10));
        }
        s.revokeAllIssuedBefore(id("exp-user"), T0, T0.plusSeconds(10));
        s.rotation().orElseThrow().revokeFamily(id("exp-fam"), T0.plusSeconds(10));
        s.revoke(id("stays"), T0.plusSeconds(3600));
        assertThat(cache.size()).isEqualTo(before + 103);
        clock.advance(Duration.ofSeconds(10));
        assertThat(s.isRevoked(id("exp-0"))).as("expired: no longer reported").isFalse();
        // A poll that read the clock before it moved may still be applying those rows: poll() is
        // synchronized, so this one waits for it, and every later poll reads the moved clock.
        cache.poll();
        cache.sweep();
        assertThat(cache.size()).as("the expired entries left memory").isLessThanOrEqualTo(before + 1);
        assertThat(s.isRevoked(id("stays"))).isTrue();
    }
}
