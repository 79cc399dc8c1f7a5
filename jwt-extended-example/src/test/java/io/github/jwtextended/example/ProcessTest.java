package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as its own process ({@code java ... Main}, as {@code java -jar} runs it), with only
 * the settings given here: what it prints at start, per request and at SIGTERM, and what it must
 * never print.
 */
class ProcessTest {
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) \\(data folder: (.+), database: SQLite .+\\)");
    final Path dir = TestServers.tempDir("jwt-example-process");
    Process process;

    @AfterEach
    void clean() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TestServers.delete(dir);
    }

    /** Output goes to files: Process.destroy() closes the pipes, which would lose what the shutdown hook prints. */
    Process launch(Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("JWT_") || k.equals("SECRET_KEY") || k.startsWith("DATABASE_")
                || k.equals("HOST") || k.equals("PORT") || k.equals("DATA_DIR") || k.equals("DEMO_USERS"));
        pb.environment().putAll(settings);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    List<String> stdout() throws IOException {
        return Files.readAllLines(dir.resolve("stdout.txt"));
    }

    List<String> stderr() throws IOException {
        return Files.readAllLines(dir.resolve("stderr.txt"));
    }

    String output() throws IOException {
        return String.join("\n", stdout()) + "\n" + String.join("\n", stderr());
    }

    @Test
    void startsServesLogsSafelyAndStopsOnSigterm() throws Exception {
        Path data = dir.resolve("data");
        process = launch(Map.of("PORT", "0", "DATA_DIR", data.toString(), "DEMO_USERS", "true"));
        int port = -1;
        long deadline = System.currentTimeMillis() + 60_000;
        while (port < 0 && System.currentTimeMillis() < deadline && process.isAlive()) {
            for (String line : stdout()) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                    assertThat(m.group(2)).isEqualTo(data.toString());
                }
            }
            Thread.sleep(100);
        }
        assertThat(port).as("started; output: %s", output()).isPositive();

        Client c = new Client(port);
        JsonNode tokens = Client.json(c.login("testuser", "testpass"));
        String csrf = c.cookie("csrf_access_token");
        String csrfRefresh = c.cookie("csrf_refresh_token");
        assertThat(c.get("/protected").statusCode()).isEqualTo(200);
        assertThat(c.post("/refresh", null, "X-CSRF-TOKEN", csrfRefresh).statusCode()).isEqualTo(200);
        String refreshedCsrf = c.cookie("csrf_access_token");
        assertThat(c.post("/logout", null, "X-CSRF-TOKEN", refreshedCsrf).statusCode()).isEqualTo(200);
        c.get("/protected?jwt=" + tokens.get("access_token").asText());
        c.login("testuser", "not-the-password");

        long t0 = System.nanoTime();
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        System.out.println("SIGTERM to exit: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(process.exitValue()).isIn(0, 143);
        String all = output();

        assertThat(all).contains("created a new random signing key in " + data.resolve("jwt-secret.key"));
        assertThat(all).contains("POST /login 200").contains("user=testuser");
        assertThat(all).containsPattern("GET /protected 200 [0-9.]+ms user=testuser");
        assertThat(all).containsPattern("POST /refresh 200 [0-9.]+ms user=testuser");
        assertThat(all).containsPattern("POST /logout 200 [0-9.]+ms user=testuser");
        assertThat(all).containsPattern("POST /login 401 [0-9.]+ms\\n");
        assertThat(all).contains("jwt-extended-example stopped");

        String key = Files.readString(data.resolve("jwt-secret.key")).trim();
        assertThat(all).doesNotContain(key)
                .doesNotContain(tokens.get("access_token").asText())
                .doesNotContain(tokens.get("refresh_token").asText())
                .doesNotContain(tokens.get("access_token").asText().split("\\.")[1])
                .doesNotContain(csrf).doesNotContain(csrfRefresh).doesNotContain(refreshedCsrf)
                .doesNotContain("testpass").doesNotContain("not-the-password")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /**
     * Listening on every interface with cookies not marked Secure, and the demo users still there
     * with their well-known passwords although DEMO_USERS is off: one WARN line each, no secret.
     */
    @Test
    void anUnsafeDeploymentIsWarnedAboutOnceAtStart() throws Exception {
        Path data = dir.resolve("data");
        io.github.jwtextended.example.storage.Database.createDataDir(data);
        try (var db = io.github.jwtextended.example.settings.CommonSettings.from(Map.of("DATA_DIR", data.toString())::get)
                .openDatabase()) {
            io.github.jwtextended.example.storage.DemoUsers.createIfNoUsers(
                    new io.github.jwtextended.example.storage.UserStore(db.dataSource(), java.time.Clock.systemUTC()),
                    new io.github.jwtextended.example.password.PasswordHasher());
        }
        String secret = "process-test-deployment-secret-0123456789abcdef";
        String metricsToken = "fakeShortMetricsToken"; // a secret too, shorter than 32 characters
        process = launch(Map.of("HOST", "0.0.0.0", "PORT", "0", "DATA_DIR", data.toString(), "JWT_SECRET_KEY", secret,
                "METRICS_TOKEN", metricsToken));
        Pattern listening = Pattern.compile("listening on http://0\\.0\\.0\\.0:(\\d+)");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!listening.matcher(output()).find() && System.currentTimeMillis() < deadline && process.isAlive()) {
            Thread.sleep(100);
        }
        assertThat(output()).as("started").containsPattern(listening);
        List<String> warnings = stdout().stream().filter(l -> l.contains("[WARN]")).toList();
        assertThat(warnings).as(output()).hasSize(3);
        assertThat(warnings).anySatisfy(l -> assertThat(l).contains("HOST 0.0.0.0 is reachable from other machines but"
                + " JWT_COOKIE_SECURE is off"));
        assertThat(warnings).anySatisfy(l -> assertThat(l).contains("DEMO_USERS is off but the demo users testuser and admin"
                + " still have their well-known passwords"));
        assertThat(warnings).anySatisfy(l -> assertThat(l).contains("METRICS_TOKEN is shorter than 32 characters"));
        assertThat(output()).doesNotContain("testpass").doesNotContain("adminpass").doesNotContain(secret).doesNotContain(metricsToken);
    }

    @Test
    void anInvalidSettingIsOneLineAndExitCode2() throws Exception {
        process = launch(Map.of("DATA_DIR", dir.resolve("data").toString(), "JWT_COOKIE_SECURE", "perhaps"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(stderr()).containsExactly("jwt-extended-example: invalid setting: JWT_COOKIE_SECURE must be true or false");
        assertThat(stdout()).isEmpty();
        assertThat(Files.exists(dir.resolve("data"))).as("nothing created").isFalse();
    }

    @Test
    void aPortInUseIsOneLineToo() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            process = launch(Map.of("DATA_DIR", dir.resolve("data").toString(), "PORT", String.valueOf(taken.getLocalPort())));
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(2);
            assertThat(stderr()).containsExactly("jwt-extended-example: invalid setting: PORT " + taken.getLocalPort()
                    + " on HOST 127.0.0.1 cannot be used (already in use, or not an address of this machine)");
            assertThat(output()).doesNotContain("ERROR").doesNotContain("stopped").doesNotContain("Exception");
        }
    }
}
