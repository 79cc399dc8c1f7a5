package io.github.jwtextended.example;

import io.github.jwtextended.example.secret.SecretKeyFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretKeyFileTest {
    final Path dir = TestServers.tempDir("jwt-example-key");

    @AfterEach
    void clean() {
        TestServers.delete(dir);
    }

    @Test
    void createdOnceOwnerOnlyThenReused() throws Exception {
        SecretKeyFile.Loaded first = SecretKeyFile.loadOrCreate(dir.resolve("data"));
        assertThat(first.created()).isTrue();
        assertThat(first.key()).matches("[0-9a-f]{128}");
        Path file = dir.resolve("data").resolve("jwt-secret.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(SecretKeyFile.readableByOthers(file)).isFalse();
        try (var files = Files.list(dir.resolve("data"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("jwt-secret.key");
        }
        SecretKeyFile.Loaded second = SecretKeyFile.loadOrCreate(dir.resolve("data"));
        assertThat(second.created()).isFalse();
        assertThat(second.key()).isEqualTo(first.key());
        assertThat(second.toString()).doesNotContain(first.key());
        assertThat(SecretKeyFile.loadOrCreate(dir.resolve("other")).key()).isNotEqualTo(first.key());
    }

    @Test
    void concurrentStartsAgreeOnOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> SecretKeyFile.loadOrCreate(dir).key());
            }
            Set<String> keys = new HashSet<>();
            for (Future<String> f : pool.invokeAll(tasks)) {
                keys.add(f.get());
            }
            assertThat(keys).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDamagedFileStopsTheStartWithoutShowingIt() throws Exception {
        Files.writeString(dir.resolve("jwt-secret.key"), "not-a-key-hunter2");
        assertThatThrownBy(() -> SecretKeyFile.loadOrCreate(dir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("does not hold a generated key").hasMessageNotContaining("hunter2");
        Server s = new Server(ServerSettings.from(TestServers.baseEnv(dir)));
        assertThatThrownBy(s::start).isInstanceOf(SettingsException.class).hasMessageContaining("jwt-secret.key does not hold");
    }

    @Test
    void aGivenSecretCreatesNoFile() {
        var env = TestServers.baseEnv(dir);
        env.put("JWT_SECRET_KEY", "given-secret-key-that-is-long-enough-0123456789");
        Server s = TestServers.start(env);
        try {
            assertThat(Files.exists(dir.resolve("jwt-secret.key"))).isFalse();
        } finally {
            s.stop();
        }
    }
}
