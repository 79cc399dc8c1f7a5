package io.github.jwtextended.example.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A {@code DATABASE_URL} as the example servers read it: empty for the SQLite file
 * {@code jwt-extended.db} in the data folder; {@code postgresql://user:password@host:port/db}
 * ({@code postgres://} too) or {@code jdbc:postgresql://host:port/db?user=...} for PostgreSQL.
 * A value that is neither is refused with an {@link IllegalArgumentException} whose message names
 * {@code DATABASE_URL} and never repeats the value (it may hold a password).
 *
 * <p>Thread safety: immutable.
 */
public final class DatabaseUrl implements DatabaseLocation {
    /** The SQLite file's name inside the data folder. */
    public static final String SQLITE_FILE = "jwt-extended.db";

    private final boolean postgres;
    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String description;

    private DatabaseUrl(boolean postgres, String jdbcUrl, String user, String password, String description) {
        this.postgres = postgres;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.description = description;
    }

    /** Reads {@code url} (null or blank: SQLite in {@code dataDir}). */
    public static DatabaseUrl parse(String url, Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (url == null || url.isBlank()) {
            Path file = dataDir.resolve(SQLITE_FILE);
            return new DatabaseUrl(false, "jdbc:sqlite:" + file, null, null, "SQLite " + file);
        }
        String u = url.trim();
        if (u.startsWith("jdbc:postgresql://")) {
            String rest = u.substring("jdbc:postgresql://".length());
            int q = rest.indexOf('?');
            String where = q < 0 ? rest : rest.substring(0, q);
            return new DatabaseUrl(true, u, null, null, "PostgreSQL " + where.substring(where.indexOf('@') + 1));
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("DATABASE_URL is not a valid URL");
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("DATABASE_URL must name a host: postgresql://user:password@host:5432/database");
            }
            String user = null;
            String password = null;
            String info = uri.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                user = decode(colon < 0 ? info : info.substring(0, colon));
                password = colon < 0 ? null : decode(info.substring(colon + 1));
            }
            // URI.getHost() keeps an IPv6 literal's brackets ([::1]).
            String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
            String hostPort = host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String jdbc = "jdbc:postgresql://" + hostPort + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseUrl(true, jdbc, user, password, "PostgreSQL " + hostPort + path);
        }
        throw new IllegalArgumentException("DATABASE_URL must be a PostgreSQL URL (postgresql://user:password@host:5432/database"
                + " or jdbc:postgresql://...), or be unset for the embedded SQLite database");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public boolean isPostgres() { return postgres; }

    @Override
    public String jdbcUrl() { return jdbcUrl; }

    @Override
    public String user() { return user; }

    @Override
    public String password() { return password; }

    @Override
    public String toString() {
        return description;
    }
}
