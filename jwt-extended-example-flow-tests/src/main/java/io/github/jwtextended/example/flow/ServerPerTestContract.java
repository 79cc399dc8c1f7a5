package io.github.jwtextended.example.flow;

import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A contract whose every test starts its own servers of the kind under test ({@link #start}), each
 * with the demo users and the test's settings on a fresh temporary data folder (or one made before,
 * for another instance on the same database); after the test they are stopped and the folders
 * deleted. A subclass of the contract says which server.
 *
 * <p>Thread safety: not thread safe; JUnit runs one test at a time per instance.
 */
public abstract class ServerPerTestContract {
    private final String dataDirPrefix;
    private final List<FlowContract.RunningServer> servers = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();
    /** The port of the server started last. */
    protected int port;

    /** Data folders are named {@code dataDirPrefix...}. */
    protected ServerPerTestContract(String dataDirPrefix) {
        this.dataDirPrefix = Objects.requireNonNull(dataDirPrefix, "dataDirPrefix");
    }

    /** Starts a server of the kind under test with these environment-style settings. */
    protected abstract FlowContract.RunningServer start(Map<String, String> env);

    /**
     * Starts a server with the demo users and these settings (name, value, ...) on a fresh data
     * folder; {@link #port} is its port. Returns a client of it without cookies.
     */
    protected Client serve(String... settings) {
        return serveOn(newDataDir(), settings);
    }

    /** {@link #serve} on the data folder {@code dir} (made by an earlier {@link #serve}): another instance on the same database. */
    protected Client serveOn(Path dir, String... settings) {
        Map<String, String> env = FlowContract.baseEnv(dir);
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        FlowContract.RunningServer s = start(env);
        servers.add(s);
        port = s.port();
        return new Client(port, false);
    }

    /** The server started last (to close its database, as an outage would). */
    protected FlowContract.RunningServer lastServer() {
        return servers.get(servers.size() - 1);
    }

    /** The data folder of the test's first {@link #serve}. */
    protected Path firstDataDir() {
        return dataDirs.get(0);
    }

    /** Stops every server the test started and deletes every data folder it made. */
    @AfterEach
    public void stopServers() {
        servers.forEach(FlowContract.RunningServer::stop);
        servers.clear();
        for (Path dir : dataDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        dataDirs.clear();
    }

    private Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory(dataDirPrefix);
            dataDirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
