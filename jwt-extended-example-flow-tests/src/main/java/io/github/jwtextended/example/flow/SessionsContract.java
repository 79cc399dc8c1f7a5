package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.github.jwtextended.example.flow.FlowContract.bearer;
import static io.github.jwtextended.example.flow.FlowContract.expect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over HTTP, black box, on the example servers: refresh-token rotation under concurrent
 * refreshes with one refresh cookie (two tabs, a double click: every answer 200 and every answer's
 * tokens keep working), reuse of a superseded refresh token after the window (the session is
 * revoked), {@code GET /sessions}, {@code DELETE /sessions/{id}}, {@code POST /logout-others}, and
 * {@code /logout} ending the whole session. A subclass says which server ({@link #start}); each
 * test starts its own, on SQLite in a fresh data folder, with real time (a 1 s reuse window where
 * the test needs to wait past it).
 *
 * <p>Thread safety: JUnit runs one test at a time per instance.
 */
public abstract class SessionsContract extends ServerPerTestContract {
    public static final String FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
    public static final String CHROME_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0.0.0 Safari/537.36";

    protected SessionsContract() {
        super("jwt-sessions");
    }

    /** The refresh cookie and its CSRF value, as a browser holds them. */
    public record RefreshCookie(String token, String csrf) {
    }

    /** A browser's login: its cookies are kept by the client. */
    protected Client browserLogin(String user, String password, String userAgent) {
        Client c = new Client(port);
        HttpResponse<String> r = c.send(c.request("/login", "User-Agent", userAgent, "Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}")));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return c;
    }

    /** {@code POST /refresh} with a refresh cookie and its CSRF header only, from a client without a cookie jar. */
    protected HttpResponse<String> refresh(RefreshCookie cookie) {
        Client c = new Client(port, false);
        return c.post("/refresh", null, "Cookie", "refresh_token_cookie=" + cookie.token(), "X-CSRF-TOKEN", cookie.csrf());
    }

    /** The refresh cookie an answer sets (and its CSRF cookie). */
    protected static RefreshCookie refreshCookieOf(HttpResponse<String> r) {
        String token = setCookie(r, "refresh_token_cookie");
        String csrf = setCookie(r, "csrf_refresh_token");
        assertThat(token).as("the answer sets the refresh cookie").isNotBlank();
        return new RefreshCookie(token, csrf);
    }

    protected static String setCookie(HttpResponse<String> r, String name) {
        for (String h : r.headers().allValues("Set-Cookie")) {
            if (h.startsWith(name + "=")) {
                int end = h.indexOf(';');
                return h.substring(name.length() + 1, end < 0 ? h.length() : end);
            }
        }
        return null;
    }

    /** {@code n} refreshes sent at the same moment, each with {@code cookie}. */
    protected List<HttpResponse<String>> concurrentRefreshes(RefreshCookie cookie, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<HttpResponse<String>> call = () -> {
                    go.await();
                    return refresh(cookie);
                };
                futures.add(pool.submit(call));
            }
            go.countDown();
            List<HttpResponse<String>> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void concurrentRefreshesWithOneRefreshCookieAllSucceedAndEveryAnswerKeepsWorking() throws Exception {
        serve();
        for (int n : new int[] {2, 8}) {
            Client tab = browserLogin("testuser", "testpass", FIREFOX_LINUX);
            RefreshCookie shared = new RefreshCookie(tab.cookie("refresh_token_cookie"), tab.cookie("csrf_refresh_token"));
            List<HttpResponse<String>> answers = concurrentRefreshes(shared, n);
            for (HttpResponse<String> a : answers) {
                assertThat(a.statusCode()).as(n + " concurrent refreshes: " + a.body()).isEqualTo(200);
            }
            Client api = new Client(port, false);
            for (HttpResponse<String> a : answers) {
                String access = Client.json(a).get("access_token").asText();
                assertThat(api.get("/protected", "Authorization", bearer(access)).statusCode())
                        .as("every answer's access token works").isEqualTo(200);
            }
            // Whichever answer a tab stored, its refresh cookie refreshes again (one line: the first
            // of these rotates, the others are its previous token within the window), and the line goes on.
            HttpResponse<String> next = null;
            for (HttpResponse<String> a : answers) {
                next = refresh(refreshCookieOf(a));
                assertThat(next.statusCode()).as("the next refresh with an answer's cookie: " + next.body()).isEqualTo(200);
                String access = Client.json(next).get("access_token").asText();
                assertThat(api.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
            }
            HttpResponse<String> after = refresh(refreshCookieOf(next));
            assertThat(after.statusCode()).as("and the one after: " + after.body()).isEqualTo(200);
            assertThat(refresh(refreshCookieOf(after)).statusCode()).isEqualTo(200);
            assertThat(tab.get("/protected").statusCode()).as("the tab's own access cookie still works").isEqualTo(200);
        }
    }

    @Test
    public void aSupersededRefreshTokenReplayedAfterTheWindowRevokesTheSession() throws Exception {
        serve("REFRESH_REUSE_GRACE_SECONDS", "1");
        Client tab = browserLogin("testuser", "testpass", FIREFOX_LINUX);
        RefreshCookie first = new RefreshCookie(tab.cookie("refresh_token_cookie"), tab.cookie("csrf_refresh_token"));
        HttpResponse<String> rotated = refresh(first);
        assertThat(rotated.statusCode()).isEqualTo(200);
        RefreshCookie second = refreshCookieOf(rotated);
        String secondAccess = Client.json(rotated).get("access_token").asText();
        assertThat(refresh(first).statusCode()).as("within the window: the same line").isEqualTo(200);

        Thread.sleep(1500);
        expect(refresh(first), 401, "Token has been revoked");
        expect(refresh(second), 401, "Token has been revoked");
        Client api = new Client(port, false);
        expect(api.get("/protected", "Authorization", bearer(secondAccess)), 401, "Token has been revoked");
        expect(tab.get("/protected"), 401, "Token has been revoked");
    }

    @Test
    public void sessionsAreListedAndEndedThroughTheEndpoints() throws Exception {
        serve();
        Client firefox = browserLogin("testuser", "testpass", FIREFOX_LINUX);
        Client chrome = browserLogin("testuser", "testpass", CHROME_WINDOWS);
        Client api = new Client(port, false);
        HttpResponse<String> curlLogin = api.send(api.request("/login", "User-Agent", "curl/8.5.0", "Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"username\": \"testuser\", \"password\": \"testpass\"}")));
        JsonNode curlTokens = Client.json(curlLogin);
        String curlAccess = curlTokens.get("access_token").asText();
        String curlRefresh = curlTokens.get("refresh_token").asText();
        Client admin = browserLogin("admin", "adminpass", FIREFOX_LINUX);

        HttpResponse<String> listed = firefox.get("/sessions");
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode sessions = Client.json(listed);
        assertThat(sessions.isArray()).isTrue();
        assertThat(sessions).hasSize(3);
        assertThat(clients(sessions)).containsExactlyInAnyOrder(
                "Firefox on Linux, 127.0.0.0/24", "Chrome on Windows, 127.0.0.0/24", "curl, 127.0.0.0/24");
        JsonNode own = current(sessions);
        assertThat(own.get("client").asText()).isEqualTo("Firefox on Linux, 127.0.0.0/24");
        assertThat(own.get("id").asText()).isEqualTo(FlowContract.claims(firefox.cookie("access_token_cookie")).get("fam").asText());
        Instant created = Instant.parse(own.get("created_at").asText());
        assertThat(created).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(Instant.parse(own.get("last_used_at").asText())).isAfterOrEqualTo(created);
        assertThat(sessions.toString()).doesNotContain("Mozilla").doesNotContain(curlAccess).doesNotContain(curlRefresh);
        for (JsonNode s : sessions) {
            assertThat(s.get("current").asBoolean()).isEqualTo(s == own);
        }
        assertThat(Client.json(api.get("/sessions", "Authorization", bearer(curlAccess)))).hasSize(3);
        assertThat(Client.json(admin.get("/sessions"))).as("another user sees only theirs").hasSize(1);
        expect(api.get("/sessions", "Authorization", bearer(curlRefresh)), 422, "Only non-refresh tokens are allowed");
        assertThat(Client.msg(api.get("/sessions"))).startsWith("Missing JWT");

        String curlSession = sessionWithClient(sessions, "curl, 127.0.0.0/24");
        String chromeSession = sessionWithClient(sessions, "Chrome on Windows, 127.0.0.0/24");
        // Another user's session id answers exactly as an unknown one: no oracle.
        HttpResponse<String> foreign = admin.send(admin.request("/sessions/" + curlSession,
                "X-CSRF-TOKEN", admin.cookie("csrf_access_token")).DELETE());
        HttpResponse<String> unknown = admin.send(admin.request("/sessions/AAAAAAAAAAAAAAAAAAAAAA",
                "X-CSRF-TOKEN", admin.cookie("csrf_access_token")).DELETE());
        expect(foreign, 404, "Session not found");
        assertThat(foreign.body()).isEqualTo(unknown.body());
        assertThat(unknown.statusCode()).isEqualTo(404);
        expect(admin.send(admin.request("/sessions/not-a-session!", "X-CSRF-TOKEN", admin.cookie("csrf_access_token")).DELETE()),
                404, "Session not found");
        assertThat(api.get("/protected", "Authorization", bearer(curlAccess)).statusCode()).as("left alone").isEqualTo(200);
        // A cookie request needs its CSRF header, as every DELETE.
        expect(firefox.send(firefox.request("/sessions/" + curlSession).DELETE()), 401, "Missing CSRF token");

        HttpResponse<String> ended = firefox.send(firefox.request("/sessions/" + curlSession,
                "X-CSRF-TOKEN", firefox.cookie("csrf_access_token")).DELETE());
        expect(ended, 200, "session ended");
        assertThat(ended.headers().allValues("Set-Cookie")).as("another session: the caller stays logged in").isEmpty();
        expect(api.get("/protected", "Authorization", bearer(curlAccess)), 401, "Token has been revoked");
        expect(api.post("/refresh", null, "Authorization", bearer(curlRefresh)), 401, "Token has been revoked");
        expect(firefox.send(firefox.request("/sessions/" + curlSession, "X-CSRF-TOKEN", firefox.cookie("csrf_access_token")).DELETE()),
                404, "Session not found");
        assertThat(Client.json(firefox.get("/sessions"))).hasSize(2);

        HttpResponse<String> others = firefox.post("/logout-others", null, "X-CSRF-TOKEN", firefox.cookie("csrf_access_token"));
        assertThat(others.statusCode()).as(others.body()).isEqualTo(200);
        assertThat(Client.json(others).get("ended").asInt()).isEqualTo(1);
        expect(chrome.get("/protected"), 401, "Token has been revoked");
        expect(chrome.post("/refresh", null, "X-CSRF-TOKEN", chrome.cookie("csrf_refresh_token")), 401, "Token has been revoked");
        JsonNode left = Client.json(firefox.get("/sessions"));
        assertThat(left).hasSize(1);
        assertThat(left.get(0).get("current").asBoolean()).isTrue();
        assertThat(left.get(0).get("id").asText()).isNotEqualTo(chromeSession);
        assertThat(Client.json(admin.get("/sessions"))).as("another user's sessions untouched").hasSize(1);

        // Ending the current session logs the caller out: its cookies are cleared and its tokens revoked.
        String access = firefox.cookie("access_token_cookie");
        HttpResponse<String> self = firefox.send(firefox.request("/sessions/" + left.get(0).get("id").asText(),
                "X-CSRF-TOKEN", firefox.cookie("csrf_access_token")).DELETE());
        expect(self, 200, "session ended");
        assertThat(self.headers().allValues("Set-Cookie")).hasSize(4)
                .allSatisfy(h -> assertThat(h).contains("=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assertThat(firefox.cookie("access_token_cookie")).isNull();
        expect(api.get("/protected", "Authorization", bearer(access)), 401, "Token has been revoked");
    }

    @Test
    public void theLastUseOfASessionIsItsLatestRefresh() throws Exception {
        serve();
        Client tab = browserLogin("testuser", "testpass", FIREFOX_LINUX);
        JsonNode before = current(Client.json(tab.get("/sessions")));
        Thread.sleep(1100);
        assertThat(tab.post("/refresh", null, "X-CSRF-TOKEN", tab.cookie("csrf_refresh_token")).statusCode()).isEqualTo(200);
        JsonNode after = current(Client.json(tab.get("/sessions")));
        assertThat(after.get("id").asText()).isEqualTo(before.get("id").asText());
        assertThat(after.get("created_at").asText()).isEqualTo(before.get("created_at").asText());
        assertThat(Instant.parse(after.get("last_used_at").asText())).isAfter(Instant.parse(before.get("last_used_at").asText()));
    }

    @Test
    public void logoutEndsTheWholeSessionIncludingCopiedAccessCookies() {
        serve();
        Client tab = browserLogin("testuser", "testpass", FIREFOX_LINUX);
        Client other = browserLogin("testuser", "testpass", CHROME_WINDOWS);
        String copiedAccess = tab.cookie("access_token_cookie");
        String copiedCsrf = tab.cookie("csrf_access_token");
        assertThat(tab.post("/refresh", null, "X-CSRF-TOKEN", tab.cookie("csrf_refresh_token")).statusCode()).isEqualTo(200);
        expect(tab.post("/logout", null, "X-CSRF-TOKEN", tab.cookie("csrf_access_token")), 200, "logout successful");

        Client thief = new Client(port, false);
        expect(thief.get("/protected", "Cookie", "access_token_cookie=" + copiedAccess), 401, "Token has been revoked");
        expect(thief.post("/protected", null, "Cookie", "access_token_cookie=" + copiedAccess + "; csrf_access_token=" + copiedCsrf,
                "X-CSRF-TOKEN", copiedCsrf), 401, "Token has been revoked");
        assertThat(other.get("/protected").statusCode()).as("the user's other sessions go on").isEqualTo(200);
        assertThat(Client.json(other.get("/sessions"))).hasSize(1);
    }

    @Test
    public void withoutRotationThereAreNoSessionsToShow() {
        serve("REFRESH_TOKEN_ROTATION", "false");
        Client tab = browserLogin("testuser", "testpass", FIREFOX_LINUX);
        expect(tab.get("/sessions"), 404, "Sessions need refresh-token rotation (REFRESH_TOKEN_ROTATION=true)");
        expect(tab.post("/logout-others", null, "X-CSRF-TOKEN", tab.cookie("csrf_access_token")),
                404, "Sessions need refresh-token rotation (REFRESH_TOKEN_ROTATION=true)");
    }

    private static JsonNode current(JsonNode sessions) {
        JsonNode found = null;
        for (JsonNode s : sessions) {
            if (s.get("current").asBoolean()) {
                assertThat(found).as("one current session").isNull();
                found = s;
            }
        }
        assertThat(found).as("the current session is listed").isNotNull();
        return found;
    }

    private static List<String> clients(JsonNode sessions) {
        List<String> out = new ArrayList<>();
        sessions.forEach(s -> out.add(s.get("client").asText()));
        return out;
    }

    private static String sessionWithClient(JsonNode sessions, String client) {
        for (JsonNode s : sessions) {
            if (s.get("client").asText().equals(client)) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no session of " + client + " in " + sessions);
    }
}
