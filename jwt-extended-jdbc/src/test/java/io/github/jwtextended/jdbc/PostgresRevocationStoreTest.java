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
class PostgresRevocationStoreTest extends JdbcRevocationStoreContract {
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

    /**
     * Fail closed in time: a database that stops answering (a frozen TCP proxy in front of it)
     * turns a check into an exception within the 250 ms check timeout (plus scheduling) on a pooled
     * connection, and within HikariCP's connectionTimeout + validationTimeout (both 250 ms) when the
     * pool must find a connection; then it recovers by itself.
     */
    @Test
    void aHangingDatabaseFailsAChecksWithinTheTimeoutAndRecovers() throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(PostgresTestSupport.url());
        org.junit.jupiter.api.Assumptions.assumeTrue(m.find(), "a jdbc:postgresql://host:port/ URL");
        try (io.github.jwtextended.fixtures.TcpProxy proxy = new io.github.jwtextended.fixtures.TcpProxy(m.group(1),
                m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))) {
            com.zaxxer.hikari.HikariConfig hc = new com.zaxxer.hikari.HikariConfig();
            hc.setJdbcUrl(PostgresTestSupport.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
            hc.setConnectionTimeout(250);
            hc.setValidationTimeout(250);
            hc.setMaximumPoolSize(2);
            try (com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource(hc)) {
                JdbcRevocationStore s = JdbcRevocationStore.builder(pool).table(table()).clock(clock).build();
                s.createTable();
                s.revoke(id("hang"), T0.plusSeconds(60));
                assertThat(s.isRevoked(id("hang"))).isTrue();
                proxy.freeze();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.isRevoked(id("hang")))
                            .isInstanceOf(io.github.jwtextended.revocation.RevocationStoreException.class);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    System.out.println("PostgreSQL hanging: check " + i + " failed after " + ms + " ms");
                    // The first check runs on a pooled connection: the 250 ms network timeout bounds it.
                    // Later ones wait for the pool, which may first validate an idle connection:
                    // HikariCP's connectionTimeout + validationTimeout (250 + 250 ms at their minimum).
                    assertThat(ms).as("check " + i).isLessThan(i == 0 ? 350 : 600);
                }
                proxy.restore();
                long deadline = System.nanoTime() + 10_000_000_000L;
                Boolean answer = null;
                while (answer == null && System.nanoTime() < deadline) {
                    try {
                        answer = s.isRevoked(id("hang"));
                    } catch (io.github.jwtextended.revocation.RevocationStoreException e) {
                        Thread.sleep(50);
                    }
                }
                assertThat(answer).as("recovers by itself").isTrue();
            }
        }
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
