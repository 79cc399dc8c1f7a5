package io.github.jwtextended.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The SQL that {@link JdbcRevocationStore} runs, per database. Every statement takes its values as
 * bound parameters; only the table name, checked against {@link #checkTableName}, is written into
 * the SQL text.
 *
 * <p>Thread safety: immutable.
 */
public enum SqlDialect {
    /** SQLite 3.24 or later (for {@code ON CONFLICT ... DO UPDATE}). */
    SQLITE,
    /** PostgreSQL 9.5 or later. */
    POSTGRESQL;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    /** The dialect of the database behind {@code dataSource}, from its JDBC metadata. */
    public static SqlDialect of(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return fromProductName(c.getMetaData().getDatabaseProductName());
        }
    }

    /** The dialect for a JDBC {@code DatabaseMetaData.getDatabaseProductName()}. */
    public static SqlDialect fromProductName(String productName) {
        String p = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
        if (p.contains("sqlite")) {
            return SQLITE;
        }
        if (p.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("Unsupported database for the JDBC revocation store: " + productName
                + " (supported: SQLite, PostgreSQL)");
    }

    /**
     * Checks a table name: {@code table} or {@code schema.table}, each part a plain SQL identifier
     * (letters, digits, underscore; not starting with a digit; at most 63 characters).
     */
    public static String checkTableName(String name) {
        if (name == null) {
            throw new IllegalArgumentException("table name must not be null");
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("table name must be table or schema.table");
        }
        for (String part : parts) {
            if (!IDENTIFIER.matcher(part).matches()) {
                throw new IllegalArgumentException("table name must be made of plain SQL identifiers (letters, digits, _)");
            }
        }
        return name;
    }

    /** The statements creating the table and its expiry index if they are missing. */
    public String[] createTable(String table) {
        checkTableName(table);
        String unqualified = table.substring(table.indexOf('.') + 1);
        String schemaPrefix = table.contains(".") ? table.substring(0, table.indexOf('.') + 1) : "";
        String create = "CREATE TABLE IF NOT EXISTS " + table
                + " (jti VARCHAR(255) NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL, written_at BIGINT NOT NULL DEFAULT 0)";
        String index;
        if (this == SQLITE) {
            // SQLite names the index in the table's schema and the table without one.
            index = "CREATE INDEX IF NOT EXISTS " + schemaPrefix + unqualified + "_expires_at ON " + unqualified + " (expires_at)";
        } else {
            // PostgreSQL creates the index in the table's schema; its name takes no schema.
            index = "CREATE INDEX IF NOT EXISTS " + unqualified + "_expires_at ON " + table + " (expires_at)";
        }
        return new String[] {create, index, writtenAtIndex(table)};
    }

    /** The statements creating the per-identity not-before table and its expiry index if they are missing. */
    public String[] createIdentityTable(String table) {
        checkTableName(table);
        String unqualified = table.substring(table.indexOf('.') + 1);
        String schemaPrefix = table.contains(".") ? table.substring(0, table.indexOf('.') + 1) : "";
        String create = "CREATE TABLE IF NOT EXISTS " + table
                + " (identity VARCHAR(255) NOT NULL PRIMARY KEY, not_before BIGINT NOT NULL, keep_until BIGINT NOT NULL,"
                + " written_at BIGINT NOT NULL DEFAULT 0)";
        String index = this == SQLITE
                ? "CREATE INDEX IF NOT EXISTS " + schemaPrefix + unqualified + "_keep_until ON " + unqualified + " (keep_until)"
                : "CREATE INDEX IF NOT EXISTS " + unqualified + "_keep_until ON " + table + " (keep_until)";
        return new String[] {create, index, writtenAtIndex(table)};
    }

    /**
     * Insert, or on an existing identity keep the later not-before and the later keep-until.
     * Parameters: identity, not_before, keep_until.
     */
    public String upsertIdentity(String table) {
        checkTableName(table);
        String max = this == SQLITE ? "MAX" : "GREATEST";
        return "INSERT INTO " + table + " AS r (identity, not_before, keep_until, written_at) VALUES (?, ?, ?, " + nowMillis() + ")"
                + " ON CONFLICT (identity) DO UPDATE SET not_before = " + max + "(excluded.not_before, r.not_before),"
                + " keep_until = " + max + "(excluded.keep_until, r.keep_until), written_at = " + nowMillis();
    }

    /**
     * One row of two columns answering a whole check in one round trip: 1 (or null) when the
     * {@code jti} is revoked and not expired; the identity's not-before (or null). Parameters: jti,
     * now, identity, now.
     */
    public String selectCheck(String table, String identityTable) {
        checkTableName(table);
        checkTableName(identityTable);
        return "SELECT (SELECT 1 FROM " + table + " WHERE jti = ? AND expires_at > ?),"
                + " (SELECT not_before FROM " + identityTable + " WHERE identity = ? AND keep_until > ?)";
    }

    /**
     * The statements creating the refresh-token families' table and its indexes (expiry, poll,
     * identity) if they are missing. The session columns ({@code identity, created_at, client}) are
     * null for a family not begun by a recorded login.
     */
    public String[] createFamilyTable(String table) {
        checkTableName(table);
        String create = "CREATE TABLE IF NOT EXISTS " + table
                + " (family VARCHAR(255) NOT NULL PRIMARY KEY, current_jti VARCHAR(255) NOT NULL, previous_jti VARCHAR(255),"
                + " rotated_at BIGINT NOT NULL, grace_used SMALLINT NOT NULL, revoked SMALLINT NOT NULL, keep_until BIGINT NOT NULL,"
                + " written_at BIGINT NOT NULL DEFAULT 0, identity VARCHAR(255), created_at BIGINT, client VARCHAR(255))";
        return new String[] {create, index(table, "keep_until"), writtenAtIndex(table), index(table, "identity")};
    }

    /**
     * The columns of a session record, each as {@code ADD COLUMN}'s definition, for a families'
     * table made before they existed (the caller adds the missing ones, as for {@code written_at}).
     */
    public String[] sessionColumns() {
        return new String[] {"identity VARCHAR(255)", "created_at BIGINT", "client VARCHAR(255)"};
    }

    /** Adds a column ({@code name TYPE}, from {@link #sessionColumns()}) to a table made before it existed. */
    public String addColumn(String table, String definition) {
        checkTableName(table);
        return "ALTER TABLE " + table + " ADD COLUMN " + definition;
    }

    /** An index on one column, named {@code <table>_<column>}, if it is missing. */
    private String index(String table, String column) {
        String unqualified = table.substring(table.indexOf('.') + 1);
        String schemaPrefix = table.contains(".") ? table.substring(0, table.indexOf('.') + 1) : "";
        return this == SQLITE
                ? "CREATE INDEX IF NOT EXISTS " + schemaPrefix + unqualified + "_" + column + " ON " + unqualified + " (" + column + ")"
                : "CREATE INDEX IF NOT EXISTS " + unqualified + "_" + column + " ON " + table + " (" + column + ")";
    }

    /**
     * A login's family, current with its first refresh token, with its session record. Parameters:
     * family, first jti, now, keep_until, identity, now, client.
     */
    public String insertSession(String table) {
        checkTableName(table);
        return "INSERT INTO " + table + " (family, current_jti, previous_jti, rotated_at, grace_used, revoked, keep_until,"
                + " identity, created_at, client) VALUES (?, ?, NULL, ?, 0, 0, ?, ?, ?, ?) ON CONFLICT (family) DO NOTHING";
    }

    /**
     * An identity's live sessions, the most recently refreshed first: rows of (family, created_at,
     * rotated_at, client). Parameters: identity, now.
     */
    public String selectSessions(String table) {
        checkTableName(table);
        return "SELECT family, created_at, rotated_at, client FROM " + table
                + " WHERE identity = ? AND revoked = 0 AND keep_until > ? ORDER BY rotated_at DESC, family";
    }

    /**
     * Revokes a family only when it is a live session of the identity. Parameters: keep_until,
     * family, identity, now. One row updated: revoked by this call.
     */
    public String revokeSession(String table) {
        checkTableName(table);
        return "UPDATE " + table + " SET revoked = 1, client = NULL, keep_until = " + greatest() + "(keep_until, ?), written_at = "
                + nowMillis() + " WHERE family = ? AND identity = ? AND revoked = 0 AND keep_until > ?";
    }

    /** The index a near cache's poll reads ({@code written_at}); part of every {@code create...Table}. */
    public String writtenAtIndex(String table) {
        checkTableName(table);
        String unqualified = table.substring(table.indexOf('.') + 1);
        String schemaPrefix = table.contains(".") ? table.substring(0, table.indexOf('.') + 1) : "";
        return this == SQLITE
                ? "CREATE INDEX IF NOT EXISTS " + schemaPrefix + unqualified + "_written_at ON " + unqualified + " (written_at)"
                : "CREATE INDEX IF NOT EXISTS " + unqualified + "_written_at ON " + table + " (written_at)";
    }

    /**
     * Adds the {@code written_at} column to a table created before it existed (the caller checks
     * that it is missing first: neither database has {@code ADD COLUMN IF NOT EXISTS} in every
     * supported version).
     */
    public String addWrittenAtColumn(String table) {
        checkTableName(table);
        return "ALTER TABLE " + table + " ADD COLUMN written_at BIGINT NOT NULL DEFAULT 0";
    }

    /**
     * The database's clock in epoch milliseconds, as an SQL expression: {@code written_at} is
     * always set by it, so that every instance's rows are ordered by one clock (PostgreSQL's
     * server; for SQLite the machine's, the only one that writes the file).
     */
    public String nowMillis() {
        return this == SQLITE
                ? "CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)"
                : "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";
    }

    /** One row, one column: {@link #nowMillis()}. */
    public String selectNow() {
        return "SELECT " + nowMillis();
    }

    /**
     * Every live revocation written at or after an instant, from the three tables, for a near
     * cache: rows of (kind, key, first, second): {@code r, jti, expires_at, 0}; {@code n, identity,
     * not_before, keep_until}; {@code f, family, keep_until, 0} (revoked families only). Parameters:
     * since, now, since, now, since, now (epoch milliseconds; since on the database's clock, now on
     * the store's).
     */
    public String selectWrittenSince(String table, String identityTable, String familyTable) {
        checkTableName(table);
        checkTableName(identityTable);
        checkTableName(familyTable);
        return "SELECT 'r', jti, expires_at, 0 FROM " + table + " WHERE written_at >= ? AND expires_at > ?"
                + " UNION ALL SELECT 'n', identity, not_before, keep_until FROM " + identityTable
                + " WHERE written_at >= ? AND keep_until > ?"
                + " UNION ALL SELECT 'f', family, keep_until, 0 FROM " + familyTable
                + " WHERE written_at >= ? AND revoked = 1 AND keep_until > ?";
    }

    /** A family's keep_until (after a reuse revoked it). Parameter: family. */
    public String selectFamilyKeepUntil(String table) {
        checkTableName(table);
        return "SELECT keep_until FROM " + table + " WHERE family = ? AND revoked = 1";
    }

    private String greatest() {
        return this == SQLITE ? "MAX" : "GREATEST";
    }

    /**
     * The compare-and-set of a rotation: the presented jti is current and the family is not
     * revoked, so the new one becomes current. Parameters: new jti, now, keep_until, family,
     * presented jti. One row updated: rotated.
     */
    public String rotateFamily(String table) {
        checkTableName(table);
        return "UPDATE " + table + " SET previous_jti = current_jti, current_jti = ?, rotated_at = ?, grace_used = 0,"
                + " keep_until = " + greatest() + "(keep_until, ?) WHERE family = ? AND current_jti = ? AND revoked = 0";
    }

    /** A family's first rotation. Parameters: family, new jti, presented jti, now, keep_until. One row inserted: rotated. */
    public String insertFamily(String table) {
        checkTableName(table);
        return "INSERT INTO " + table + " (family, current_jti, previous_jti, rotated_at, grace_used, revoked, keep_until)"
                + " VALUES (?, ?, ?, ?, 0, 0, ?) ON CONFLICT (family) DO NOTHING";
    }

    /**
     * The previous jti presented within the window after its rotation: one row, the current jti
     * (its successor), when it is. Parameters: family, presented jti, earliest rotation instant
     * still within the window (exclusive).
     */
    public String selectGraceSuccessor(String table) {
        checkTableName(table);
        return "SELECT current_jti FROM " + table + " WHERE family = ? AND previous_jti = ? AND revoked = 0 AND rotated_at > ?";
    }

    /** Keeps a family's row at least until an instant. Parameters: keep_until, family. */
    public String extendFamily(String table) {
        checkTableName(table);
        return "UPDATE " + table + " SET keep_until = " + greatest() + "(keep_until, ?) WHERE family = ?";
    }

    /** Reuse: marks a not yet revoked family revoked (its client description dropped). Parameters: keep_until, family. One row updated: this call revoked it. */
    public String revokeFamilyOnReuse(String table) {
        checkTableName(table);
        return "UPDATE " + table + " SET revoked = 1, client = NULL, keep_until = " + greatest() + "(keep_until, ?), written_at = "
                + nowMillis() + " WHERE family = ? AND revoked = 0";
    }

    /** Revokes a family, known or not, keeping the later keep_until (its client description dropped). Parameters: family, keep_until. */
    public String upsertRevokedFamily(String table) {
        checkTableName(table);
        return "INSERT INTO " + table + " AS r (family, current_jti, previous_jti, rotated_at, grace_used, revoked, keep_until, written_at)"
                + " VALUES (?, '', NULL, 0, 0, 1, ?, " + nowMillis() + ") ON CONFLICT (family) DO UPDATE SET revoked = 1, client = NULL,"
                + " keep_until = " + greatest() + "(excluded.keep_until, r.keep_until), written_at = " + nowMillis();
    }

    /**
     * {@link #selectCheck(String, String)} with a third column: 1 (or null) when the family is
     * revoked and not expired. Parameters: jti, now, identity, now, family, now.
     */
    public String selectCheck(String table, String identityTable, String familyTable) {
        checkTableName(familyTable);
        return selectCheck(table, identityTable)
                + ", (SELECT 1 FROM " + familyTable + " WHERE family = ? AND revoked = 1 AND keep_until > ?)";
    }

    /** Deletes expired family rows. Parameter: now. */
    public String purgeFamilies(String table) {
        checkTableName(table);
        return "DELETE FROM " + table + " WHERE keep_until <= ?";
    }

    /** Deletes expired identity rows. Parameter: now. */
    public String purgeIdentities(String table) {
        checkTableName(table);
        return "DELETE FROM " + table + " WHERE keep_until <= ?";
    }

    /** Insert, or on an existing {@code jti} keep the later expiry. Parameters: jti, expires_at. */
    public String upsert(String table) {
        checkTableName(table);
        String later = this == SQLITE
                ? "MAX(excluded.expires_at, r.expires_at)"
                : "GREATEST(excluded.expires_at, r.expires_at)";
        return "INSERT INTO " + table + " AS r (jti, expires_at, written_at) VALUES (?, ?, " + nowMillis() + ")"
                + " ON CONFLICT (jti) DO UPDATE SET expires_at = " + later + ", written_at = " + nowMillis();
    }

    /** One row when the {@code jti} is revoked and not yet expired. Parameters: jti, now. */
    public String selectRevoked(String table) {
        checkTableName(table);
        return "SELECT 1 FROM " + table + " WHERE jti = ? AND expires_at > ?";
    }

    /** Deletes expired rows. Parameter: now. */
    public String purge(String table) {
        checkTableName(table);
        return "DELETE FROM " + table + " WHERE expires_at <= ?";
    }
}
