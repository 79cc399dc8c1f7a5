package io.github.jwtextended.spring.sample;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.LogLeaks;
import io.github.jwtextended.example.flow.RawFraming;
import io.github.jwtextended.example.flow.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
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
 * serves, never prints a token or a generated Spring Security password, and stops on SIGTERM; a hostile run (forged, tampered and revoked
 * tokens in every location, CSRF failures, wrong passwords, unreadable and oversized bodies, and
 * raw-socket framing cases) leaves no token, secret, password, stack trace or exception name in
 * its log.
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
        String secret = "sample-deployment-secret-not-real-0123456789abcdef";
        String metricsToken = "fakeShortMetricsToken"; // a secret too, shorter than 32 characters
        Process p = launch(Map.of("HOST", "0.0.0.0", "PORT", "0", "DATA_DIR", data.toString(), "JWT_SECRET_KEY", secret,
                "METRICS_TOKEN", metricsToken));
        try {
            awaitPort(p);
            long deadline = System.currentTimeMillis() + 30_000;
            while (!stdout().contains("JWT_COOKIE_SECURE is off") && System.currentTimeMillis() < deadline) {
                Thread.sleep(100); // the check runs once the application is ready, just after Tomcat started
            }
            String all = stdout() + stderr();
            java.util.List<String> warnings = all.lines().filter(l -> l.contains(" WARN ")).toList();
            assertThat(warnings).as(all).hasSize(3);
            assertThat(warnings).anySatisfy(l -> assertThat(l).contains("HOST 0.0.0.0 is reachable from other machines but"
                    + " JWT_COOKIE_SECURE is off"));
            assertThat(warnings).anySatisfy(l -> assertThat(l).contains("DEMO_USERS is off but the demo users testuser and admin"
                    + " still have their well-known passwords"));
            assertThat(warnings).anySatisfy(l -> assertThat(l).contains("METRICS_TOKEN is shorter than 32 characters"));
            assertThat(all).doesNotContain("testpass").doesNotContain("adminpass").doesNotContain(secret).doesNotContain(metricsToken);
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
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
    void aHostileRunLeavesNothingSecretInTheLog() throws Exception {
        String secret = "sample-hostile-log-secret-not-real-0123456789abcdef";
        Process p = launch(Map.of("PORT", "0", "DATA_DIR", dir.resolve("data").toString(), "DEMO_USERS", "true",
                "JWT_SECRET_KEY", secret, "JWT_TOKEN_LOCATION", "headers,cookies,query_string"));
        java.util.Set<String> kept = new java.util.LinkedHashSet<>(java.util.List.of(secret, "testpass", "adminpass"));
        try {
            int port = awaitPort(p);
            Client browser = new Client(port);
            Client api = new Client(port, false);
            JsonNode first = Client.json(browser.login("testuser", "testpass"));
            String access = first.get("access_token").asText();
            String refresh = first.get("refresh_token").asText();
            String csrf = browser.cookie("csrf_access_token");
            kept.addAll(java.util.List.of(access, refresh, csrf, browser.cookie("csrf_refresh_token")));
            String[] parts = access.split("\\.");
            String tampered = parts[0] + "." + parts[1] + "x." + parts[2];
            String wrongKey = io.github.jwtextended.JwtManager.builder(io.github.jwtextended.config.JwtConfig.builder()
                    .keys(k -> k.withSecret("an-attacker-guess-of-the-secret-0123456789abcdefghij")).build()).build().createAccessToken("admin");
            kept.addAll(java.util.List.of(tampered, wrongKey));
            for (String t : java.util.List.of(tampered, wrongKey, refresh, "a.b.c", "x")) {
                api.get("/protected", "Authorization", "Bearer " + t);
                api.get("/protected", "Cookie", "access_token_cookie=" + t);
                api.get("/protected?jwt=" + t);
                api.post("/refresh", null, "Authorization", "Bearer " + t);
            }
            browser.post("/protected", null); // no CSRF header
            browser.post("/protected", null, "X-CSRF-TOKEN", "wrong-" + csrf);
            String typedPassword = "Pw-typed-into-a-bad-body-0123";
            kept.add(typedPassword);
            api.login("testuser", typedPassword);
            api.post("/login", "{\"username\": \"testuser\", \"password\": \"" + typedPassword);
            api.post("/login", "{\"username\": \"" + "a".repeat(70_000) + "\", \"password\": \"" + typedPassword + "\"}");
            RawFraming framing = new RawFraming(20_261_130L, "127.0.0.1:" + port, access, csrf);
            for (int i = 0; i < 400; i++) {
                RawFraming.Case c = framing.next();
                if (!c.target().equals("/login")) {
                    RawHttp.exchange(port, c.bytes());
                }
            }
            RawHttp.exchange(port, ("POST /protected HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nAuthorization: Bearer "
                    + access + "\r\n\r\nzz\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(api.post("/logout", null, "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
            assertThat(api.get("/protected", "Authorization", "Bearer " + access).statusCode()).isEqualTo(401);
            HttpResponse<String> rotated = api.post("/refresh", null, "Authorization", "Bearer " + refresh);
            if (rotated.statusCode() == 200) {
                kept.add(Client.json(rotated).get("access_token").asText());
                kept.add(Client.json(rotated).get("refresh_token").asText());
            }
            api.post("/refresh", null, "Authorization", "Bearer " + refresh); // reuse

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String log = stdout() + "\n" + stderr();
            LogLeaks.assertNoSecretIn(log, kept);
            for (String forbidden : java.util.List.of("Exception", "Caused by", "\tat ", ".java:", "-----BEGIN", "eyJ", "<html")) {
                assertThat(log).as("the log holds no '%s'", forbidden).doesNotContain(forbidden);
            }
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private int awaitPort(Process p) throws Exception {
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
        return port;
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        Process p = launch(Map.of("PORT", "0", "DATA_DIR", dir.resolve("data").toString(), "DEMO_USERS", "true"));
        try {
            int port = awaitPort(p);
            Client c = new Client(port, false);
            JsonNode tokens = Client.json(c.login("admin", "adminpass"));
            String access = tokens.get("access_token").asText();
            HttpResponse<String> admin = c.get("/admin", "Authorization", "Bearer " + access);
            assertThat(admin.body()).isEqualTo("{\"logged_in_as\":\"admin\"}");
            assertThat(admin.headers().allValues("Set-Cookie")).as("no session").isEmpty();
            assertThat(Files.exists(dir.resolve("data").resolve("jwt-secret.key"))).isTrue();
            assertThat(Files.exists(dir.resolve("data").resolve("jwt-extended.db"))).isTrue();

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            String all = stdout() + stderr();
            assertThat(all).doesNotContain(access).doesNotContain(tokens.get("refresh_token").asText())
                    .doesNotContain("adminpass").doesNotContain(Files.readString(dir.resolve("data").resolve("jwt-secret.key")).strip());
            assertThat(all).as("Spring Security runs without a user of its own").doesNotContain("Using generated security password");
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
