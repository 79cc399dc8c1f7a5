package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a real SQLite file in a temporary folder. */
class SqliteRevocationStoreTest extends JdbcRevocationStoreContract {
    static Path dir;
    static SQLiteDataSource dataSource;

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("jwt-jdbc-sqlite");
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("revocations.db"));
    }

    @AfterAll
    static void delete() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    String table() {
        return "revoked_tokens";
    }

    @Override
    DataSource brokenDataSource() {
        SQLiteDataSource broken = new SQLiteDataSource();
        broken.setUrl("jdbc:sqlite:" + dir.resolve("no-such-folder").resolve("x.db"));
        return broken;
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.SQLITE;
    }

    @Test
    void revocationsSurviveANewStoreOnTheSameFile() {
        JdbcRevocationStore first = store();
        first.revoke("durable", T0.plus(Duration.ofHours(1)));
        SQLiteDataSource reopened = new SQLiteDataSource();
        reopened.setUrl(dataSource.getUrl());
        JdbcRevocationStore second = JdbcRevocationStore.builder(reopened).clock(clock).build();
        assertThat(second.isRevoked("durable")).isTrue();
    }
}
