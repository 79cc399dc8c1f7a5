package io.github.jwtextended.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.LogLeaks;
import io.github.jwtextended.example.flow.RawFraming;
import io.github.jwtextended.example.flow.RawHttp;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as its own process with its whole output captured (standard output and error, as
 * {@code java -jar} would print them), driven through a hostile run: bad, forged, oversized and
 * revoked tokens, a reused refresh token, bad JSON, wrong passwords up to the login limit,
 * cross-site logins, CSRF failures, attacker-chosen identities with line breaks, and a Redis
 * outage in the middle. Afterwards the log must hold no token and no segment of one, no cookie
 * value, no signing key, no password, no stack trace and no exception or class name, and every
 * line must still be one event.
 */
class HostileRunLogTest {
    /** Clearly fake; only this test's server uses it. */
    static final String SECRET = "hostile-run-log-test-secret-not-real-0123456789abcdef";
    static final String OTHER_SECRET = "an-attacker-guess-of-the-secret-0123456789abcdefghij";
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+) ");
    static final SecureRandom RANDOM = new SecureRandom();

    final Path dir = TestServers.tempDir("jwt-example-hostile-log");
    Process process;
    int port;
    /** Everything that must never reach the log. */
    final Set<String> secrets = new LinkedHashSet<>();

    @AfterEach
    void clean() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        TestServers.delete(dir);
    }

    Process launch(Map<String, String> settings) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName());
        pb.environment().keySet().removeIf(k -> k.startsWith("JWT_") || k.equals("SECRET_KEY") || k.startsWith("DATABASE_")
                || k.startsWith("REDIS") || k.startsWith("LOGIN_") || k.startsWith("REVOCATION_") || k.equals("HOST")
                || k.equals("PORT") || k.equals("DATA_DIR") || k.equals("DEMO_USERS"));
        pb.environment().putAll(settings);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.redirectOutput(dir.resolve("stdout.txt").toFile());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        return pb.start();
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("stdout.txt")) + "\n" + Files.readString(dir.resolve("stderr.txt"));
    }

    /** A token, kept for the leak check. */
    String keep(String token) {
        secrets.add(token);
        return token;
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void aHostileRunLeavesNothingSecretInTheLog() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (RedisServerProcess redis = new RedisServerProcess(false)) {
            Path data = dir.resolve("data");
            process = launch(Map.of("PORT", "0", "DATA_DIR", data.toString(), "DEMO_USERS", "true", "JWT_SECRET_KEY", SECRET,
                    "REDIS_URL", redis.url(), "REVOCATION_NEAR_CACHE", "false",
                    "REFRESH_REUSE_GRACE_SECONDS", "0")); // strict reuse detection: a second use at once is reuse
            waitForStart();
            secrets.add(SECRET);
            secrets.add(OTHER_SECRET);
            secrets.addAll(List.of("testpass", "adminpass"));

            Client browser = new Client(port);
            Client api = new Client(port, false);
            hostileRun(browser, api, redis);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        String log = log();
        assertTheRunWasLogged(log);
        assertNothingLeaked(log);
    }

    void waitForStart() throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (port <= 0 && System.currentTimeMillis() < deadline && process.isAlive()) {
            Matcher m = LISTENING.matcher(log());
            if (m.find()) {
                port = Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        assertThat(port).as("started; output: %s", log()).isPositive();
    }

    void hostileRun(Client browser, Client api, RedisServerProcess redis) throws Exception {
        // Logins that work: a cookie client and a header client.
        JsonNode first = Client.json(browser.login("testuser", "testpass"));
        keep(first.get("access_token").asText());
        keep(first.get("refresh_token").asText());
        String csrfAccess = keep(browser.cookie("csrf_access_token"));
        String csrfRefresh = keep(browser.cookie("csrf_refresh_token"));
        JsonNode admin = Client.json(api.login("admin", "adminpass"));
        String adminAccess = keep(admin.get("access_token").asText());
        String adminRefresh = keep(admin.get("refresh_token").asText());
        assertThat(browser.get("/protected").statusCode()).isEqualTo(200);
        assertThat(api.get("/admin", "Authorization", bearer(adminAccess)).statusCode()).isEqualTo(200);

        // Bad and forged tokens, in the header, in cookies and in the query string.
        long now = System.currentTimeMillis() / 1000;
        String claims = "{\"sub\":\"admin\",\"type\":\"access\",\"fresh\":true,\"jti\":\"" + random(16) + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 600) + ",\"roles\":[\"admin\"]}";
        String otherKey = keep(Forge.hs256(OTHER_SECRET.getBytes(StandardCharsets.UTF_8), claims));
        String none = keep(Forge.b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + Forge.b64(claims) + ".");
        String[] parts = adminAccess.split("\\.");
        String tampered = keep(parts[0] + "." + Forge.b64(claims) + "." + parts[2]);
        String badKid = keep(Forge.sign("HS256", OTHER_SECRET.getBytes(StandardCharsets.UTF_8),
                "{\"alg\":\"HS256\",\"kid\":\"../../etc/passwd\\r\\n2026 [INFO] forged line " + random(12) + "\"}", claims));
        String garbage = keep(random(24) + "." + random(600) + "." + random(32));
        String huge = keep(random(2000) + "." + random(3000) + "." + random(32));
        String expired = keep(Forge.hs256(SECRET.getBytes(StandardCharsets.UTF_8), "{\"sub\":\"testuser\",\"type\":\"access\",\"exp\":"
                + (now - 60) + "}"));
        String deep = keep(Forge.hs256(SECRET.getBytes(StandardCharsets.UTF_8), "{\"sub\":\"x\",\"a\":" + "[".repeat(1500) + "]".repeat(1500) + "}"));
        assertThat(api.get("/protected", "Authorization", bearer(adminRefresh)).statusCode()).as("refresh as access").isEqualTo(422);
        assertThat(api.post("/refresh", null, "Authorization", bearer(adminAccess)).statusCode()).as("access as refresh").isEqualTo(422);
        for (String t : List.of(otherKey, none, tampered, badKid, garbage, huge, expired, deep, "x.y", "a.b.c",
                keep("eyJ" + random(40) + ".eyJ" + random(40) + "." + random(20)))) {
            int s = api.get("/protected", "Authorization", bearer(t)).statusCode();
            assertThat(s).as(t.length() > 60 ? t.substring(0, 60) : t).isIn(401, 422);
            assertThat(api.get("/protected", "Cookie", "access_token_cookie=" + t).statusCode()).isIn(401, 422);
            assertThat(api.post("/refresh", null, "Authorization", bearer(t)).statusCode()).isIn(401, 422);
            assertThat(api.get("/protected?jwt=" + t, "Authorization", "Bearer " + t + " extra").statusCode()).isIn(401, 414, 422, 431);
        }
        // Identities chosen by someone holding a valid token (the key leaked to a tester): escaped in the log.
        String crlfUser = keep(Forge.hs256(SECRET.getBytes(StandardCharsets.UTF_8), "{\"sub\":\"eve\\r\\n2026-01-01 [INFO] requests - GET /admin 200 user=admin\",\"type\":\"access\",\"exp\":"
                + (now + 600) + "}"));
        assertThat(api.get("/protected", "Authorization", bearer(crlfUser)).statusCode()).isEqualTo(200);
        api.get("/x%0d%0a2026-01-01%20%5BINFO%5D%20forged");

        // CSRF failures with cookies.
        assertThat(browser.post("/protected", null).statusCode()).isEqualTo(401);
        assertThat(browser.post("/protected", null, "X-CSRF-TOKEN", keep(random(24))).statusCode()).isEqualTo(401);
        assertThat(browser.post("/protected", null, "X-CSRF-TOKEN", csrfRefresh).statusCode()).isEqualTo(401);

        // Oversized requests (raw sockets).
        assertThat(RawHttp.get(port, "/protected", "Authorization: Bearer " + keep(random(900_000))).status()).isEqualTo(431);
        assertThat(RawHttp.get(port, "/protected", "Cookie: access_token_cookie=" + keep(random(50_000))).status()).isEqualTo(431);
        assertThat(RawHttp.get(port, "/protected?jwt=" + keep(random(20_000))).status()).isEqualTo(414);
        byte[] body = ("{\"username\": \"testuser\", \"password\": \"" + keep(random(100_000)) + "\"}").getBytes(StandardCharsets.UTF_8);
        assertThat(RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked", RawHttp.chunked(body)).status()).isEqualTo(413);
        assertThat(RawHttp.send(port, "POST /protected HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: " + body.length, body)
                .status()).isEqualTo(413);
        assertThat(RawHttp.send(port, "GET /protected HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Length: 5", "zz\r\n".getBytes(StandardCharsets.US_ASCII)).status()).isEqualTo(400);
        assertThat(RawHttp.send(port, "GET /protected HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
                + keep(random(30)) + "\u00ff\u00fe", null).status()).isIn(400, 401, 422);

        // Hostile framing (raw sockets): every answer checked by RawFramingContract; here, what the log makes of it.
        String framedToken = keep(Client.json(api.login("testuser", "testpass")).get("access_token").asText());
        RawFraming framing = new RawFraming(20_261_129L, "127.0.0.1:" + port, framedToken, csrfAccess);
        for (int i = 0; i < 400; i++) {
            RawFraming.Case c = framing.next();
            if (!c.target().equals("/login")) { // logins would count towards the login limit tested below
                RawHttp.exchange(port, c.bytes());
            }
        }
        String hostValue = keep("host-" + random(12));
        RawHttp.exchange(port, ("GET /protected HTTP/1.1\r\nHost: x\r\nHost: " + hostValue + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        RawHttp.exchange(port, ("GET http://" + hostValue + "@x/protected HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));

        // Bad login bodies, each holding a password-like value that must not be logged.
        String pw = keep("Pw-in-bad-body-" + random(9));
        for (String b : List.of("{\"username\": \"testuser\", \"password\": \"" + pw,
                "[\"testuser\", \"" + pw + "\"]",
                "{\"username\": \"testuser\", \"password\": \"" + pw + "\", \"password\": \"" + pw + "\"}",
                "{\"username\": 1, \"password\": \"" + pw + "\"}",
                "{\"username\": \"testuser\", \"password\": \"" + pw + "\"} trailing",
                "{\"username\": " + "[".repeat(5000) + "}",
                "{\"username\": \"testuser\", \"password\": \"" + "p".repeat(2000) + pw + "\"}")) {
            assertThat(api.post("/login", b).statusCode()).as(b.length() > 100 ? b.substring(0, 100) : b).isBetween(400, 499);
        }
        assertThat(api.send(api.request("/login", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xff, (byte) 0xfe, '"', ':', '1', '}'})))
                .statusCode()).isEqualTo(400);
        assertThat(api.send(api.request("/login", "Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("username=testuser&password=" + pw))).statusCode()).isEqualTo(415);

        // Wrong passwords (one typed into the username field) up to the login limit, and cross-site logins.
        String typedIntoUsername = keep("Typed-into-username-" + random(9));
        api.login(typedIntoUsername, keep("x-" + random(9)));
        api.login("testuser", keep("wrong-password-" + random(9)));
        for (int i = 0; i < 5; i++) {
            api.login("nobody-here", keep("wrong-password-" + random(9)));
        }
        assertThat(api.login("nobody-here", "testpass").statusCode()).as("limited").isEqualTo(429);
        assertThat(api.post("/login", "{\"username\": \"admin\", \"password\": \"adminpass\"}", "Origin", "https://evil.example")
                .statusCode()).isEqualTo(403);

        // Revoked tokens: logout, then use them; reuse of a rotated refresh token revokes its family.
        assertThat(api.post("/logout", null, "Authorization", bearer(adminAccess)).statusCode()).isEqualTo(200);
        assertThat(api.get("/protected", "Authorization", bearer(adminAccess)).statusCode()).isEqualTo(401);
        assertThat(api.post("/refresh", null, "Authorization", bearer(adminRefresh)).statusCode()).as("logout ended the whole session").isEqualTo(401);
        adminRefresh = keep(Client.json(api.login("admin", "adminpass")).get("refresh_token").asText());
        HttpResponse<String> rotated = api.post("/refresh", null, "Authorization", bearer(adminRefresh));
        assertThat(rotated.statusCode()).isEqualTo(200);
        keep(Client.json(rotated).get("access_token").asText());
        String newRefresh = keep(Client.json(rotated).get("refresh_token").asText());
        assertThat(api.post("/refresh", null, "Authorization", bearer(adminRefresh)).statusCode()).as("reuse").isEqualTo(401);
        assertThat(api.post("/refresh", null, "Authorization", bearer(newRefresh)).statusCode()).as("family revoked").isEqualTo(401);
        HttpResponse<String> refreshed = browser.post("/refresh", null, "X-CSRF-TOKEN", csrfRefresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        keep(Client.json(refreshed).get("access_token").asText());
        keep(Client.json(refreshed).get("refresh_token").asText());
        keep(browser.cookie("csrf_access_token"));
        keep(browser.cookie("csrf_refresh_token"));
        keep(browser.cookie("access_token_cookie"));
        keep(browser.cookie("refresh_token_cookie"));

        // The revocation store goes away: 503 (fail closed), logout does not claim success; then it is back.
        String stillValid = keep(Client.json(api.login("admin", "adminpass")).get("access_token").asText());
        redis.kill();
        assertThat(api.get("/protected", "Authorization", bearer(stillValid)).statusCode()).isEqualTo(503);
        assertThat(api.post("/logout", null, "Authorization", bearer(stillValid)).statusCode()).isEqualTo(503);
        assertThat(browser.get("/protected").statusCode()).isEqualTo(503);
        assertThat(api.get("/healthz").statusCode()).isEqualTo(503);
        redis.start();
        long deadline = System.currentTimeMillis() + 15_000;
        int status = 0;
        while (System.currentTimeMillis() < deadline && (status = api.get("/protected", "Authorization", bearer(stillValid)).statusCode()) != 200) {
            Thread.sleep(100);
        }
        assertThat(status).as("recovers when Redis is back").isEqualTo(200);
        assertThat(browser.get("/protected").statusCode()).isEqualTo(200);
        assertThat(csrfAccess).isNotNull();
    }

    static void assertTheRunWasLogged(String log) {
        assertThat(log).contains("POST /login 200").contains("POST /login 401").contains("POST /login 429")
                .contains("POST /login 403").contains("POST /login 413").contains("GET /protected 422")
                .contains("GET /protected 503").contains("POST /refresh 401");
        assertThat(log).as("the login limit is logged").contains("login attempts limited");
        assertThat(log).as("refresh-token reuse is logged as a security event").containsIgnoringCase("reuse");
        assertThat(log).as("attacker line breaks are escaped").contains("user=eve\\u000d\\u000a2026-01-01")
                .contains("GET /x%0d%0a2026-01-01%20%5BINFO%5D%20forged 404");
        assertThat(log).as("the outage is logged").contains("503");
        assertThat(log).as("the restarted Redis's lost data is noticed").contains("[ERROR] RedisEpoch - Redis at");
        assertThat(log).as("requests Jetty refused before routing are logged, without their content")
                .contains("- - 431 refused before routing").contains("- - 414 refused before routing")
                .contains("- - 400 refused before routing");
    }

    void assertNothingLeaked(String log) {
        for (String line : log.split("\n")) {
            assertThat(line).as("one event per line, each starting with a timestamp or empty")
                    .matches("(|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z \\[(INFO|WARN)] .*"
                            // the one ERROR this run causes: Redis restarted without persistence lost its data
                            + "|\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z \\[ERROR] RedisEpoch - Redis at \\S+ lost its data .*)");
        }
        LogLeaks.assertNoSecretIn(log, secrets);
        for (String forbidden : List.of("Exception", "Error:", "\tat ", "Caused by", ".java:", "at java.", "at io.", "at org.",
                "io.github.jwtextended", "com.fasterxml", "jackson", "Jackson", "org.eclipse", "jetty", "Jetty", "javalin", "lettuce",
                "eyJ", "-----BEGIN")) { // [ERROR]: only the lost-data line, held by the pattern above
            assertThat(log).as("the log holds no '%s'", forbidden).doesNotContain(forbidden);
        }
    }

    /** For debugging a failure: the log lines that hold a given text. */
    static List<String> linesWith(String log, String text) {
        List<String> out = new ArrayList<>();
        for (String l : log.split("\n")) {
            if (l.contains(text)) {
                out.add(l);
            }
        }
        return out;
    }
}
