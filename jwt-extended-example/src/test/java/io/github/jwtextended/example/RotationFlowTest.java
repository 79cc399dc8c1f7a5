package io.github.jwtextended.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.token.Jwt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.github.jwtextended.example.flow.FlowContract.bearer;
import static io.github.jwtextended.example.flow.FlowContract.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh-token rotation in the example server over HTTP (SQLite): {@code /refresh} answers both
 * tokens and sets both cookie pairs, reuse of a rotated refresh token revokes its family (the
 * family's access tokens too) and survives a restart, the grace period, rotation turned off, and
 * implicit refresh with logout.
 */
class RotationFlowTest {
    private static final String REVOKED = "Token has been revoked";

    private Path dataDir;
    private final List<Server> servers = new ArrayList<>();

    @BeforeEach
    void dir() {
        dataDir = TestServers.tempDir("jwt-example-rotation");
    }

    @AfterEach
    void stop() {
        for (Server s : servers) {
            s.stop();
        }
        TestServers.delete(dataDir);
    }

    private Server start(String... settings) {
        Server s = TestServers.start(env(settings));
        servers.add(s);
        return s;
    }

    /** A server on {@code clock} (the test moves time). */
    private Server startAt(MutableClock clock, String... settings) {
        Server s = new Server(ServerSettings.from(env(settings)), clock);
        servers.add(s);
        s.start();
        return s;
    }

    private Map<String, String> env(String... settings) {
        Map<String, String> env = TestServers.baseEnv(dataDir);
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return env;
    }

    private static JsonNode refresh(Client c, String refreshToken) {
        HttpResponse<String> r = c.post("/refresh", null, "Authorization", bearer(refreshToken));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Client.json(r);
    }

    @Test
    void bearerRotationAndReuseRevokingTheFamily() {
        Server server = start();
        Client c = new Client(server.port(), false);
        JsonNode login = Client.json(c.login("testuser", "testpass"));
        String a0 = login.get("access_token").asText();
        String r0 = login.get("refresh_token").asText();
        Jwt first = server.manager().decodeToken(r0);
        assertThat(first.family()).isNotNull();
        assertThat(server.manager().decodeToken(a0).family()).isEqualTo(first.family());

        JsonNode second = refresh(c, r0);
        String a1 = second.get("access_token").asText();
        String r1 = second.get("refresh_token").asText();
        assertThat(r1).isNotEqualTo(r0);
        assertThat(server.manager().decodeToken(r1).family()).isEqualTo(first.family());
        assertThat(server.manager().decodeToken(a1).claim("roles")).isEqualTo(List.of("user"));
        JsonNode third = refresh(c, r1);
        String a2 = third.get("access_token").asText();
        String r2 = third.get("refresh_token").asText();
        assertThat(c.get("/protected", "Authorization", bearer(a2)).statusCode()).isEqualTo(200);

        JsonNode other = Client.json(c.login("testuser", "testpass"));

        PrintStream out = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        HttpResponse<String> reuse;
        try {
            reuse = c.post("/refresh", null, "Authorization", bearer(r0));
        } finally {
            System.setOut(out);
        }
        expect(reuse, 401, REVOKED);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("refresh token reuse detected").contains("identity=testuser")
                .contains("family=" + first.family())
                .doesNotContain(r0).doesNotContain(r1).doesNotContain(r2);

        expect(c.post("/refresh", null, "Authorization", bearer(r2)), 401, REVOKED);
        expect(c.get("/protected", "Authorization", bearer(a2)), 401, REVOKED);
        expect(c.get("/protected", "Authorization", bearer(a1)), 401, REVOKED);
        expect(c.get("/protected", "Authorization", bearer(a0)), 401, REVOKED);
        assertThat(c.get("/protected", "Authorization", bearer(other.get("access_token").asText())).statusCode())
                .as("another login's family is untouched").isEqualTo(200);
        refresh(c, other.get("refresh_token").asText());
    }

    @Test
    void withoutAWindowConcurrentRefreshesWithOneTokenHaveExactlyOneWinner() throws Exception {
        Server server = start("REFRESH_REUSE_GRACE_SECONDS", "0");
        Client c = new Client(server.port(), false);
        int n = 8;
        for (int round = 0; round < 3; round++) {
            String r0 = Client.json(c.login("testuser", "testpass")).get("refresh_token").asText();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> answers = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    Client own = new Client(server.port(), false);
                    answers.add(pool.submit(() -> {
                        go.await();
                        return own.post("/refresh", null, "Authorization", bearer(r0));
                    }));
                }
                go.countDown();
                int ok = 0;
                for (java.util.concurrent.Future<HttpResponse<String>> f : answers) {
                    HttpResponse<String> r = f.get(30, java.util.concurrent.TimeUnit.SECONDS);
                    if (r.statusCode() == 200) {
                        ok++;
                    } else {
                        expect(r, 401, REVOKED);
                    }
                }
                assertThat(ok).as("round " + round).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void cookieRotationSetsBothPairs() {
        Server server = start();
        Client browser = new Client(server.port());
        assertThat(browser.login("testuser", "testpass").statusCode()).isEqualTo(200);
        String r0 = browser.cookie("refresh_token_cookie");

        HttpResponse<String> refreshed = browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token"));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().allValues("Set-Cookie")).hasSize(4)
                .anyMatch(h -> h.startsWith("access_token_cookie=")).anyMatch(h -> h.startsWith("csrf_access_token="))
                .anyMatch(h -> h.startsWith("refresh_token_cookie=")).anyMatch(h -> h.startsWith("csrf_refresh_token="));
        JsonNode body = Client.json(refreshed);
        assertThat(browser.cookie("refresh_token_cookie")).isEqualTo(body.get("refresh_token").asText()).isNotEqualTo(r0);
        assertThat(browser.cookie("access_token_cookie")).isEqualTo(body.get("access_token").asText());
        assertThat(browser.get("/protected").statusCode()).isEqualTo(200);
        assertThat(browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token")).statusCode())
                .as("the new refresh cookie and its CSRF value work").isEqualTo(200);

        Client thief = new Client(server.port(), false);
        expect(thief.post("/refresh", null, "Authorization", bearer(r0)), 401, REVOKED);
        expect(browser.get("/protected"), 401, REVOKED);
        expect(browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token")), 401, REVOKED);
    }

    @Test
    void familyRevocationAndRotationStateSurviveARestart() {
        Server first = start("REFRESH_REUSE_GRACE_SECONDS", "0");
        Client c = new Client(first.port(), false);
        JsonNode reused = Client.json(c.login("testuser", "testpass"));
        JsonNode reusedNext = refresh(c, reused.get("refresh_token").asText());
        expect(c.post("/refresh", null, "Authorization", bearer(reused.get("refresh_token").asText())), 401, REVOKED);

        JsonNode rotated = Client.json(c.login("admin", "adminpass"));
        JsonNode rotatedNext = refresh(c, rotated.get("refresh_token").asText());
        first.stop();

        Server second = start("DEMO_USERS", "false", "REFRESH_REUSE_GRACE_SECONDS", "0");
        Client d = new Client(second.port(), false);
        expect(d.get("/protected", "Authorization", bearer(reusedNext.get("access_token").asText())), 401, REVOKED);
        expect(d.post("/refresh", null, "Authorization", bearer(reusedNext.get("refresh_token").asText())), 401, REVOKED);
        assertThat(d.get("/protected", "Authorization", bearer(rotatedNext.get("access_token").asText())).statusCode()).isEqualTo(200);
        expect(d.post("/refresh", null, "Authorization", bearer(rotated.get("refresh_token").asText())), 401, REVOKED);
        expect(d.get("/protected", "Authorization", bearer(rotatedNext.get("access_token").asText())), 401, REVOKED);
    }

    @Test
    void withinTheWindowALostResponseIsRetriedOnTheSameLine() {
        Server server = start("REFRESH_REUSE_GRACE_SECONDS", "30");
        Client c = new Client(server.port(), false);
        String r0 = Client.json(c.login("testuser", "testpass")).get("refresh_token").asText();
        JsonNode lost = refresh(c, r0); // the answer is "lost"
        JsonNode retried = refresh(c, r0);
        JsonNode again = refresh(c, r0);
        String successor = server.manager().decodeToken(lost.get("refresh_token").asText()).jti();
        assertThat(server.manager().decodeToken(retried.get("refresh_token").asText()).jti()).isEqualTo(successor);
        assertThat(server.manager().decodeToken(again.get("refresh_token").asText()).jti()).isEqualTo(successor);
        refresh(c, retried.get("refresh_token").asText());
        assertThat(c.get("/protected", "Authorization", bearer(lost.get("access_token").asText())).statusCode()).isEqualTo(200);
        assertThat(c.get("/protected", "Authorization", bearer(retried.get("access_token").asText())).statusCode()).isEqualTo(200);
    }

    @Test
    void aMaximumSessionLifetimeEndsALoginHoweverOftenItIsRefreshed() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        Server server = startAt(clock, "REFRESH_MAX_SESSION_SECONDS", "86400");
        Instant login = clock.instant();
        Client c = new Client(server.port(), false);
        String r0 = Client.json(c.login("testuser", "testpass")).get("refresh_token").asText();
        clock.advance(Duration.ofHours(12));
        String r1 = refresh(c, r0).get("refresh_token").asText();
        assertThat(server.manager().decodeToken(r1).expiresAt()).as("capped at login + 1 day").isEqualTo(login.plus(Duration.ofDays(1)));
        clock.advance(Duration.ofHours(12));
        expect(c.post("/refresh", null, "Authorization", bearer(r1)), 401, "Token has expired");
        assertThat(Client.json(c.login("testuser", "testpass")).has("refresh_token")).as("a new login starts a new session").isTrue();
    }

    @Test
    void rotationCanBeTurnedOff() {
        Server server = start("REFRESH_TOKEN_ROTATION", "false");
        Client c = new Client(server.port(), false);
        String r0 = Client.json(c.login("testuser", "testpass")).get("refresh_token").asText();
        assertThat(server.manager().decodeToken(r0).family()).isNull();
        JsonNode once = refresh(c, r0);
        assertThat(once.has("refresh_token")).isFalse();
        JsonNode twice = refresh(c, r0);
        assertThat(c.get("/protected", "Authorization", bearer(twice.get("access_token").asText())).statusCode()).isEqualTo(200);
    }

    @Test
    void implicitRefreshRenewsTheAccessCookieButNeverAfterLogout() {
        // Access tokens live 60 s; the window (3600 s) is larger, so every cookie request is within it.
        Server server = start("JWT_ACCESS_TOKEN_EXPIRES", "60", "IMPLICIT_REFRESH_WINDOW_SECONDS", "3600");
        Client browser = new Client(server.port());
        assertThat(browser.login("testuser", "testpass").statusCode()).isEqualTo(200);
        String before = browser.cookie("access_token_cookie");
        String family = server.manager().decodeToken(before).family();

        HttpResponse<String> renewed = browser.get("/protected");
        assertThat(renewed.statusCode()).isEqualTo(200);
        assertThat(renewed.headers().allValues("Set-Cookie")).anyMatch(h -> h.startsWith("access_token_cookie=")
                && !h.startsWith("access_token_cookie=;"));
        String after = browser.cookie("access_token_cookie");
        assertThat(after).isNotEqualTo(before);
        assertThat(server.manager().decodeToken(after).family()).isEqualTo(family);

        Client api = new Client(server.port(), false);
        String bearerToken = Client.json(api.login("testuser", "testpass")).get("access_token").asText();
        assertThat(api.get("/protected", "Authorization", bearer(bearerToken)).headers().allValues("Set-Cookie"))
                .as("never for a header token").isEmpty();

        HttpResponse<String> logout = browser.post("/logout", null, "X-CSRF-TOKEN", browser.cookie("csrf_access_token"));
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().allValues("Set-Cookie")).hasSize(4)
                .allSatisfy(h -> assertThat(h).contains("=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assertThat(browser.cookie("access_token_cookie")).isNull();
        expect(browser.get("/protected"), 401, null);
    }

    /** The value of a new (non-empty) access cookie the answer sets, or null. */
    private static String newAccessCookie(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("access_token_cookie=") && !h.startsWith("access_token_cookie=;"))
                .map(h -> h.substring("access_token_cookie=".length(), h.indexOf(';')))
                .findFirst().orElse(null);
    }

    private static long authTime(Server server, String token) {
        return ((Number) server.manager().decodeToken(token).claim(JwtManager.AUTH_TIME_CLAIM)).longValue();
    }

    @Test
    void implicitRefreshContinuesTheSessionAndEndsWithIt() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        Server server = startAt(clock, "JWT_ACCESS_TOKEN_EXPIRES", "600", "IMPLICIT_REFRESH_WINDOW_SECONDS", "120",
                "REFRESH_MAX_SESSION_SECONDS", "900");
        Instant login = clock.instant();
        Client browser = new Client(server.port());
        assertThat(browser.login("testuser", "testpass").statusCode()).isEqualTo(200);
        String first = browser.cookie("access_token_cookie");
        assertThat(authTime(server, first)).as("the login's access token carries auth_time").isEqualTo(login.getEpochSecond());

        clock.advance(Duration.ofSeconds(481));
        HttpResponse<String> renewed = browser.get("/protected");
        assertThat(renewed.statusCode()).isEqualTo(200);
        String next = newAccessCookie(renewed);
        assertThat(next).as("within the window: a new access cookie").isNotNull();
        assertThat(authTime(server, next)).as("the session's login time, carried").isEqualTo(login.getEpochSecond());
        assertThat(server.manager().decodeToken(next).family()).isEqualTo(server.manager().decodeToken(first).family());
        assertThat(server.manager().decodeToken(next).expiresAt()).as("never past login + 900 s, not 481 + 600")
                .isEqualTo(login.plusSeconds(900));

        clock.set(login.plusSeconds(800));
        HttpResponse<String> late = browser.get("/protected");
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(newAccessCookie(late)).as("the cookie already lasts until the session's end").isNull();

        clock.set(login.plusSeconds(900));
        expect(browser.get("/protected"), 401, "Token has expired");
        expect(browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token")), 401, "Token has expired");
    }

    @Test
    void aCopiedAccessCookieIsNotRenewedOnceItsSessionEnded() {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
        Server server = startAt(clock, "JWT_ACCESS_TOKEN_EXPIRES", "600", "IMPLICIT_REFRESH_WINDOW_SECONDS", "120",
                "REFRESH_MAX_SESSION_SECONDS", "86400");
        Client browser = new Client(server.port());
        assertThat(browser.login("testuser", "testpass").statusCode()).isEqualTo(200);
        String copied = browser.cookie("access_token_cookie");
        Client thief = new Client(server.port(), false);
        clock.advance(Duration.ofSeconds(481));
        String renewedCopy = newAccessCookie(thief.get("/protected", "Cookie", "access_token_cookie=" + copied));
        assertThat(renewedCopy).as("before the logout the copy is renewed like any cookie").isNotNull();

        assertThat(browser.post("/logout", null, "X-CSRF-TOKEN", browser.cookie("csrf_access_token")).statusCode()).isEqualTo(200);
        HttpResponse<String> after = thief.get("/protected", "Cookie", "access_token_cookie=" + copied);
        expect(after, 401, REVOKED);
        assertThat(after.headers().allValues("Set-Cookie")).as("no new access cookie for a revoked session").isEmpty();
        expect(thief.get("/protected", "Cookie", "access_token_cookie=" + renewedCopy), 401, REVOKED);
    }
}
