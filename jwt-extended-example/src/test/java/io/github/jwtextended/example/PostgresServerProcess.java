package io.github.jwtextended.example;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, never the machine's shared one: {@code initdb} into a
 * temporary folder, trust authentication, listening on a free loopback port, started and stopped
 * with {@code pg_ctl} on the same port and data folder as often as the test likes (a fast
 * shutdown, or {@code immediate}: a crash, recovered from the write-ahead log at the next start).
 * The programs are the newest {@code /usr/lib/postgresql/N/bin}; when they are missing the test is
 * skipped, or fails with {@code -Djwt.requireServices=true}. Run as root (as in CI), the programs
 * run as the {@code postgres} user through {@code runuser}, since {@code initdb} refuses root; the
 * folder is then that user's. {@link #close()} stops the server and deletes the folder, as does a
 * shutdown hook if the JVM ends first.
 *
 * <p>Thread safety: not thread safe; one test class drives it.
 */
public final class PostgresServerProcess implements AutoCloseable {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final long COMMAND_TIMEOUT_SECONDS = 60;

    /** How {@link #stop} shuts the server down ({@code pg_ctl -m}). */
    public enum Shutdown {
        /** Clients disconnected, transactions rolled back, a checkpoint written. */
        FAST,
        /** Every process killed at once, as in a crash: the next start replays the write-ahead log. */
        IMMEDIATE
    }

    private final Path bin;
    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread cleanUp = new Thread(this::stopQuietly, "postgres-test-server-stop");
    private boolean running;

    /** Initialises a data folder and starts the server on it. */
    public PostgresServerProcess() throws IOException, InterruptedException {
        bin = binaries();
        asPostgresUser = "root".equals(System.getProperty("user.name"));
        dir = Files.createTempDirectory("jwt-postgres-");
        data = dir.resolve("data");
        port = freePort();
        try {
            if (asPostgresUser) {
                UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dir, users.lookupPrincipalByName("postgres"));
            }
            run("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale",
                    "--no-instructions", "-N");
            String settings = String.join("\n", "", "port = " + port, "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + dir + "'", "shared_buffers = 16MB", "max_connections = 60",
                    "fsync = on", "synchronous_commit = on", "");
            // appended: the file keeps its owner
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Runtime.getRuntime().addShutdownHook(cleanUp);
            start();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The newest installed PostgreSQL's programs, or the test skipped (failed when services are required). */
    private static Path binaries() {
        Path found = null;
        if (Files.isDirectory(VERSIONS)) {
            try (Stream<Path> versions = Files.list(VERSIONS)) {
                found = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.comparingInt(b -> versionOf(b.getParent())))
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found == null) {
            String msg = "PostgreSQL's initdb and pg_ctl (package postgresql, " + VERSIONS + "/N/bin) are not installed";
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError(msg + " but jwt.requireServices=true");
            }
            Assumptions.abort(msg + ": test skipped");
        }
        return found;
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of {@code database} on this server, as user postgres. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Creates a database (on the running server). */
    public void createDatabase(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** Starts the server (same port, same data) and returns once it accepts connections. */
    public void start() throws IOException, InterruptedException {
        run("pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "30", "start");
        running = true;
    }

    /** Starts the server unless it runs. */
    public void ensureRunning() throws IOException, InterruptedException {
        if (!running) {
            start();
        }
    }

    /** Stops the server and returns once it has. */
    public void stop(Shutdown mode) throws IOException, InterruptedException {
        running = false;
        run("pg_ctl", "-D", data.toString(), "-m", mode.name().toLowerCase(Locale.ROOT), "-w", "-t", "30", "stop");
    }

    private void run(String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("jwt-postgres-command", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(program + " " + String.join(" ", args) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out) + serverLogTail());
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String serverLogTail() throws IOException {
        Path log = dir.resolve("server.log");
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return "\nserver log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private void stopQuietly() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                stop(Shutdown.IMMEDIATE);
            } catch (IOException | RuntimeException e) {
                System.err.println("could not stop the test's PostgreSQL on port " + port + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops the server (at once) and deletes its folder. */
    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the JVM is shutting down, or the hook was never added
        }
        TestServers.delete(dir);
    }
}
