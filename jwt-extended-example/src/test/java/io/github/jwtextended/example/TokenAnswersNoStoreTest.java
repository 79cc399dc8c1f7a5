package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 6749 §5.1 / ASVS 14.3.2: every answer that carries a token (in its body or in a token
 * cookie) says {@code Cache-Control: no-store}: login, refresh with and without rotation, cookie
 * and header deployments, and the implicit refresh's re-issued access cookie.
 */
class TokenAnswersNoStoreTest {
    final Path dir = TestServers.tempDir("jwt-example-nostore");
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
        Server s = TestServers.start(env);
        servers.add(s);
        return new Client(s.port());
    }

    static void noStore(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().allValues("Cache-Control")).as("Cache-Control of %s %s", r.request().method(), r.uri())
                .containsExactly("no-store");
        assertThat(r.headers().firstValue("Pragma")).hasValue("no-cache");
    }

    static boolean setsTokenCookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith(name + "=") && !c.startsWith(name + "=;"));
    }

    @Test
    void loginAndRotatingRefreshWithCookies() {
        Client c = start();
        HttpResponse<String> login = c.login("testuser", "testpass");
        noStore(login);
        assertThat(setsTokenCookie(login, "access_token_cookie")).isTrue();
        HttpResponse<String> refresh = c.post("/refresh", null, "X-CSRF-TOKEN", c.cookie("csrf_refresh_token"));
        noStore(refresh);
        assertThat(Client.json(refresh).has("refresh_token")).isTrue();
    }

    @Test
    void refreshWithoutRotationAndHeaderOnlyDeployments() {
        Client c = start("REFRESH_TOKEN_ROTATION", "false", "JWT_TOKEN_LOCATION", "headers");
        HttpResponse<String> login = c.login("testuser", "testpass");
        noStore(login);
        assertThat(login.headers().allValues("Set-Cookie")).as("the device cookie only").allMatch(h -> h.startsWith("login_device_"));
        String refresh = Client.json(login).get("refresh_token").asText();
        noStore(c.post("/refresh", null, "Authorization", "Bearer " + refresh));
    }

    @Test
    void theImplicitRefreshsNewAccessCookieIsNotStoredEither() {
        // Access tokens live 60 s and the window is an hour: every cookie request gets a new one.
        Client c = start("JWT_ACCESS_TOKEN_EXPIRES", "60", "IMPLICIT_REFRESH_WINDOW_SECONDS", "3600");
        noStore(c.login("testuser", "testpass"));
        String before = c.cookie("access_token_cookie");
        HttpResponse<String> r = c.get("/protected");
        assertThat(setsTokenCookie(r, "access_token_cookie")).as("re-issued: %s", r.headers().map()).isTrue();
        noStore(r);
        assertThat(c.cookie("access_token_cookie")).isNotEqualTo(before);
    }

    @Test
    void answersWithoutTokensAreNotMarked() {
        Client c = start();
        JsonNode tokens = Client.json(c.login("testuser", "testpass"));
        HttpResponse<String> r = c.get("/protected", "Authorization", "Bearer " + tokens.get("access_token").asText());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Cache-Control")).as("no token in this answer").isEmpty();
        HttpResponse<String> logout = c.post("/logout", null, "X-CSRF-TOKEN", c.cookie("csrf_access_token"));
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.headers().allValues("Set-Cookie")).as("only cleared cookies").allMatch(v -> v.contains("=;"));
    }
}
