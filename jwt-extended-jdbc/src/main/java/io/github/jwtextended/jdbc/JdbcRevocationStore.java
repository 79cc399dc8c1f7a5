package io.github.jwtextended.jdbc;

import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Revoked token ids in a SQL table, so that revocations survive restarts and are shared by every
 * server using the same database. Works over any {@link DataSource} (use a connection pool); SQL
 * for SQLite and PostgreSQL ({@link SqlDialect}).
 *
 * <pre>{@code
 * JdbcRevocationStore store = JdbcRevocationStore.builder(dataSource).build();
 * store.createTable();                    // or create it with your migration tool, see SqlDialect
 * JwtManager jwt = JwtManager.builder(config).revocationStore(store).build();
 * ...
 * store.purgeExpired();                   // now and then: drops rows of tokens that have expired
 * }</pre>
 *
 * <p>Table (default {@code revoked_tokens}): {@code jti VARCHAR(255) PRIMARY KEY, expires_at
 * BIGINT} holding epoch milliseconds ({@link Long#MAX_VALUE} for "forever"). {@link #revoke}
 * upserts, keeping the later expiry; {@link #isRevoked} ignores expired rows, so purging is only
 * about space. Every value is a bound parameter. Any {@link SQLException} becomes a
 * {@link RevocationStoreException}, which the verify pipeline answers with 503.
 *
 * <p>Thread safety: thread safe when the data source is (each call takes its own connection).
 */
public final class JdbcRevocationStore implements RevocationStore {
    /** The table used unless another is named. */
    public static final String DEFAULT_TABLE = "revoked_tokens";
    /** The longest {@code jti} stored; longer ones cannot be revoked (and are never reported revoked). */
    public static final int MAX_JTI_LENGTH = 255;

    private static final long FOREVER = Long.MAX_VALUE;

    private final DataSource dataSource;
    private final SqlDialect dialect;
    private final String table;
    private final Clock clock;
    private final int queryTimeoutSeconds;
    private final String upsertSql;
    private final String selectSql;
    private final String purgeSql;

    private JdbcRevocationStore(Builder b, SqlDialect dialect) {
        this.dataSource = b.dataSource;
        this.dialect = dialect;
        this.table = b.table;
        this.clock = b.clock;
        this.queryTimeoutSeconds = (int) Math.max(1, b.queryTimeout.toSeconds());
        this.upsertSql = dialect.upsert(table);
        this.selectSql = dialect.selectRevoked(table);
        this.purgeSql = dialect.purge(table);
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

    /** Creates the table and its expiry index when they do not exist. */
    public void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(queryTimeoutSeconds);
            for (String sql : dialect.createTable(table)) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw failure("create the revocation table", e);
        }
    }

    @Override
    public void revoke(String jti, Instant until) {
        Objects.requireNonNull(jti, "jti");
        if (jti.length() > MAX_JTI_LENGTH) {
            throw new IllegalArgumentException("jti is longer than " + MAX_JTI_LENGTH + " characters");
        }
        long expiry = until == null ? FOREVER : until.toEpochMilli();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(upsertSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, jti);
            ps.setLong(2, expiry);
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw failure("record a revocation", e);
        }
    }

    @Override
    public boolean isRevoked(String jti) {
        if (jti == null || jti.length() > MAX_JTI_LENGTH) {
            return false;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(selectSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setString(1, jti);
            ps.setLong(2, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw failure("read the revocation status", e);
        }
    }

    /** Deletes the rows of tokens that have expired; returns how many were deleted. */
    public int purgeExpired() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(purgeSql)) {
            ps.setQueryTimeout(queryTimeoutSeconds);
            ps.setLong(1, clock.millis());
            int n = ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            return n;
        } catch (SQLException e) {
            throw failure("purge expired revocations", e);
        }
    }

    private static RevocationStoreException failure(String what, SQLException e) {
        // The message names the operation only; the cause (for the server log) keeps the driver's detail.
        return new RevocationStoreException("JDBC revocation store could not " + what, e);
    }

    @Override
    public String toString() {
        return "JdbcRevocationStore[" + dialect + ", table=" + table + "]";
    }

    /**
     * Collects the store's settings. Not thread safe; the store it builds is.
     */
    public static final class Builder {
        private final DataSource dataSource;
        private SqlDialect dialect;
        private String table = DEFAULT_TABLE;
        private Clock clock = Clock.systemUTC();
        private Duration queryTimeout = Duration.ofSeconds(5);

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The SQL dialect; by default read from the database's metadata at {@link #build()}. */
        public Builder dialect(SqlDialect d) { this.dialect = Objects.requireNonNull(d, "dialect"); return this; }
        /** The table: {@code table} or {@code schema.table}; default {@value JdbcRevocationStore#DEFAULT_TABLE}. */
        public Builder table(String t) { this.table = SqlDialect.checkTableName(t); return this; }
        /** The clock deciding what has expired; default UTC system clock. */
        public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c, "clock"); return this; }
        /** The longest a statement may run (whole seconds, at least one); default 5 seconds. */
        public Builder queryTimeout(Duration d) {
            Objects.requireNonNull(d, "queryTimeout");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("queryTimeout must be positive");
            }
            this.queryTimeout = d;
            return this;
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
            return new JdbcRevocationStore(this, d);
        }
    }
}
