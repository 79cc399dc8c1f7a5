package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.http.AuthRoutes;
import io.github.jwtextended.fixtures.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The brute-force limit of {@code POST /login} over HTTP, on a server whose clock the test moves
 * (no sleeping): failures per username and per client address, 429 with {@code Retry-After}, the
 * same answer for unknown users and wrong passwords, a block that hammering cannot lengthen, the
 * owner's browser let in by its device cookie (until it expires) while clients without it are
 * blocked, {@code X-Forwarded-For} ignored unless trusted, and the
 * switch that turns it off.
 */
class LoginRateLimitTest {
    static final String TOO_MANY = AuthRoutes.TOO_MANY_ATTEMPTS;
    final Path dir = TestServers.tempDir("jwt-example-ratelimit");
    final MutableClock clock = new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
    final List<Server> servers = new ArrayList<>();

    @AfterEach
    void clean() {
        servers.forEach(Server::stop);
        TestServers.delete(dir);
    }

    Client start(String... settings) {
        Map<String, String> env = TestServers.baseEnv(dir.resolve("s" + servers.size()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        Server s = new Server(ServerSettings.from(env), clock);
        servers.add(s);
        s.start();
        return new Client(s.port(), false);
    }

    static HttpResponse<String> login(Client c, String user, String password, String... headers) {
        return c.post("/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}", headers);
    }

    static void assertTooMany(HttpResponse<String> r, long retryAfter) {
        FlowContract.expect(r, 429, TOO_MANY);
        assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").hasValue(Long.toString(retryAfter));
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    }

    @Test
    void fiveFailuresPerUsernameThen429UntilTheWindowEnds() {
        Client c = start();
        for (int i = 0; i < 5; i++) {
            FlowContract.expect(login(c, "testuser", "wrong-" + i), 401, "Bad username or password");
            clock.advance(Duration.ofSeconds(10));
        }
        // Blocked: even the right password is not checked (the window began 50 s ago: 250 s left).
        assertTooMany(login(c, "testuser", "testpass"), 250);
        // Hammering while blocked is not counted and does not lengthen the block.
        for (int i = 0; i < 10; i++) {
            assertTooMany(login(c, "testuser", "wrong"), 250);
        }
        clock.advance(Duration.ofSeconds(249));
        assertTooMany(login(c, "testuser", "testpass"), 1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(login(c, "testuser", "testpass").statusCode()).as("the window is over").isEqualTo(200);
        // Other usernames were never limited.
        assertThat(login(c, "admin", "adminpass").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownUsersAndWrongPasswordsCountAndAnswerAlike() {
        Client c = start();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> known = login(c, "admin", "wrong");
            HttpResponse<String> unknown = login(c, "no-such-user", "wrong");
            assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(401);
            assertThat(unknown.body()).isEqualTo(known.body());
        }
        HttpResponse<String> known = login(c, "admin", "adminpass");
        HttpResponse<String> unknown = login(c, "no-such-user", "wrong");
        assertTooMany(known, 300);
        assertTooMany(unknown, 300);
        assertThat(unknown.body()).isEqualTo(known.body());
        assertThat(unknown.headers().map().keySet()).isEqualTo(known.headers().map().keySet());
    }

    @Test
    void twentyFailuresPerAddressWhateverTheUsernames() {
        Client c = start();
        for (int i = 0; i < 20; i++) {
            // X-Forwarded-For is not trusted by default: changing it does not give a new address.
            FlowContract.expect(login(c, "user-" + i, "wrong", "X-Forwarded-For", "10.0.0." + i), 401, "Bad username or password");
        }
        assertTooMany(login(c, "admin", "adminpass"), 300);
        assertTooMany(login(c, "someone-new", "wrong", "X-Forwarded-For", "10.9.9.9"), 300);
        clock.advance(Duration.ofSeconds(300));
        assertThat(login(c, "admin", "adminpass").statusCode()).isEqualTo(200);
    }

    @Test
    void behindATrustedProxyEachForwardedAddressCountsAlone() {
        Client c = start("TRUST_X_FORWARDED_FOR", "true", "LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "3");
        for (int i = 0; i < 3; i++) {
            // The last entry is the one the proxy appended; what the client put before it is ignored.
            login(c, "testuser", "wrong", "X-Forwarded-For", "6.6.6." + i + ", 203.0.113.7");
        }
        assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.7"), 300);
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(200);
        // IPv6: one /64 is one client.
        for (int i = 0; i < 3; i++) {
            login(c, "testuser", "wrong", "X-Forwarded-For", "2001:db8:1:2::" + (i + 1));
        }
        assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "2001:db8:1:2:ffff::9"), 300);
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(200);
    }

    @Test
    void anAttackerCannotLockTheOwnerOutOfHerBrowserButLocksOutClientsWithoutItsCookie() {
        Client curl = start("TRUST_X_FORWARDED_FOR", "true");
        Client browser = new Client(servers.get(0).port());
        String home = "198.51.100.10";
        assertThat(login(browser, "testuser", "testpass", "X-Forwarded-For", home).statusCode()).isEqualTo(200);
        for (int i = 0; i < 30; i++) {
            login(curl, "testuser", "guess-" + i, "X-Forwarded-For", "203.0.113." + i);
        }
        assertTooMany(login(curl, "testuser", "testpass", "X-Forwarded-For", home), 300);
        assertThat(login(browser, "testuser", "testpass", "X-Forwarded-For", "192.0.2.44").statusCode())
                .as("her browser's device cookie, on a new network").isEqualTo(200);
        // Her device is judged by its own failures: 5 typos lock that device out, not her other ones.
        for (int i = 0; i < 5; i++) {
            FlowContract.expect(login(browser, "testuser", "typo-" + i, "X-Forwarded-For", home), 401, "Bad username or password");
        }
        assertTooMany(login(browser, "testuser", "testpass", "X-Forwarded-For", home), 300);
    }

    @Test
    void anExpiredDeviceCookieIsUntrustedEvenIfTheBrowserStillSendsIt() {
        Client curl = start("TRUST_X_FORWARDED_FOR", "true");
        Client browser = new Client(servers.get(0).port());
        assertThat(login(browser, "testuser", "testpass").statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(365)); // the server's clock: the client's jar does not know
        for (int i = 0; i < 5; i++) {
            login(curl, "testuser", "guess-" + i, "X-Forwarded-For", "203.0.113." + i);
        }
        assertThat(browser.cookies.getCookieStore().getCookies()).anyMatch(c -> c.getName().startsWith("login_device_"));
        assertTooMany(login(browser, "testuser", "testpass", "X-Forwarded-For", "192.0.2.44"), 300);
    }

    @Test
    void attemptsSentAtOnceGetNoMoreGuesses() throws Exception {
        Client c = start();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            all.add(c.http.sendAsync(c.request("/login", "Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\": \"admin\", \"password\": \"guess-" + i + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : all) {
            statuses.add(f.get().statusCode());
        }
        assertThat(statuses).as("%s", statuses).filteredOn(s -> s == 401).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSize(7);
    }

    @Test
    void zeroTurnsTheLimitsOff() {
        Client c = start("LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "0");
        for (int i = 0; i < 25; i++) {
            FlowContract.expect(login(c, "testuser", "wrong"), 401, "Bad username or password");
        }
        assertThat(login(c, "testuser", "testpass").statusCode()).isEqualTo(200);
    }

    @Test
    void badRequestsAndSuccessesAreNotFailures() {
        Client c = start("LOGIN_RATE_LIMIT_PER_ADDRESS", "2");
        for (int i = 0; i < 5; i++) {
            assertThat(c.post("/login", "{\"username\": 1}").statusCode()).isEqualTo(400);
            assertThat(login(c, "testuser", "testpass").statusCode()).isEqualTo(200);
        }
        login(c, "admin", "wrong");
        assertThat(login(c, "admin", "adminpass").statusCode()).isEqualTo(200);
        login(c, "admin", "wrong");
        assertTooMany(login(c, "admin", "adminpass"), 300);
    }
}
