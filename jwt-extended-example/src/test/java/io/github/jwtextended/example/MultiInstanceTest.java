package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several example servers for real: two {@link Server}s on different ports sharing one Redis (strict
 * and near cache) or one PostgreSQL; log in on A, use the token on B, log out on A, B refuses it.
 * And an outage: a Redis this test started itself is killed mid-run and started again.
 */
class MultiInstanceTest {
    static final String SHARED_SECRET = "multi-instance-test-secret-key-0123456789abcdef";
    final Path dir = TestServers.tempDir("jwt-example-multi");
    final List<Server> servers = new ArrayList<>();
    String pgSchema;

    @AfterEach
    void clean() throws Exception {
        servers.forEach(Server::stop);
        if (pgSchema != null) {
            try (Connection c = DriverManager.getConnection(PostgresFlowTest.url()); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + pgSchema + " CASCADE");
            }
        }
        TestServers.delete(dir);
    }

    Server start(String name, Map<String, String> extra) {
        Map<String, String> env = TestServers.baseEnv(dir.resolve(name));
        env.put("JWT_SECRET_KEY", SHARED_SECRET);
        env.put("JWT_TOKEN_LOCATION", "headers");
        env.put("REFRESH_REUSE_GRACE_SECONDS", "0"); // strict reuse detection: the old token reused at once on the other server
        env.putAll(extra);
        Server s = TestServers.start(env);
        servers.add(s);
        return s;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Log in on A, use on B, log out on A: B refuses the token on its next request (strict / database). */
    void logoutOnOneIsSeenByTheOther(Server a, Server b, long withinMillis) throws Exception {
        Client onA = new Client(a.port(), false);
        Client onB = new Client(b.port(), false);
        var tokens = Client.json(onA.login("testuser", "testpass"));
        String access = tokens.get("access_token").asText();
        String refresh = tokens.get("refresh_token").asText();
        assertThat(onB.get("/protected", "Authorization", bearer(access)).body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");
        assertThat(onB.post("/refresh", null, "Authorization", bearer(refresh)).statusCode()).isEqualTo(200);

        assertThat(onA.post("/logout", null, "Authorization", bearer(access)).statusCode()).isEqualTo(200);
        long waited = waitForRevoked(onB, access, withinMillis);
        System.out.println("logout on A refused by B after " + waited + " ms");

        // Log out everywhere on B: A refuses every older token of the user.
        // (the logout above ended that whole login: its refresh token is refused too)
        FlowContract.expect(onB.post("/refresh", null, "Authorization", bearer(refresh)), 401, "Token has been revoked");
        var secondLogin = Client.json(onA.login("testuser", "testpass"));
        String second = secondLogin.get("access_token").asText();
        String secondRefresh = secondLogin.get("refresh_token").asText();
        assertThat(onA.get("/protected", "Authorization", bearer(second)).statusCode()).isEqualTo(200);
        assertThat(onB.post("/logout-all", null, "Authorization", bearer(secondRefresh)).statusCode()).isEqualTo(200);
        waitForRevoked(onA, second, withinMillis);
        FlowContract.expect(onA.post("/refresh", null, "Authorization", bearer(secondRefresh)), 401, "Token has been revoked");

        // Refresh-token rotation across instances: rotated on A, the old token reused on B revokes the family on A.
        String r0 = Client.json(onA.login("admin", "adminpass")).get("refresh_token").asText();
        var rotated = Client.json(onA.post("/refresh", null, "Authorization", bearer(r0)));
        FlowContract.expect(onB.post("/refresh", null, "Authorization", bearer(r0)), 401, "Token has been revoked");
        waitForRevoked(onA, rotated.get("access_token").asText(), withinMillis);
        FlowContract.expect(onA.post("/refresh", null, "Authorization", bearer(rotated.get("refresh_token").asText())),
                401, "Token has been revoked");
    }

    /** Polls until the token is refused as revoked; fails after {@code withinMillis}; returns the wait. */
    static long waitForRevoked(Client c, String token, long withinMillis) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            HttpResponse<String> r = c.get("/protected", "Authorization", bearer(token));
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (r.statusCode() == 401) {
                assertThat(Client.msg(r)).isEqualTo("Token has been revoked");
                return ms;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(ms).as("refused within " + withinMillis + " ms").isLessThanOrEqualTo(withinMillis);
            Thread.sleep(2);
        }
    }

    @Test
    void twoServersSharingRedisStrict() throws Exception {
        String url = RedisTestSupport.urlOrSkip();
        Map<String, String> redis = Map.of("REDIS_URL", url, "REVOCATION_NEAR_CACHE", "false");
        logoutOnOneIsSeenByTheOther(start("a", redis), start("b", redis), 0);
    }

    @Test
    void twoServersSharingRedisWithTheNearCache() throws Exception {
        String url = RedisTestSupport.urlOrSkip();
        Map<String, String> redis = Map.of("REDIS_URL", url);
        Server a = start("a", redis);
        Server b = start("b", redis);
        logoutOnOneIsSeenByTheOther(a, b, 1000);

        // The delay over HTTP: log out on A, poll B until it refuses; 50 times.
        Client onA = new Client(a.port(), false);
        Client onB = new Client(b.port(), false);
        int n = 50;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            String access = Client.json(onA.post("/refresh", null, "Authorization",
                    bearer(Client.json(onA.login("admin", "adminpass")).get("refresh_token").asText()))).get("access_token").asText();
            assertThat(onB.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(onA.post("/logout", null, "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            while (onB.get("/protected", "Authorization", bearer(access)).statusCode() == 200) {
                assertThat(System.nanoTime() - start).as("within the documented 1 s").isLessThan(1_000_000_000L);
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("near cache over HTTP: logout on A (answered) until B refuses, %d logouts: p50 %d us, p99 %d us%n",
                n, micros[n / 2], micros[n - 1]);
    }

    @Test
    void twoServersSharingPostgresStrict() throws Exception {
        Map<String, String> pg = new HashMap<>(postgres());
        pg.put("REVOCATION_NEAR_CACHE", "false");
        logoutOnOneIsSeenByTheOther(start("a", pg), start("b", pg), 0);
    }

    /** The near cache (the default): B refuses A's revocations within the 1 s staleness bound. */
    @Test
    void twoServersSharingPostgresWithTheNearCache() throws Exception {
        Map<String, String> pg = postgres();
        Server a = start("a", pg);
        Server b = start("b", pg);
        logoutOnOneIsSeenByTheOther(a, b, 1000);

        // The delay over HTTP: log out on A, poll B until it refuses; 20 times.
        Client onA = new Client(a.port(), false);
        Client onB = new Client(b.port(), false);
        int n = 20;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            String access = Client.json(onA.login("admin", "adminpass")).get("access_token").asText();
            assertThat(onB.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(onA.post("/logout", null, "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            long answered = System.nanoTime();
            assertThat(onA.get("/protected", "Authorization", bearer(access)).statusCode()).as("A: at once").isEqualTo(401);
            while (onB.get("/protected", "Authorization", bearer(access)).statusCode() == 200) {
                assertThat(System.nanoTime() - answered).as("within the documented 1 s of the logout's answer").isLessThan(1_000_000_000L);
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("PostgreSQL near cache over HTTP: logout on A (answered) until B refuses, %d logouts: p50 %d us, max %d us%n",
                n, micros[n / 2], micros[n - 1]);
    }

    private Map<String, String> postgres() throws Exception {
        pgSchema = "jwt_multi_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(PostgresFlowTest.url()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + pgSchema);
        } catch (java.sql.SQLException e) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("PostgreSQL is required (jwt.requireServices=true) but unreachable", e);
            }
            org.junit.jupiter.api.Assumptions.abort("PostgreSQL unreachable, test skipped: " + e.getMessage());
        }
        String u = PostgresFlowTest.url();
        return Map.of("DATABASE_URL", u + (u.contains("?") ? "&" : "?") + "currentSchema=" + pgSchema);
    }

    /**
     * Redis dies mid-run (a redis-server of this test's own, with an append-only file, killed with
     * SIGKILL) and comes back: protected requests get 503 {"msg": ...} within the timeout + 100 ms,
     * logout never claims success, both servers recover by themselves, and a revoked token is
     * never accepted at any moment (a prober checks it on both servers throughout).
     */
    @Test
    void redisDiesMidRunAndComesBack() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (RedisServerProcess redis = new RedisServerProcess(true)) {
            Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", redis.url()));
            Server a = start("a", env);
            Server b = start("b", env);
            Client onA = new Client(a.port(), false);
            Client onB = new Client(b.port(), false);
            String revoked = Client.json(onA.login("testuser", "testpass")).get("access_token").asText();
            String valid = Client.json(onA.login("admin", "adminpass")).get("access_token").asText();
            String loggedOutDuringOutage = Client.json(onA.login("admin", "adminpass")).get("access_token").asText();
            assertThat(onA.post("/logout", null, "Authorization", bearer(revoked)).statusCode()).isEqualTo(200);
            waitForRevoked(onB, revoked, 1000);

            AtomicBoolean stop = new AtomicBoolean();
            ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
            Thread prober = new Thread(() -> {
                while (!stop.get()) {
                    for (Client c : List.of(onA, onB)) {
                        HttpResponse<String> r = c.get("/protected", "Authorization", bearer(revoked));
                        if (r.statusCode() != 401 && r.statusCode() != 503) {
                            violations.add("revoked token answered " + r.statusCode() + " " + r.body());
                        }
                        HttpResponse<String> v = c.get("/protected", "Authorization", bearer(valid));
                        if (v.statusCode() != 200 && v.statusCode() != 503) {
                            violations.add("valid token answered " + v.statusCode() + " " + v.body());
                        }
                    }
                }
            }, "prober");
            prober.start();
            try {
                Thread.sleep(200);
                redis.kill();
                long killed = System.nanoTime();
                for (Client c : List.of(onA, onB)) {
                    // The near cache notices the dead connection at once (at most 650 ms for a silent one).
                    while (c.get("/protected", "Authorization", bearer(valid)).statusCode() == 200) {
                        assertThat(System.nanoTime() - killed).as("the outage shows within 1 s").isLessThan(1_000_000_000L);
                    }
                    for (int i = 0; i < 10; i++) {
                        long start = System.nanoTime();
                        HttpResponse<String> r = c.get("/protected", "Authorization", bearer(valid));
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        FlowContract.expect(r, 503, "Token revocation status is temporarily unavailable");
                        assertThat(ms).as("503 within the 250 ms timeout + 100 ms").isLessThan(350);
                    }
                }
                HttpResponse<String> logout = onA.post("/logout", null, "Authorization", bearer(loggedOutDuringOutage));
                assertThat(logout.statusCode()).as("logout never claims success").isEqualTo(503);
                assertThat(logout.body()).doesNotContain("logout successful");
                FlowContract.expect(onB.post("/logout-all", null, "Authorization", bearer(valid)), 503, null);
                FlowContract.expect(onA.get("/healthz"), 503, "Revocation store unavailable");
                HttpResponse<String> ready = onA.get("/healthz/ready");
                FlowContract.expect(ready, 503, "Revocation store unavailable");
                assertThat(Client.json(ready).get("database").asText()).isEqualTo("ok");
                assertThat(Client.json(ready).get("revocations").asText()).isEqualTo("down");
                assertThat(Client.json(ready).get("near_cache").asText()).as("out of touch with Redis").isEqualTo("untrusted");
                assertThat(onA.get("/healthz/live").statusCode()).as("liveness: the process serves").isEqualTo(200);

                redis.start();
                long restarted = System.nanoTime();
                for (Client c : List.of(onA, onB)) {
                    while (c.get("/protected", "Authorization", bearer(valid)).statusCode() != 200) {
                        assertThat(System.nanoTime() - restarted).as("recovers by itself within 10 s").isLessThan(10_000_000_000L);
                        Thread.sleep(20);
                    }
                }
                System.out.printf("Redis back: both servers answered 200 again after %d ms%n", (System.nanoTime() - restarted) / 1_000_000);
                assertThat(onA.get("/healthz").statusCode()).isEqualTo(200);
                long back = System.nanoTime();
                while (!Client.json(onA.get("/healthz/ready")).get("near_cache").asText().equals("trusted")) {
                    assertThat(System.nanoTime() - back).as("the near cache trusted again within 5 s").isLessThan(5_000_000_000L);
                    Thread.sleep(20);
                }
                FlowContract.expect(onB.get("/protected", "Authorization", bearer(revoked)), 401, "Token has been revoked");
                assertThat(onB.get("/protected", "Authorization", bearer(loggedOutDuringOutage)).statusCode())
                        .as("the logout that answered 503 did not happen").isEqualTo(200);
                Thread.sleep(300);
            } finally {
                stop.set(true);
                prober.join(10_000);
            }
            assertThat(violations).as("no revoked token accepted, no 500, at any moment").isEmpty();
        }
    }
}
