package io.github.jwtextended.spring.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.example.flow.Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as its own process ({@code java ... SampleApplication}, as {@code java -jar} runs it),
 * with only the settings given here: a bad setting is one line and exit code 2; a good start
 * serves, never prints a token, and stops on SIGTERM.
 */
class SampleProcessTest {
    private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path dir;

    private Process launch(Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SampleApplication.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("JWT_") || k.equals("SECRET_KEY") || k.startsWith("DATABASE_")
                || k.startsWith("REDIS") || k.equals("HOST") || k.equals("PORT") || k.equals("DATA_DIR") || k.equals("DEMO_USERS"));
        pb.environment().putAll(settings);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    private String stdout() throws IOException {
        return Files.readString(dir.resolve("stdout.txt"));
    }

    private String stderr() throws IOException {
        return Files.readString(dir.resolve("stderr.txt"));
    }

    @Test
    void aBadSettingIsOneLineAndExitCode2() throws Exception {
        Process p = launch(Map.of("PORT", "http", "DATA_DIR", dir.resolve("data").toString()));
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(stderr().strip()).isEqualTo("jwt-extended-spring-boot-sample: invalid setting: PORT must be a whole number between 0 and 65535");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void aBadJwtSettingIsReportedWithoutAStackTrace() throws Exception {
        Process p = launch(Map.of("PORT", "0", "DATA_DIR", dir.resolve("data").toString(), "JWT_COOKIE_SECURE", "maybe",
                "JWT_SECRET_KEY", "process-test-secret-key-long-enough-0123456789"));
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        String all = stdout() + stderr();
        assertThat(all).contains("APPLICATION FAILED TO START").contains("jwt-extended: JWT_COOKIE_SECURE must be true or false")
                .doesNotContain("\tat ").doesNotContain("process-test-secret-key");
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        Process p = launch(Map.of("PORT", "0", "DATA_DIR", dir.resolve("data").toString(), "DEMO_USERS", "true"));
        try {
            int port = -1;
            long deadline = System.currentTimeMillis() + 120_000;
            while (port < 0 && System.currentTimeMillis() < deadline && p.isAlive()) {
                Matcher m = STARTED.matcher(stdout());
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
                Thread.sleep(200);
            }
            assertThat(port).as("started; output: %s %s", stdout(), stderr()).isPositive();
            Client c = new Client(port, false);
            JsonNode tokens = Client.json(c.login("admin", "adminpass"));
            String access = tokens.get("access_token").asText();
            assertThat(c.get("/admin", "Authorization", "Bearer " + access).body()).isEqualTo("{\"logged_in_as\":\"admin\"}");
            assertThat(Files.exists(dir.resolve("data").resolve("jwt-secret.key"))).isTrue();
            assertThat(Files.exists(dir.resolve("data").resolve("jwt-extended.db"))).isTrue();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            String all = stdout() + stderr();
            assertThat(all).doesNotContain(access).doesNotContain(tokens.get("refresh_token").asText())
                    .doesNotContain("adminpass").doesNotContain(Files.readString(dir.resolve("data").resolve("jwt-secret.key")).strip());
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
