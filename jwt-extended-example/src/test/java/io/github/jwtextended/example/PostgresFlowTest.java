package io.github.jwtextended.example;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The flow with {@code DATABASE_URL} naming PostgreSQL ({@code TEST_POSTGRES_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), in a schema of its own that is
 * dropped afterwards. Skipped when PostgreSQL is unreachable, unless {@code -Djwt.requireServices=true}.
 */
class PostgresFlowTest extends FlowContract {
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    String schema;

    static String url() {
        String url = System.getProperty("TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            url = System.getenv("TEST_POSTGRES_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    @Override
    Map<String, String> databaseEnv() {
        if (schema == null) {
            schema = "jwt_example_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            } catch (SQLException e) {
                if (Boolean.getBoolean("jwt.requireServices")) {
                    throw new AssertionError("PostgreSQL is required (jwt.requireServices=true) but unreachable: " + e.getMessage(), e);
                }
                Assumptions.abort("PostgreSQL unreachable, test skipped: " + e.getMessage());
            }
        }
        String u = url();
        return Map.of("DATABASE_URL", u + (u.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    }

    @Override
    void cleanUpDatabase() {
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new AssertionError("could not drop test schema " + schema, e);
            }
        }
    }
}
