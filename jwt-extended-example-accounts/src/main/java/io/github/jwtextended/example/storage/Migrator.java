package io.github.jwtextended.example.storage;

import io.github.jwtextended.jdbc.SqlDialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Brings the schema up to date: the versioned SQL scripts under {@code db/migration/} run in
 * order, each in its own transaction, and are recorded in {@code schema_history} with a SHA-256
 * checksum. A script changed after it ran, or a database newer than this server, stops the start.
 * On PostgreSQL the history table is locked while migrating, so servers starting together
 * migrate once.
 *
 * <p>Thread safety: not thread safe; used once at startup.
 */
final class Migrator {
    /** The scripts, in order; version N is the N-th. Never edit one that has been released: add a new one. */
    static final List<String> SCRIPTS = List.of("V1__users_and_revoked_tokens.sql", "V2__revoked_identities.sql",
            "V3__refresh_families.sql", "V4__revocations_written_at.sql",
            "V5__refresh_family_sessions.sql", "V6__server_keys.sql");

    private final DataSource dataSource;
    private final SqlDialect dialect;

    Migrator(DataSource dataSource, SqlDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
    }

    /** Runs the scripts not yet applied; returns how many ran. */
    int migrate() {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_history (version INTEGER NOT NULL PRIMARY KEY,"
                        + " script VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int ran = migrate(c);
                c.commit();
                return ran;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new StorageException("cannot migrate the database schema: " + Database.rootMessage(e), e);
        }
    }

    private int migrate(Connection c) throws SQLException {
        if (dialect == SqlDialect.POSTGRESQL) {
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE schema_history IN ACCESS EXCLUSIVE MODE");
            }
        }
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_history")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        for (int v : applied.keySet()) {
            if (v > SCRIPTS.size()) {
                throw new StorageException("the database schema (version " + v + ") is newer than this server (version "
                        + SCRIPTS.size() + "): use a newer server", null);
            }
        }
        int ran = 0;
        for (int i = 0; i < SCRIPTS.size(); i++) {
            int version = i + 1;
            String name = SCRIPTS.get(i);
            String sql = load(name);
            String checksum = sha256(sql);
            String done = applied.get(version);
            if (done != null) {
                if (!done.equals(checksum)) {
                    throw new StorageException("migration " + name + " was changed after it was applied (checksum mismatch)", null);
                }
                continue;
            }
            try (Statement s = c.createStatement()) {
                for (String statement : statements(sql)) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO schema_history (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, name);
                ps.setString(3, checksum);
                ps.setLong(4, System.currentTimeMillis());
                ps.executeUpdate();
            }
            ran++;
        }
        return ran;
    }

    /** The script's statements: split at semicolons that end a line, comment lines dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (t.endsWith(";")) {
                String stmt = current.toString().strip();
                out.add(stmt.substring(0, stmt.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String load(String name) {
        try (InputStream in = Migrator.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration script " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration script " + name, e);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
