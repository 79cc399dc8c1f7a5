package io.github.jwtextended.example.flow;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one test class, dropped afterwards: the server under test gets
 * a {@code DATABASE_URL} whose {@code currentSchema} names it. The server is
 * {@code TEST_POSTGRES_URL} (system property or environment variable), default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. When it is unreachable the test is
 * skipped, or fails with {@code -Djwt.requireServices=true}.
 *
 * <p>Thread safety: not thread safe; one per test class.
 */
public final class PostgresSchema {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    /** The PostgreSQL server's JDBC URL. */
    public static String url() {
        String url = System.getProperty("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** Creates a schema named {@code prefix} plus a random suffix (prefix: lower-case letters, digits, underscores). */
    public static PostgresSchema create(String prefix) {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("PostgreSQL is required (jwt.requireServices=true) but unreachable: " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL unreachable, test skipped: " + e.getMessage());
        }
        return new PostgresSchema(name);
    }

    public String name() {
        return name;
    }

    /** The {@code DATABASE_URL} for a server using this schema. */
    public String databaseUrl() {
        String u = url();
        return u + (u.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Drops the schema and everything in it. */
    public void drop() {
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        } catch (SQLException e) {
            throw new AssertionError("could not drop test schema " + name, e);
        }
    }
}
