package io.github.jwtextended.example.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keys kept in the accounts database (SQLite): made once, the same after a restart and for a second instance. */
class ServerKeysTest {
    @TempDir
    Path dir;

    private Database open() {
        return Database.open(DatabaseUrl.parse(null, dir), 2, Duration.ofSeconds(5));
    }

    @Test
    void aKeyIsMadeOnceAndSharedByEveryInstanceAndRestart() {
        byte[] first;
        try (Database a = open(); Database b = open()) {
            first = new ServerKeys(a.dataSource(), Clock.systemUTC()).getOrCreate("k");
            assertThat(first).hasSize(ServerKeys.KEY_BYTES);
            assertThat(new ServerKeys(b.dataSource(), Clock.systemUTC()).getOrCreate("k")).as("another instance").isEqualTo(first);
            assertThat(new ServerKeys(a.dataSource(), Clock.systemUTC()).getOrCreate("other")).isNotEqualTo(first);
        }
        try (Database again = open()) {
            assertThat(new ServerKeys(again.dataSource(), Clock.systemUTC()).getOrCreate("k")).as("after a restart").isEqualTo(first);
        }
    }

    @Test
    void aDamagedKeyStopsTheStartWithoutShowingIt() throws Exception {
        try (Database db = open()) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO server_keys (name, key_value, created_at) VALUES ('k', 'c2hvcnQ=', 0)");
            }
            assertThatThrownBy(() -> new ServerKeys(db.dataSource(), Clock.systemUTC()).getOrCreate("k"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("server_keys")
                    .hasMessageNotContaining("c2hvcnQ");
        }
    }
}
