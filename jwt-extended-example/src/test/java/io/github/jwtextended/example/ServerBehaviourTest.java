package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.http.RequestLog;
import io.github.jwtextended.fixtures.CapturedLog;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviour beyond the flow: timing, background purge, demo users, the request log format. */
class ServerBehaviourTest {
    final java.nio.file.Path dir = TestServers.tempDir("jwt-example-behaviour");
    final List<Server> servers = new ArrayList<>();

    @AfterEach
    void clean() {
        servers.forEach(Server::stop);
        TestServers.delete(dir);
    }

    Server start(Map<String, String> extra) {
        Map<String, String> env = TestServers.baseEnv(dir);
        env.putAll(extra);
        Server s = TestServers.start(env);
        servers.add(s);
        return s;
    }

    @Test
    void unknownUsersCostTheSameAsWrongPasswords() {
        // 24 failures from one address: over the login limit, which this measurement must not meet.
        Client c = new Client(start(Map.of("LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "0")).port(), false);
        for (int i = 0; i < 3; i++) { // warm up
            c.login("testuser", "wrong-password");
            c.login("no-such-user", "wrong-password");
        }
        List<Long> wrongPassword = new ArrayList<>();
        List<Long> unknownUser = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            wrongPassword.add(time(() -> assertThat(c.login("testuser", "wrong-password").statusCode()).isEqualTo(401)));
            unknownUser.add(time(() -> assertThat(c.login("no-such-user-" + System.nanoTime(), "wrong-password").statusCode()).isEqualTo(401)));
        }
        long a = median(wrongPassword);
        long b = median(unknownUser);
        System.out.printf("login timing (median of 9): wrong password %d us, unknown user %d us%n", a / 1000, b / 1000);
        // Both run one Argon2id verification (tens of milliseconds); without the decoy hash the
        // unknown user would answer in about a millisecond.
        assertThat(b).as("unknown user %d us vs wrong password %d us", b / 1000, a / 1000).isGreaterThan(a / 2).isLessThan(a * 2);
    }

    @Test
    void expiredRevocationsArePurgedInTheBackground() throws Exception {
        Server s = start(Map.of("JWT_ACCESS_TOKEN_EXPIRES", "5", "REVOCATION_PURGE_INTERVAL", "1"));
        Client c = new Client(s.port(), false);
        String access = Client.json(c.login("testuser", "testpass")).get("access_token").asText();
        assertThat(c.post("/logout", null, "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
        assertThat(revokedRows(s)).isEqualTo(1);
        long deadline = System.currentTimeMillis() + 20_000;
        while (revokedRows(s) > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(revokedRows(s)).as("the row is purged once the token has expired").isZero();
    }

    static int revokedRows(Server s) throws Exception {
        try (Connection c = s.database().dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + JdbcRevocationStore.DEFAULT_TABLE)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void withoutDemoUsersThereAreNoUsers() {
        Client c = new Client(start(Map.of("DEMO_USERS", "false")).port(), false);
        FlowContract.expect(c.login("testuser", "testpass"), 401, "Bad username or password");
    }

    @Test
    void cookieOnlyOrHeaderOnlyDeployments() {
        Server headers = start(Map.of("JWT_TOKEN_LOCATION", "headers"));
        Client h = new Client(headers.port());
        var login = h.login("testuser", "testpass");
        assertThat(login.headers().allValues("Set-Cookie")).as("no token cookies when they are not a token location; the device cookie")
                .singleElement().satisfies(v -> assertThat(v).startsWith("login_device_"));
        String access = Client.json(login).get("access_token").asText();
        FlowContract.expect(h.get("/protected"), 401, "Missing Authorization Header");
        assertThat(h.get("/protected", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
    }

    @Test
    void requestLogLines() {
        assertThat(RequestLog.line("GET", "/protected", 200, 1.24f, "testuser")).isEqualTo("GET /protected 200 1.2ms user=testuser");
        assertThat(RequestLog.line("POST", "/login", 401, 40f, null)).isEqualTo("POST /login 401 40.0ms");
        String forged = RequestLog.line("GET", "/x\r\n2026-01-01 [INFO] requests - GET /admin 200", 404, 1f, "eve\nroot");
        assertThat(forged).doesNotContain("\n").doesNotContain("\r").contains("\\u000d\\u000a").contains("user=eve\\u000aroot");
        assertThat(RequestLog.line("GET", "/" + "a".repeat(1000), 404, 1f, null).length()).isLessThan(260);
        // Each character that could end the line or forge a field, in the path and in the identity.
        for (String[] c : CapturedLog.FORGING) {
            String line = RequestLog.line("GET", "/x" + c[0] + "200", 404, 1f, "eve" + c[0] + "root");
            assertThat(line).as("U+%04X", (int) c[0].charAt(0))
                    .isEqualTo("GET /x" + c[1] + "200 404 1.0ms user=eve" + c[1] + "root");
        }
    }

    static long time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return System.nanoTime() - t;
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
