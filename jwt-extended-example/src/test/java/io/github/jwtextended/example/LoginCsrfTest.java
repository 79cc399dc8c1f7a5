package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.flow.RawHttp;
import io.github.jwtextended.example.login.LoginOriginCheck;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login CSRF: a cross-site {@code POST /login} is refused with 403 JSON before the password is
 * looked at (and without counting as a failed login); same-origin, same-site, user-initiated and
 * header-less requests pass, as do origins listed in {@code LOGIN_ALLOWED_ORIGINS}.
 */
class LoginCsrfTest {
    static final String BODY = "{\"username\": \"testuser\", \"password\": \"testpass\"}";
    static Path dir;
    static Server server;
    static Client client;

    @BeforeAll
    static void start() {
        dir = TestServers.tempDir("jwt-example-login-csrf");
        Map<String, String> env = TestServers.baseEnv(dir);
        env.put("LOGIN_ALLOWED_ORIGINS", "https://app.example.test, http://localhost:3000");
        env.put("LOGIN_RATE_LIMIT_PER_ADDRESS", "3"); // refused requests must not count as failures
        server = TestServers.start(env);
        client = new Client(server.port(), false);
    }

    @AfterAll
    static void stop() {
        server.stop();
        TestServers.delete(dir);
    }

    static HttpResponse<String> login(String... headers) {
        return client.post("/login", BODY, headers);
    }

    static void refused(HttpResponse<String> r) {
        FlowContract.expect(r, 403, LoginOriginCheck.MESSAGE);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    void crossSiteFetchMetadataIsRefused() {
        refused(login("Sec-Fetch-Site", "cross-site"));
        refused(login("Sec-Fetch-Site", "Cross-Site", "Origin", "http://127.0.0.1:" + server.port()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://127.0.0.1.evil.example", "http://127.0.0.1:1", "null",
            "https://app.example.test.evil.example", "https://app.example.test:8443", "http://localhost:3001",
            "http://127.0.0.1:%d/login", "not an origin", "file://"})
    void aForeignOriginIsRefused(String origin) {
        refused(login("Origin", origin.replace("%d", String.valueOf(server.port()))));
    }

    @Test
    void ownOriginSameSiteAndUserInitiatedPass() {
        String own = "http://127.0.0.1:" + server.port();
        assertThat(login("Origin", own, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        assertThat(login("Origin", "HTTP://127.0.0.1:" + server.port()).statusCode()).as("case-insensitive").isEqualTo(200);
        assertThat(login("Origin", "https://127.0.0.1:" + server.port()).statusCode())
                .as("scheme not compared: a TLS-terminating proxy in front").isEqualTo(200);
        assertThat(login("Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(200);
        assertThat(login("Sec-Fetch-Site", "none").statusCode()).isEqualTo(200);
    }

    @Test
    void allowListedOriginsPass() {
        assertThat(login("Origin", "https://app.example.test", "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(200);
        assertThat(login("Origin", "https://app.example.test:443").statusCode()).as("default port").isEqualTo(200);
        assertThat(login("Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
    }

    @Test
    void requestsWithNeitherHeaderPass() {
        assertThat(login().statusCode()).as("curl, API clients").isEqualTo(200);
    }

    @Test
    void theCheckComesFirstAndIsNoFailedLogin() {
        for (int i = 0; i < 10; i++) {
            refused(client.post("/login", "{\"username\": \"testuser\", \"password\": \"wrong\"}", "Origin", "https://evil.example"));
            refused(client.post("/login", "not json", "Sec-Fetch-Site", "cross-site"));
        }
        assertThat(login().statusCode()).as("no failures were counted").isEqualTo(200);
    }

    @Test
    void rawHostHeaderIsWhatOwnMeans() {
        String body = BODY;
        RawHttp.Answer a = RawHttp.send(server.port(), "POST /login HTTP/1.1\r\nHost: auth.example.test\r\nConnection: close\r\n"
                + "Origin: https://auth.example.test\r\nContent-Type: application/json\r\nContent-Length: " + body.length(),
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(a.status()).as("served under another name: its own origin").isEqualTo(200);
    }
}
