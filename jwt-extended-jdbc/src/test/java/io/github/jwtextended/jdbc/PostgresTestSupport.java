package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Finds the test PostgreSQL: {@code TEST_POSTGRES_URL} (system property, then environment),
 * default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}. When it cannot be reached
 * the calling test is skipped, unless {@code -Djwt.requireServices=true} (CI), which fails it.
 */
public final class PostgresTestSupport {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private PostgresTestSupport() {
    }

    public static String url() {
        String url = System.getProperty("TEST_POSTGRES_URL");
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv("TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** A data source for the test database, or a skipped (or failed, under CI) test. */
    public static PGSimpleDataSource dataSourceOrSkip() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url());
        ds.setConnectTimeout(3);
        try (Connection c = ds.getConnection()) {
            c.isValid(3);
        } catch (SQLException e) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("PostgreSQL is required (jwt.requireServices=true) but unreachable at "
                        + url().replaceAll("password=[^&]*", "password=***") + ": " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL unreachable, test skipped: " + e.getMessage());
        }
        return ds;
    }
}
