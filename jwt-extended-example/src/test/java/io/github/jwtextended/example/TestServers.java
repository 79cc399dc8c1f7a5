package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Starting real servers for tests: port 0 on 127.0.0.1, settings from a map, never the real environment. */
public final class TestServers {
    private TestServers() {
    }

    public static Map<String, String> baseEnv(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.put("DEMO_USERS", "true");
        return env;
    }

    public static Server start(Map<String, String> env) {
        Server s = new Server(ServerSettings.from(env));
        s.start();
        return s;
    }

    /** A started server as the shared {@link FlowContract} drives it. */
    static FlowContract.RunningServer running(Map<String, String> env) {
        Server s = start(env);
        return new FlowContract.RunningServer() {
            @Override
            public int port() {
                return s.port();
            }

            @Override
            public void closeDatabase() {
                s.database().close();
            }

            @Override
            public void stop() {
                s.stop();
            }
        };
    }

    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
