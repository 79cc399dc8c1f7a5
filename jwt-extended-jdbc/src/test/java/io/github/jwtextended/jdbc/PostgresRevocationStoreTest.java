package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a real PostgreSQL ({@link PostgresTestSupport}), in a schema of its own that
 * is dropped afterwards.
 */
class PostgresRevocationStoreTest extends RevocationStoreContract {
    static PGSimpleDataSource dataSource;
    static String schema;

    @BeforeAll
    static void open() throws Exception {
        dataSource = PostgresTestSupport.dataSourceOrSkip();
        schema = "jwt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterAll
    static void drop() throws Exception {
        if (dataSource != null && schema != null) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String table() {
        return schema + ".revoked_tokens";
    }

    @Override
    DataSource brokenDataSource() {
        PGSimpleDataSource broken = new PGSimpleDataSource();
        broken.setURL("jdbc:postgresql://127.0.0.1:1/test?user=postgres");
        broken.setConnectTimeout(2);
        return broken;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Test
    void theExpiryIndexExists() throws Exception {
        store();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema + "'")) {
            boolean found = false;
            while (rs.next()) {
                found |= rs.getString(1).equals("revoked_tokens_expires_at");
            }
            assertThat(found).isTrue();
        }
    }
}
