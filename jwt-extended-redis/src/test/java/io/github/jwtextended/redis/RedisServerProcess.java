package io.github.jwtextended.redis;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the test's own, on a free port of 127.0.0.1, as a child process that the test
 * can kill, pause and start again (same port; with {@code persistent} an append-only file in a
 * temporary folder, synced on every write, so a restart keeps the data). Extra arguments make it a
 * replica or a TLS server; {@link #sentinel} starts a Sentinel from a configuration file.
 *
 * <p>Thread safety: not thread safe; one test drives it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final boolean persistent;
    private final Path dir;
    private final List<String> extraArgs;
    private final List<String> sentinelConfig;
    private Process process;

    public RedisServerProcess(boolean persistent) throws IOException {
        this(persistent, List.of(), null);
    }

    /** A server with more command-line arguments (e.g. {@code --replicaof 127.0.0.1 6379}). */
    public RedisServerProcess(boolean persistent, List<String> extraArgs) throws IOException {
        this(persistent, extraArgs, null);
    }

    private RedisServerProcess(boolean persistent, List<String> extraArgs, List<String> sentinelConfig) throws IOException {
        this.port = freePort();
        this.persistent = persistent;
        this.dir = Files.createTempDirectory("jwt-redis-test");
        this.extraArgs = List.copyOf(extraArgs);
        this.sentinelConfig = sentinelConfig == null ? null : List.copyOf(sentinelConfig);
        start();
    }

    /** A Sentinel with these configuration lines (it rewrites its file, so each has its own). */
    public static RedisServerProcess sentinel(List<String> config) throws IOException {
        return new RedisServerProcess(false, List.of(), config);
    }

    static String program() {
        for (String p : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    /** The temporary folder of this server (its log, configuration and data). */
    public Path dir() {
        return dir;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts it and waits until it answers. */
    public void start() throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(program());
        if (sentinelConfig != null) {
            Path conf = dir.resolve("sentinel.conf");
            if (!Files.exists(conf)) {
                Files.write(conf, sentinelConfig);
            }
            cmd.addAll(List.of(conf.toString(), "--sentinel"));
        }
        cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--daemonize", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
        if (sentinelConfig == null) {
            // A replica gets its first copy at once (the default waits 5 s for more replicas to share it).
            cmd.addAll(List.of("--save", "", "--repl-diskless-sync-delay", "0"));
            if (persistent) {
                cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
            } else {
                cmd.addAll(List.of("--appendonly", "no"));
            }
        }
        cmd.addAll(extraArgs);
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (RedisTestSupport.ping("127.0.0.1", port, false) != null) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("redis-server did not start on port " + port);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    /** Kills it (SIGKILL) and waits for the end. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            process = null;
        }
    }

    /** Whether the process runs (started and not killed). */
    public boolean running() {
        return process != null && process.isAlive();
    }

    /** Stops the process (SIGSTOP): it holds its connections and answers nothing, like a hung host. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a {@linkplain #pause paused} process run again (SIGCONT). */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String which) throws IOException, InterruptedException {
        if (process == null) {
            throw new IllegalStateException("not running");
        }
        Process kill = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + which + " failed");
        }
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            try {
                resume(); // a paused process dies on SIGKILL too, but its sockets go at once this way
            } catch (IOException | RuntimeException ignored) {
                // killing anyway
            }
        }
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
