package io.github.jwtextended.jdbc;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The contract on a real SQLite file in a temporary folder. */
class SqliteRevocationStoreTest extends JdbcRevocationStoreContract {
    @TempDir
    static Path dir;
    static SQLiteDataSource dataSource;

    @BeforeAll
    static void open() {
        dataSource = SqliteTestSupport.dataSource(dir.resolve("revocations.db"));
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
