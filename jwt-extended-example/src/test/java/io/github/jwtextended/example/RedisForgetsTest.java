package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that forgets, tried as a new user would: example servers on a Redis without snapshots or
 * append-only file (A with the near cache, B strict), log in, log out on A, restart Redis (killed,
 * started empty on the same port). The logged-out token is refused with 401 on A at once, on B
 * (503 meanwhile, never 200) once A has written its revocations back, and on servers started
 * afterwards (C near cache, D strict); a token never logged out works again everywhere.
 */
class RedisForgetsTest {
    static final String SHARED_SECRET = "redis-forgets-test-secret-key-0123456789abcdef";
    final Path dir = TestServers.tempDir("jwt-example-forgets");
    final List<Server> servers = new ArrayList<>();

    @AfterEach
    void clean() {
        servers.forEach(Server::stop);
        TestServers.delete(dir);
    }

    Server start(String name, String redisUrl, boolean nearCache) {
        Map<String, String> env = TestServers.baseEnv(dir.resolve(name));
        env.put("JWT_SECRET_KEY", SHARED_SECRET);
        env.put("JWT_TOKEN_LOCATION", "headers");
        env.put("REDIS_URL", redisUrl);
        env.put("REVOCATION_NEAR_CACHE", Boolean.toString(nearCache));
        Server s = TestServers.start(env);
        servers.add(s);
        return s;
    }

    static HttpResponse<String> use(Client c, String token) {
        return c.get("/protected", "Authorization", "Bearer " + token);
    }

    /** Polls until {@code c} answers {@code status}; every other answer must be 503 (failing closed); returns the wait. */
    static long until(Client c, String token, int status, long startNanos, List<Integer> seen) throws InterruptedException {
        while (true) {
            HttpResponse<String> r = use(c, token);
            seen.add(r.statusCode());
            if (r.statusCode() == status) {
                return (System.nanoTime() - startNanos) / 1_000_000;
            }
            FlowContract.expect(r, 503, "Token revocation status is temporarily unavailable");
            assertThat(System.nanoTime() - startNanos).as("settles within 15 s").isLessThan(15_000_000_000L);
            Thread.sleep(20);
        }
    }

    @Test
    void aLoggedOutTokenStaysRefusedAfterRedisRestartsEmpty() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (RedisServerProcess redis = new RedisServerProcess(false)) {
            Server a = start("a", redis.url(), true);
            Server b = start("b", redis.url(), false);
            Client onA = new Client(a.port(), false);
            Client onB = new Client(b.port(), false);
            String loggedOut = Client.json(onA.login("testuser", "testpass")).get("access_token").asText();
            String valid = Client.json(onA.login("admin", "adminpass")).get("access_token").asText();
            assertThat(use(onB, loggedOut).statusCode()).isEqualTo(200);
            assertThat(onA.post("/logout", null, "Authorization", "Bearer " + loggedOut).statusCode()).isEqualTo(200);
            FlowContract.expect(use(onB, loggedOut), 401, "Token has been revoked");

            redis.kill();
            redis.start();
            long restarted = System.nanoTime();
            FlowContract.expect(use(onA, loggedOut), 401, "Token has been revoked"); // from A's memory, at once
            List<Integer> seenByB = new ArrayList<>();
            long bMs = until(onB, loggedOut, 401, restarted, seenByB);
            FlowContract.expect(use(onB, loggedOut), 401, "Token has been revoked");
            FlowContract.expect(use(onA, loggedOut), 401, "Token has been revoked");

            Server c = start("c", redis.url(), true);
            Server d = start("d", redis.url(), false);
            List<Integer> seenByNew = new ArrayList<>();
            for (Server s : List.of(c, d)) {
                until(new Client(s.port(), false), loggedOut, 401, System.nanoTime(), seenByNew);
            }
            List<Integer> seenValid = new ArrayList<>();
            long validMs = 0;
            for (Server s : List.of(a, b, c, d)) {
                validMs = Math.max(validMs, until(new Client(s.port(), false), valid, 200, restarted, seenValid));
                FlowContract.expect(use(new Client(s.port(), false), loggedOut), 401, "Token has been revoked");
            }
            assertThat(seenByB).doesNotContain(200);
            assertThat(seenByNew).doesNotContain(200);
            System.out.printf("Redis restarted empty: B refused the logged-out token again after %d ms (%d answers, %d of them 503);"
                            + " new servers: %d answers, %d of them 503; a valid token answered 200 on all four %d ms after the restart%n",
                    bMs, seenByB.size(), seenByB.stream().filter(x -> x == 503).count(), seenByNew.size(),
                    seenByNew.stream().filter(x -> x == 503).count(), validMs);
        }
    }
}
