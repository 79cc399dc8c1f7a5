package io.github.jwtextended.jdbc;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;

/** The SQLite database the tests share between store instances: a file, WAL journal, 5 s busy timeout. */
final class SqliteTestSupport {
    private SqliteTestSupport() {
    }

    /** A data source over the database {@code file} (created on first use). */
    static SQLiteDataSource dataSource(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file);
        return dataSource;
    }
}
