package io.github.jwtextended.jdbc;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.Purge;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.Outcome;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.revocation.SessionRecords;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Revocations in two SQL tables, so that they survive restarts and are shared by every server
 * using the same database: revoked token ids, and per identity a not-before instant ("log out
 * everywhere"). Works over any {@link DataSource} (use a connection pool); SQL for SQLite and
 * PostgreSQL ({@link SqlDialect}).
 *
 * <pre>{@code
 * JdbcRevocationStore store = JdbcRevocationStore.builder(dataSource).build();
 * store.createTable();                    // or create them with your migration tool, see SqlDialect
 * JwtManager jwt = JwtManager.builder(config).revocationStore(store).build();
 * ...
 * store.purgeExpired();                   // now and then: drops rows of tokens that have expired (also store.purge())
 * }</pre>
 *
 * <p>Tables (defaults {@code revoked_tokens} and {@code revoked_identities}): {@code jti VARCHAR(255)
 * PRIMARY KEY, expires_at BIGINT} and {@code identity VARCHAR(255) PRIMARY KEY, not_before BIGINT,
 * keep_until BIGINT}, holding epoch milliseconds ({@link Long#MAX_VALUE} for "forever"). Writes
 * upsert, keeping the later instants; {@link #isRevoked(RevocationCheck)} answers both questions
 * with one statement and ignores expired rows, so purging is only about space. An identity longer
 * than 255 characters, or one spelled like such a hash, is stored as {@code sha256:} and its hash
 * ({@link #identityKey}). Every value is a bound parameter.
 *
 * <p>Refresh-token rotation ({@link #rotation()}, always offered): a third table (default
 * {@code refresh_families}: {@code family, current_jti, previous_jti, rotated_at, grace_used,
 * revoked, keep_until}) holds one row per rotated or revoked family. A rotation is a conditional
 * {@code UPDATE ... WHERE current_jti = ?} (or the family's first {@code INSERT ... ON CONFLICT DO
 * NOTHING}): the database lets exactly one of concurrent rotations of one token change the row;
 * the others, within the reuse window, read the row's {@code current_jti} as their successor
 * ({@code grace_used} is no longer read, and written as 0).
 *
 * <p>Session records ({@link #sessions()}, always offered): a recorded login inserts its family's
 * row with the session columns {@code identity} (stored like an identity above), {@code created_at}
 * and {@code client} (the description given, at most 200 characters); the last refresh is
 * {@code rotated_at}. A listing is one indexed query on {@code identity}; ending a session is one
 * conditional {@code UPDATE ... WHERE family = ? AND identity = ? AND revoked = 0}, so another
 * identity's family is never touched. Revoking a family clears its {@code client}; the row goes
 * with the family's at {@code keep_until} ({@link #purgeExpired()}).
 * A check of a token with a family adds one sub-select to the same single statement; tokens
 * without one never touch the table, so it is needed only once rotation is used.
 *
 * <p><b>Near cache</b> ({@link Builder#nearCache(Duration)}, off by default; then
 * {@link #nearCache()} gives its state): the store keeps every live revocation in memory and
 * answers checks from it, without a query. It loads them all when it is built, applies this
 * instance's writes as soon as the database has accepted them, and polls the tables for rows
 * written by other instances (or processes) every quarter of the staleness bound. A revocation
 * written by another instance is therefore refused here within the bound (default 1 s); this
 * instance's own are refused at once, so one process alone on a database (an embedded SQLite) sees
 * no staleness at all. The cache is trusted only while its last successful poll started less than
 * the bound ago; otherwise every check goes to the database as in strict mode, and fails closed
 * when the database is down. Each row records the database's clock when it was written
 * ({@code written_at}, set by SQL, indexed); polls read by it. Rows deleted by hand (other than
 * expired ones) stay in a running cache until it is rebuilt. Refresh-token rotation always runs in
 * the database, atomically, in both modes. Memory: about 150 bytes per live revocation. Call
 * {@link #close()} to stop the poll.
 *
 * <p>Failing closed: any {@link SQLException} becomes a {@link RevocationStoreException}, which the
 * verify pipeline answers with 503. What bounds a check's time: the data source's wait for a
 * connection (HikariCP: {@code connectionTimeout}, at least 250 ms, plus {@code validationTimeout},
 * at least 250 ms, when an idle connection must be validated first; keep both at their minimum
 * for a 250 ms check timeout) plus the statement, bounded by the
 * {@linkplain Builder#checkTimeout check timeout} (default 250 ms)
 * through {@link Connection#setNetworkTimeout} where the driver supports it (PostgreSQL does; SQLite
 * is a local file, bounded by its busy timeout) and by {@code setQueryTimeout} (whole seconds,
 * rounded up) elsewhere. For one bound on the whole check, the pool's wait included, wrap the store
 * in {@link io.github.jwtextended.revocation.DeadlineRevocationStore} (the example server and the
 * Spring Boot starter do; answers from the near cache stay on the caller's thread).
 *
 * <p>Thread safety: thread safe when the data source is (each call takes its own connection); the
 * near cache's poll runs on one daemon thread of its own.
 */
public final class JdbcRevocationStore implements RevocationStore {
    /** The table of revoked ids used unless another is named. */
    public static final String DEFAULT_TABLE = "revoked_tokens";
    /** The table of per-identity not-before instants used unless another is named. */
    public static final String DEFAULT_IDENTITY_TABLE = "revoked_identities";
    /** The refresh-token families' table used unless another is named. */
    public static final String DEFAULT_FAMILY_TABLE = "refresh_families";
    /** The longest {@code jti} stored; longer ones cannot be revoked (and are never reported revoked). */
    public static final int MAX_JTI_LENGTH = 255;
    /** The longest identity stored as is; longer ones (and ones spelled like such a hash) are stored as their SHA-256. */
    public static final int MAX_IDENTITY_LENGTH = 255;

    private static final long FOREVER = Long.MAX_VALUE;
    /** The prefix of a hashed key (see {@link #identityKey}). */
    private static final String HASHED = "sha256:";
    private static final Executor DIRECT = Runnable::run;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String table;
    private final String identityTable;
    private final String familyTable;
    private final Clock clock;
    private final int queryTimeoutSeconds;
    private final int checkTimeoutMillis;
    private final String upsertSql;
    private final String upsertIdentitySql;
    private final String checkSql;
    private final String purgeSql;
    private final String purgeIdentitiesSql;
    private final String checkFamilySql;
    private final String rotateSql;
    private final String insertFamilySql;
    private final String graceSql;
    private final String extendFamilySql;
    private final String reuseSql;
    private final String revokeFamilySql;
    private final String purgeFamiliesSql;
    private final String nowSql;
    private final String writtenSinceSql;
    private final String familyKeepSql;
    private final String insertSessionSql;
    private final String selectSessionsSql;
    private final String revokeSessionSql;
    private final JdbcNearCache nearCache;
    private final Families families = new Families();
    private final Optional<RefreshRotation> rotation = Optional.of(families);
    private final Optional<SessionRecords> sessions = Optional.of(families);
    private final Optional<Purge> purge = Optional.of(this::purgeExpired);
    private final Optional<NearCache> nearCacheView;

    private JdbcRevocationStore(Builder b, SqlDialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.table = b.table;
        this.identityTable = b.identityTable;
        this.familyTable = b.familyTable;
        this.clock = b.clock;
        this.queryTimeoutSeconds = (int) Math.max(1, b.queryTimeout.toSeconds());
        this.checkTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, b.checkTimeout.toMillis());
        this.upsertSql = dialect.upsert(table);
        this.upsertIdentitySql = dialect.upsertIdentity(identityTable);
        this.checkSql = dialect.selectCheck(table, identityTable);
        this.purgeSql = dialect.purge(table);
        this.purgeIdentitiesSql = dialect.purgeIdentities(identityTable);
        this.checkFamilySql = dialect.selectCheck(table, identityTable, familyTable);
        this.rotateSql = dialect.rotateFamily(familyTable);
        this.insertFamilySql = dialect.insertFamily(familyTable);
        this.graceSql = dialect.selectGraceSuccessor(familyTable);
        this.extendFamilySql = dialect.extendFamily(familyTable);
        this.reuseSql = dialect.revokeFamilyOnReuse(familyTable);
        this.revokeFamilySql = dialect.upsertRevokedFamily(familyTable);
        this.purgeFamiliesSql = dialect.purgeFamilies(familyTable);
        this.nowSql = dialect.selectNow();
        this.writtenSinceSql = dialect.selectWrittenSince(table, identityTable, familyTable);
        this.familyKeepSql = dialect.selectFamilyKeepUntil(familyTable);
        this.insertSessionSql = dialect.insertSession(familyTable);
        this.selectSessionsSql = dialect.selectSessions(familyTable);
        this.revokeSessionSql = dialect.revokeSession(familyTable);
        // Last: the first poll runs here, reading the fields above.
        this.nearCache = b.nearCache == null ? null : new JdbcNearCache(this, b.nearCache, b.queryTimeout);
        this.nearCacheView = nearCache == null ? Optional.empty() : Optional.of(
                NearCache.of(this::cachedAnswer, nearCache::trusted, nearCache::size, nearCache::staleness));
    }

    /** A builder over {@code dataSource}. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    public String table() {
        return table;
    }

    public String identityTable() {
        return identityTable;
    }

    public String familyTable() {
        return familyTable;
    }

    /**
     * Creates the three tables and their indexes when they do not exist, and adds the
     * {@code written_at} column (and its index) and the families' session columns to tables made
     * before they existed.
     */
    public void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(queryTimeoutSeconds);
            String[][] creates = {dialect.createTable(table), dialect.createIdentityTable(identityTable),
                    dialect.createFamilyTable(familyTable)};
            String[] tables = {table, identityTable, familyTable};
            for (int t = 0; t < tables.length; t++) {
                String[] sqls = creates[t];
                s.execute(sqls[0]);
                if (!hasColumn(c, tables[t], "written_at")) {
                    s.execute(dialect.addWrittenAtColumn(tables[t]));
                }
                if (tables[t].equals(familyTable)) {
                    for (String column : dialect.sessionColumns()) {
                        if (!hasColumn(c, familyTable, column.substring(0, column.indexOf(' ')))) {
                            s.execute(dialect.addColumn(familyTable, column));
                        }
                    }
                }
                for (int i = 1; i < sqls.length; i++) {
                    s.execute(sqls[i]);
                }
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw failure("create the revocation tables", e);
        }
        if (nearCache != null && !nearCache.trusted()) {
            nearCache.poll(); // built before its tables existed: load now rather than at the next poll
        }
    }

    private boolean hasColumn(Connection c, String t, String column) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        if (!autoCommit) {
            c.commit(); // a failed probe must not abort work done before it (PostgreSQL)
        }
        try (Statement probe = c.createStatement()) {
            probe.setQueryTimeout(queryTimeoutSeconds);
            probe.executeQuery("SELECT " + column + " FROM " + t + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback();
            }
            return false;
        }
    }

    @Override
    public void revoke(String jti, Instant until) {
        Objects.requireNonNull(jti, "jti");
        if (jti.length() > MAX_JTI_LENGTH) {
            throw new IllegalArgumentException("jti is longer than " + MAX_JTI_LENGTH + " characters");
        }
        long u = until == null ? FOREVER : until.toEpochMilli();
        write(upsertSql, "record a revocation", jti, u, null);
        if (nearCache != null) {
            nearCache.applyRevoked(jti, u);
        }
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(notBefore, "notBefore");
        String key = identityKey(identity);
        long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
        write(upsertIdentitySql, "record a revocation of an identity's tokens", key, notBefore.toEpochMilli(), keep);
        if (nearCache != null) {
            nearCache.applyNotBefore(key, notBefore.toEpochMilli(), keep);
        }
    }

    private void write(String sql, String what, String key, long first, Long second) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, key);
            ps.setLong(2, first);
            if (second != null) {
                ps.setLong(3, second);
            }
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        String jti = check.jti() == null || check.jti().length() > MAX_JTI_LENGTH ? null : check.jti();
        String identity = check.identity() == null ? null : identityKey(check.identity());
        String family = check.family() == null ? null : identityKey(check.family());
        if (jti == null && identity == null && family == null) {
            return false;
        }
        if (nearCache != null) {
            Boolean cached = nearCache.answer(jti, identity, family, check);
            if (cached != null) {
                return cached;
            }
        }
        return isRevokedInDatabase(check, jti, identity, family);
    }

    /** Refresh-token families, in the family table (see the class comment). */
    @Override
    public Optional<RefreshRotation> rotation() {
        return rotation;
    }

    /** Session records: the family table's session columns (see the class comment). */
    @Override
    public Optional<SessionRecords> sessions() {
        return sessions;
    }

    /** {@link #purgeExpired()}. */
    @Override
    public Optional<Purge> purge() {
        return purge;
    }

    /** The near cache, when {@linkplain Builder#nearCache(Duration) built with one}; empty in strict mode. */
    @Override
    public Optional<NearCache> nearCache() {
        return nearCacheView;
    }

    /** The near cache's answer from memory while it is trusted (see the class comment), else null. */
    private Boolean cachedAnswer(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        String jti = check.jti() == null || check.jti().length() > MAX_JTI_LENGTH ? null : check.jti();
        String identity = check.identity() == null ? null : identityKey(check.identity());
        String family = check.family() == null ? null : identityKey(check.family());
        if (jti == null && identity == null && family == null) {
            return Boolean.FALSE;
        }
        return nearCache.answer(jti, identity, family, check);
    }

    /** The strict check: one statement. */
    private boolean isRevokedInDatabase(RevocationCheck check, String jti, String identity, String family) {
        long now = clock.millis();
        try (Connection c = dataSource.getConnection()) {
            boolean network = limitNetworkWait(c);
            try (PreparedStatement ps = c.prepareStatement(family == null ? checkSql : checkFamilySql)) {
                ps.setQueryTimeout((checkTimeoutMillis + 999) / 1000);
                if (jti == null) {
                    ps.setNull(1, Types.VARCHAR);
                } else {
                    ps.setString(1, jti);
                }
                ps.setLong(2, now);
                if (identity == null) {
                    ps.setNull(3, Types.VARCHAR);
                } else {
                    ps.setString(3, identity);
                }
                ps.setLong(4, now);
                if (family != null) {
                    ps.setString(5, family);
                    ps.setLong(6, now);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    rs.getInt(1);
                    if (!rs.wasNull()) {
                        return true;
                    }
                    if (family != null) {
                        rs.getInt(3);
                        if (!rs.wasNull()) {
                            return true;
                        }
                    }
                    long notBefore = rs.getLong(2);
                    return !rs.wasNull() && check.issuedNoLaterThan(notBefore);
                }
            } finally {
                if (network) {
                    c.setNetworkTimeout(DIRECT, 0);
                }
            }
        } catch (SQLException e) {
            throw failure("read the revocation status", e);
        }
    }

    private Outcome rotateInDatabase(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(presentedJti, "presentedJti");
        Objects.requireNonNull(newJti, "newJti");
        if (newJti.length() > MAX_JTI_LENGTH || hashShaped(newJti)) {
            throw new IllegalArgumentException("a new jti must be at most " + MAX_JTI_LENGTH + " characters and not hash-shaped");
        }
        String fam = identityKey(family);
        String presented = identityKey(presentedJti);
        long now = clock.millis();
        long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
        long windowMillis = window == null ? 0 : window.toMillis();
        // Each step is one atomic conditional statement (autocommit): the row decides the winner. A
        // jti is current before any client holds it and never again once rotated, so the steps'
        // order is the decision's: current, first rotation, previous within the window, reuse.
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                if (update(c, rotateSql, newJti, now, keep, fam, presented) == 1) {
                    return Outcome.rotated(newJti);
                }
                if (update(c, insertFamilySql, fam, newJti, presented, now, keep) == 1) {
                    return Outcome.rotated(newJti);
                }
                if (windowMillis > 0) {
                    String successor = graceSuccessor(c, fam, presented, now - windowMillis);
                    if (successor != null) {
                        update(c, extendFamilySql, keep, fam);
                        return Outcome.grace(successor);
                    }
                }
                if (update(c, reuseSql, keep, fam) != 1) {
                    return Outcome.revoked();
                }
                if (nearCache != null) {
                    nearCache.applyFamilyRevoked(fam, familyKeepUntil(c, fam, keep));
                }
                return Outcome.reuse();
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw failure("rotate a refresh token", e);
        }
    }

    /** The family's current jti when {@code presented} is its previous one, rotated after {@code rotatedAfter}; else null. */
    private String graceSuccessor(Connection c, String fam, String presented, long rotatedAfter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(graceSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, fam);
            ps.setString(2, presented);
            ps.setLong(3, rotatedAfter);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The family's keep_until as the database holds it (the later of the stored and the given). */
    private long familyKeepUntil(Connection c, String fam, long given) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(familyKeepSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, fam);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Math.max(given, rs.getLong(1)) : given;
            }
        }
    }

    private void revokeFamilyInDatabase(String family, Instant keepUntil) {
        Objects.requireNonNull(family, "family");
        String fam = identityKey(family);
        long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
        write(revokeFamilySql, "record a revocation of a refresh-token family", fam, keep, null);
        if (nearCache != null) {
            nearCache.applyFamilyRevoked(fam, keep);
        }
    }

    private int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Long) {
                    ps.setLong(i + 1, (Long) params[i]);
                } else {
                    ps.setString(i + 1, (String) params[i]);
                }
            }
            return ps.executeUpdate();
        }
    }

    private boolean limitNetworkWait(Connection c) throws SQLException {
        try {
            c.setNetworkTimeout(DIRECT, checkTimeoutMillis);
            return true;
        } catch (SQLFeatureNotSupportedException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** Deletes the rows of tokens that have expired, in the three tables; returns how many were deleted. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(purgeSql);
             PreparedStatement pi = c.prepareStatement(purgeIdentitiesSql);
             PreparedStatement pf = c.prepareStatement(purgeFamiliesSql)) {
            long now = clock.millis();
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, now);
            pi.setQueryTimeout(queryTimeoutSeconds);
            pi.setLong(1, now);
            pf.setQueryTimeout(queryTimeoutSeconds);
            pf.setLong(1, now);
            int n = ps.executeUpdate() + pi.executeUpdate() + pf.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw failure("purge expired revocations", e);
        }
    }

    /**
     * How an identity (or a family, or a family's jti) is stored: as is up to
     * {@value #MAX_IDENTITY_LENGTH} characters, else {@code sha256:} and the lowercase hex of its
     * UTF-8 SHA-256 (71 characters). An id that is itself spelled like such a hash (in either case)
     * is hashed too, so that a literal key is never hash-shaped and the two forms cannot collide.
     * Every other short id keeps the key it had before this rule, rows written earlier included.
     */
    static String identityKey(String identity) {
        if (identity.length() <= MAX_IDENTITY_LENGTH && !hashShaped(identity)) {
            return identity;
        }
        try {
            return HASHED + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code id} reads {@code sha256:} and 64 hex digits, ignoring case. */
    private static boolean hashShaped(String id) {
        if (id.length() != HASHED.length() + 64 || !id.regionMatches(true, 0, HASHED, 0, HASHED.length())) {
            return false;
        }
        for (int i = HASHED.length(); i < id.length(); i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static RevocationStoreException failure(String what, SQLException e) {
        // The message names the operation only; the cause (for the server log) keeps the driver's detail.
        return new RevocationStoreException("JDBC revocation store could not " + what, e);
    }

    /** Stops the near cache's poll (checks then go to the database); nothing to do in strict mode. Idempotent. */
    @Override
    public void close() {
        if (nearCache != null) {
            nearCache.close();
        }
    }

    /** The near cache itself (null in strict mode), for tests. */
    JdbcNearCache localCache() {
        return nearCache;
    }

    DataSource dataSource() {
        return dataSource;
    }

    Clock clock() {
        return clock;
    }

    int queryTimeoutSeconds() {
        return queryTimeoutSeconds;
    }

    String nowSql() {
        return nowSql;
    }

    String writtenSinceSql() {
        return writtenSinceSql;
    }

    @Override
    public String toString() {
        return "JdbcRevocationStore[" + dialect + ", table=" + table + ", identityTable=" + identityTable + ", familyTable=" + familyTable
                + (nearCache == null ? ", strict" : ", near cache") + "]";
    }

    /** Rotation and session records in the family table: each step one atomic statement (see the class comment). */
    private final class Families implements RefreshRotation, SessionRecords {
        @Override
        public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return rotateInDatabase(family, presentedJti, newJti, keepUntil, window);
        }

        @Override
        public void revokeFamily(String family, Instant keepUntil) {
            revokeFamilyInDatabase(family, keepUntil);
        }

        @Override
        public void start(String family, String identity, String firstJti, String client, Instant keepUntil) {
            SessionRecords.checkStart(family, identity, firstJti, client);
            long now = clock.millis();
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                if (!autoCommit) {
                    c.setAutoCommit(true);
                }
                try (PreparedStatement ps = c.prepareStatement(insertSessionSql)) {
                    ps.setQueryTimeout(queryTimeoutSeconds);
                    ps.setString(1, identityKey(family));
                    ps.setString(2, identityKey(firstJti));
                    ps.setLong(3, now);
                    ps.setLong(4, keepUntil == null ? FOREVER : keepUntil.toEpochMilli());
                    ps.setString(5, identityKey(identity));
                    ps.setLong(6, now);
                    if (client == null) {
                        ps.setNull(7, Types.VARCHAR);
                    } else {
                        ps.setString(7, client);
                    }
                    ps.executeUpdate();
                } finally {
                    if (!autoCommit) {
                        c.setAutoCommit(false);
                    }
                }
            } catch (SQLException e) {
                throw failure("record a session", e);
            }
        }

        @Override
        public List<SessionRecord> list(String identity) {
            Objects.requireNonNull(identity, "identity");
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(selectSessionsSql)) {
                ps.setQueryTimeout(queryTimeoutSeconds);
                ps.setString(1, identityKey(identity));
                ps.setLong(2, clock.millis());
                List<SessionRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SessionRecord(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
                    }
                }
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return out;
            } catch (SQLException e) {
                throw failure("list sessions", e);
            }
        }

        @Override
        public boolean revoke(String identity, String family, Instant keepUntil) {
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(family, "family");
            String fam = identityKey(family);
            long keep = keepUntil == null ? FOREVER : keepUntil.toEpochMilli();
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                if (!autoCommit) {
                    c.setAutoCommit(true);
                }
                try {
                    if (update(c, revokeSessionSql, keep, fam, identityKey(identity), clock.millis()) != 1) {
                        return false;
                    }
                    if (nearCache != null) {
                        nearCache.applyFamilyRevoked(fam, familyKeepUntil(c, fam, keep));
                    }
                    return true;
                } finally {
                    if (!autoCommit) {
                        c.setAutoCommit(false);
                    }
                }
            } catch (SQLException e) {
                throw failure("end a session", e);
            }
        }
    }

    /**
     * Collects the store's settings. Not thread safe; the store it builds is.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private SqlDialect dialect;
        private String table = DEFAULT_TABLE;
        private String identityTable = DEFAULT_IDENTITY_TABLE;
        private String familyTable = DEFAULT_FAMILY_TABLE;
        private Clock clock = Clock.systemUTC();
        private Duration queryTimeout = Duration.ofSeconds(5);
        private Duration checkTimeout = Duration.ofMillis(250);
        private Duration nearCache;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The SQL dialect; by default read from the database's metadata at {@link #build()}. */
        public Builder dialect(SqlDialect d) { this.dialect = Objects.requireNonNull(d, "dialect"); return this; }
        /** The revoked ids' table: {@code table} or {@code schema.table}; default {@value JdbcRevocationStore#DEFAULT_TABLE}. */
        public Builder table(String t) { this.table = SqlDialect.checkTableName(t); return this; }
        /** The identities' table; default {@value JdbcRevocationStore#DEFAULT_IDENTITY_TABLE} (in the revoked ids' schema when that has one). */
        public Builder identityTable(String t) { this.identityTable = SqlDialect.checkTableName(t); return this; }
        /** The refresh-token families' table; default {@value JdbcRevocationStore#DEFAULT_FAMILY_TABLE} (in the revoked ids' schema when that has one). */
        public Builder familyTable(String t) { this.familyTable = SqlDialect.checkTableName(t); return this; }
        /** The clock deciding what has expired; default UTC system clock. */
        public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c, "clock"); return this; }
        /** The longest a write or a purge may run (whole seconds, at least one); default 5 seconds. */
        public Builder queryTimeout(Duration d) {
            this.queryTimeout = positive(d, "queryTimeout");
            return this;
        }
        /** The longest a check may wait on the network (see the class comment); default 250 ms. */
        public Builder checkTimeout(Duration d) {
            this.checkTimeout = positive(d, "checkTimeout");
            return this;
        }

        /**
         * Keeps every live revocation in memory and answers checks from it (see the class
         * comment): another instance's revocation is seen within {@code maxStaleness} (e.g. 1 s),
         * this instance's at once. Null: strict mode (every check one query), the default. The
         * tables must exist when the store is built.
         */
        public Builder nearCache(Duration maxStaleness) {
            if (maxStaleness != null && (maxStaleness.isNegative() || maxStaleness.toMillis() < 4)) {
                throw new IllegalArgumentException("nearCache staleness must be at least 4 ms");
            }
            this.nearCache = maxStaleness;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /**
         * The store. Without an explicit dialect, asks the database for its product name, failing
         * with {@link RevocationStoreException} when it cannot be reached.
         */
        public JdbcRevocationStore build() {
            SqlDialect d = dialect;
            if (d == null) {
                try {
                    d = SqlDialect.of(dataSource);
                } catch (SQLException e) {
                    throw failure("detect the database dialect", e);
                }
            }
            if (table.contains(".") && !identityTable.contains(".") && identityTable.equals(DEFAULT_IDENTITY_TABLE)) {
                identityTable = table.substring(0, table.indexOf('.') + 1) + DEFAULT_IDENTITY_TABLE;
            }
            if (table.contains(".") && !familyTable.contains(".") && familyTable.equals(DEFAULT_FAMILY_TABLE)) {
                familyTable = table.substring(0, table.indexOf('.') + 1) + DEFAULT_FAMILY_TABLE;
            }
            return new JdbcRevocationStore(this, d);
        }
    }
}
