package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole SQLite contract again with the near cache on (every check answered from memory, writes
 * applied at once, other writers' rows polled), plus the near-cache tests of the contract.
 */
class SqliteNearCacheRevocationStoreTest extends SqliteRevocationStoreTest {
    @Override
    Duration nearCacheStaleness() {
        return Duration.ofMillis(200);
    }

    /** Tables made before written_at existed (the example's first migrations) get it from createTable. */
    @Test
    void createTableAddsTheWrittenAtColumnToOlderTables() throws Exception {
        SQLiteDataSource old = new SQLiteDataSource();
        old.setUrl("jdbc:sqlite:" + dir.resolve("old-schema.db"));
        try (Connection c = old.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE revoked_tokens (jti VARCHAR(255) NOT NULL PRIMARY KEY, expires_at BIGINT NOT NULL)");
            st.execute("INSERT INTO revoked_tokens VALUES ('from-before', " + T0.plusSeconds(60).toEpochMilli() + ")");
        }
        JdbcRevocationStore s = build(JdbcRevocationStore.builder(old));
        s.createTable();
        assertThat(trusted(s)).isTrue();
        assertThat(s.isRevoked("from-before")).as("an old row (written_at 0) is loaded").isTrue();
        s.revoke("after", T0.plusSeconds(60));
        JdbcRevocationStore strict = JdbcRevocationStore.builder(old).clock(clock).build();
        assertThat(strict.isRevoked("after")).isTrue();
        s.createTable();
    }
}
