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
 * can kill and start again (same port; with {@code persistent} an append-only file in a temporary
 * folder, synced on every write, so a restart keeps the data).
 *
 * <p>Thread safety: not thread safe; one test drives it.
 */
public final class RedisServerProcess implements AutoCloseable {
    private final int port;
    private final boolean persistent;
    private final Path dir;
    private Process process;

    public RedisServerProcess(boolean persistent) throws IOException {
        this.port = freePort();
        this.persistent = persistent;
        this.dir = Files.createTempDirectory("jwt-redis-test");
        start();
    }

    static String program() {
        for (String p : new String[] {"/usr/bin/redis-server", "/usr/local/bin/redis-server"}) {
            if (new File(p).canExecute()) {
                return p;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port + "/0";
    }

    /** Starts it and waits until it answers. */
    public void start() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(program(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--daemonize", "no", "--dir", dir.toString(), "--logfile", dir.resolve("redis.log").toString()));
        if (persistent) {
            cmd.addAll(List.of("--appendonly", "yes", "--appendfsync", "always"));
        } else {
            cmd.addAll(List.of("--appendonly", "no"));
        }
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

    @Override
    public void close() throws Exception {
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
