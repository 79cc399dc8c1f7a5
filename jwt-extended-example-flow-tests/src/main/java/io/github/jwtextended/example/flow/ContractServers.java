package io.github.jwtextended.example.flow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The servers a contract's test starts, each on a fresh temporary data folder (or one made before,
 * for another instance on the same database), with the demo users and the test's settings; after
 * the test {@link #stopAll} stops them and deletes the folders.
 *
 * <p>Thread safety: not thread safe; JUnit runs one test at a time per contract instance.
 */
final class ContractServers {
    private final String dirPrefix;
    private final Function<Map<String, String>, FlowContract.RunningServer> starter;
    private final List<FlowContract.RunningServer> servers = new ArrayList<>();
    private final List<Path> dirs = new ArrayList<>();

    /** Folders are named {@code dirPrefix...}; {@code starter} starts the kind of server under test. */
    ContractServers(String dirPrefix, Function<Map<String, String>, FlowContract.RunningServer> starter) {
        this.dirPrefix = Objects.requireNonNull(dirPrefix, "dirPrefix");
        this.starter = Objects.requireNonNull(starter, "starter");
    }

    /** A new empty data folder, deleted by {@link #stopAll}. */
    Path newDataDir() {
        try {
            Path dir = Files.createTempDirectory(dirPrefix);
            dirs.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The data folders made so far, oldest first. */
    List<Path> dataDirs() {
        return Collections.unmodifiableList(dirs);
    }

    /** Starts a server on {@code dir} with the demo users and these settings (name, value, ...). */
    FlowContract.RunningServer startOn(Path dir, String... settings) {
        Map<String, String> env = FlowContract.baseEnv(dir);
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        FlowContract.RunningServer s = starter.apply(env);
        servers.add(s);
        return s;
    }

    /** Stops every server started and deletes every data folder made. */
    void stopAll() {
        servers.forEach(FlowContract.RunningServer::stop);
        servers.clear();
        for (Path dir : dirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        dirs.clear();
    }
}
