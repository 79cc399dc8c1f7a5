package io.github.jwtextended.example.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.jwtextended.jdbc.SqlDialect;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The connection pool (HikariCP) over the embedded SQLite file or a PostgreSQL server, with the
 * schema migrated on open.
 *
 * <p>SQLite runs in WAL mode with a busy timeout, so readers never wait for the writer and writers
 * queue instead of failing.
 *
 * <p>Thread safety: thread safe.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final SqlDialect dialect;
    private final String description;

    private Database(HikariDataSource pool, SqlDialect dialect, String description) {
        this.pool = pool;
        this.dialect = dialect;
        this.description = description;
    }

    /**
     * Opens the pool and migrates the schema. Fails with {@link StorageException} when the
     * database cannot be reached or migrated (the message says which, without credentials).
     */
    public static Database open(DatabaseLocation target, int poolSize, java.time.Duration connectTimeout) {
        return open(target, poolSize, connectTimeout, java.time.Duration.ofSeconds(5));
    }

    /**
     * {@link #open(DatabaseLocation, int, java.time.Duration)} with the longest wait
     * for a pooled connection (at least 250 ms): the server keeps it at the revocation timeout, so
     * that an unreachable database fails a check in time.
     */
    public static Database open(DatabaseLocation target, int poolSize, java.time.Duration connectTimeout,
                                java.time.Duration connectionWait) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName("jwt-extended-db");
        hc.setConnectionTimeout(Math.max(250, connectionWait.toMillis()));
        hc.setValidationTimeout(Math.min(TimeUnit.SECONDS.toMillis(3), hc.getConnectionTimeout()));
        hc.setInitializationFailTimeout(Math.max(1, connectTimeout.toMillis()));
        SqlDialect dialect;
        if (target.isPostgres()) {
            hc.setDriverClassName("org.postgresql.Driver");
            hc.setJdbcUrl(target.jdbcUrl());
            if (target.user() != null) {
                hc.setUsername(target.user());
            }
            if (target.password() != null) {
                hc.setPassword(target.password());
            }
            hc.setMaximumPoolSize(poolSize);
            dialect = SqlDialect.POSTGRESQL;
        } else {
            SQLiteConfig sc = new SQLiteConfig();
            sc.setJournalMode(SQLiteConfig.JournalMode.WAL);
            sc.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sc.setBusyTimeout(5000);
            sc.enforceForeignKeys(true);
            SQLiteDataSource ds = new SQLiteDataSource(sc);
            ds.setUrl(target.jdbcUrl());
            hc.setDataSource(ds);
            hc.setMaximumPoolSize(Math.min(poolSize, 4));
            dialect = SqlDialect.SQLITE;
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StorageException("cannot connect to the database (" + target + "): " + rootMessage(e), e);
        }
        try {
            new Migrator(pool, dialect).migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, dialect, target.toString());
    }

    /** Creates the data folder (owner-only when this creates it). */
    public static void createDataDir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** Whether the database answers a trivial query within a few seconds. */
    public boolean isHealthy() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(3);
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** For the log: kind, host and database, never credentials. */
    @Override
    public String toString() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null) {
            return "no detail from the driver";
        }
        m = m.replaceAll("[\\r\\n]+", " ");
        return m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }
}
