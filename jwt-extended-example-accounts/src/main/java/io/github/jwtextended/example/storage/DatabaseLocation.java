package io.github.jwtextended.example.storage;

/**
 * Where the data lives: the embedded SQLite file or a PostgreSQL server, as {@link Database#open}
 * needs it. {@link DatabaseUrl} reads one from a {@code DATABASE_URL}.
 *
 * <p>Thread safety: implementations are immutable.
 */
public interface DatabaseLocation {
    /** PostgreSQL (true) or SQLite (false). */
    boolean isPostgres();

    /** The JDBC URL (it may carry credentials: never log it). */
    String jdbcUrl();

    /** The user, or null when the JDBC URL carries it (or none is needed). */
    String user();

    /** The password, or null. */
    String password();

    /** What a log line may show: the kind, host and database, never credentials or parameters. */
    @Override
    String toString();
}
