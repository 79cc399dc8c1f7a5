package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole example flow against a real server over HTTP, black box: only requests, answers and
 * the data folder are looked at. A subclass says which server ({@link #start}: the Javalin example,
 * the Spring Boot sample, ...) and which database ({@link #databaseEnv}). Each class gets its own
 * data folder (and database), shared by its tests.
 *
 * <p>Thread safety: JUnit runs one instance per class, its tests one at a time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FlowContract {
    protected Path dataDir;
    protected RunningServer server;
    private final List<RunningServer> extraServers = new ArrayList<>();

    /**
     * A server a subclass started for the contract.
     *
     * <p>Thread safety: as the server it stands for.
     */
    public interface RunningServer {
        /** The port it listens on, at 127.0.0.1. */
        int port();

        /** Closes the server's database (its connection pool), as an outage would: every query fails from then on. */
        void closeDatabase();

        /** Stops the server; a second call does nothing. */
        void stop();
    }

    /**
     * Starts a server of the kind under test with these environment-style settings (the example
     * server's names: {@code HOST}, {@code PORT}, {@code DATA_DIR}, {@code DATABASE_URL},
     * {@code DEMO_USERS}, {@code JWT_*}, ...), never the real environment; fails when it cannot start.
     */
    protected abstract RunningServer start(Map<String, String> env);

    /** The settings for this database (HOST, PORT, DATA_DIR and DEMO_USERS are set by the base). */
    protected abstract Map<String, String> databaseEnv();

    /** Called after every server has stopped. */
    protected void cleanUpDatabase() {
    }

    /** HOST 127.0.0.1, PORT 0 (any free one), the data folder, DEMO_USERS on. */
    public static Map<String, String> baseEnv(Path dataDir) {
        Map<String, String> env = new HashMap<>();
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("DATA_DIR", dataDir.toString());
        env.put("DEMO_USERS", "true");
        return env;
    }

    protected Map<String, String> env() {
        Map<String, String> env = baseEnv(dataDir);
        env.putAll(databaseEnv());
        return env;
    }

    /** Starts one more server for a test; it is stopped with the class. */
    protected RunningServer startExtra(Map<String, String> env) {
        RunningServer s = start(env);
        extraServers.add(s);
        return s;
    }

    @BeforeAll
    public void startServer() throws IOException {
        dataDir = Files.createTempDirectory("jwt-example-flow");
        server = start(env());
    }

    @AfterAll
    public void stopServer() {
        for (RunningServer s : extraServers) {
            s.stop();
        }
        if (server != null) {
            server.stop();
        }
        cleanUpDatabase();
        delete(dataDir);
    }

    private static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Client browser() {
        return new Client(server.port());
    }

    protected Client api() {
        return new Client(server.port(), false);
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    /** A token's claims, read without verifying it (the servers under test verified it). */
    public static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return Client.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not a JWT payload", e);
        }
    }

    @Test
    public void cookieFlowWithCsrf() {
        Client c = browser();
        HttpResponse<String> login = c.login("testuser", "testpass");
        assertThat(login.statusCode()).isEqualTo(200);
        JsonNode body = Client.json(login);
        String firstAccess = body.get("access_token").asText();
        assertThat(body.get("refresh_token").asText()).isNotBlank();
        assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
        List<String> setCookies = login.headers().allValues("Set-Cookie");
        assertThat(setCookies).as("the token cookies and the login's device cookie").hasSize(5)
                .filteredOn(h -> h.startsWith(LoginProtectionContract.DEVICE_COOKIE_PREFIX)).hasSize(1);
        assertThat(setCookies).anySatisfy(h -> assertThat(h).startsWith("access_token_cookie=" + firstAccess + ";").contains("HttpOnly"));
        assertThat(setCookies).anySatisfy(h -> assertThat(h).startsWith("csrf_access_token=").doesNotContain("HttpOnly"));
        assertThat(c.cookie("access_token_cookie")).isEqualTo(firstAccess);
        assertThat(c.cookie("refresh_token_cookie")).isEqualTo(body.get("refresh_token").asText());
        String csrfAccess = c.cookie("csrf_access_token");
        String csrfRefresh = c.cookie("csrf_refresh_token");
        assertThat(csrfAccess).isNotBlank();
        assertThat(csrfRefresh).isNotBlank().isNotEqualTo(csrfAccess);

        assertThat(c.get("/protected").body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");
        assertThat(c.get("/fresh").statusCode()).isEqualTo(200);
        assertThat(c.get("/optional").body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");
        HttpResponse<String> admin = c.get("/admin");
        assertThat(admin.statusCode()).isEqualTo(403);
        assertThat(admin.body()).isEqualTo("{\"msg\":\"Admins only!\"}");

        HttpResponse<String> noCsrf = c.post("/protected", null);
        assertThat(noCsrf.statusCode()).isEqualTo(401);
        assertThat(Client.msg(noCsrf)).isEqualTo("Missing CSRF token");
        HttpResponse<String> badCsrf = c.post("/protected", null, "X-CSRF-TOKEN", csrfRefresh);
        assertThat(badCsrf.statusCode()).isEqualTo(401);
        assertThat(Client.msg(badCsrf)).isEqualTo("CSRF double submit tokens do not match");
        HttpResponse<String> postOk = c.post("/protected", null, "X-CSRF-TOKEN", csrfAccess);
        assertThat(postOk.statusCode()).isEqualTo(200);
        assertThat(postOk.body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");

        assertThat(Client.msg(c.post("/refresh", null))).isEqualTo("Missing CSRF token");
        assertThat(Client.msg(c.post("/refresh", null, "X-CSRF-TOKEN", csrfAccess))).isEqualTo("CSRF double submit tokens do not match");
        HttpResponse<String> refreshed = c.post("/refresh", null, "X-CSRF-TOKEN", csrfRefresh);
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().firstValue("Cache-Control")).contains("no-store");
        String secondAccess = Client.json(refreshed).get("access_token").asText();
        assertThat(secondAccess).isNotEqualTo(firstAccess);
        assertThat(c.cookie("access_token_cookie")).isEqualTo(secondAccess);
        JsonNode decoded = claims(secondAccess);
        assertThat(decoded.get("fresh").isBoolean() && !decoded.get("fresh").asBoolean()).as("fresh: false").isTrue();
        assertThat(decoded.get("roles").toString()).isEqualTo("[\"user\"]");
        HttpResponse<String> notFresh = c.get("/fresh");
        assertThat(notFresh.statusCode()).isEqualTo(401);
        assertThat(Client.msg(notFresh)).isEqualTo("Fresh token required");
        assertThat(c.get("/protected").statusCode()).isEqualTo(200);

        String refreshToken = c.cookie("refresh_token_cookie");
        String newCsrf = c.cookie("csrf_access_token");
        HttpResponse<String> logout = c.post("/logout", null, "X-CSRF-TOKEN", newCsrf);
        assertThat(logout.statusCode()).isEqualTo(200);
        assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(logout.headers().allValues("Set-Cookie")).hasSize(4)
                .allSatisfy(h -> assertThat(h).contains("=; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assertThat(c.cookie("access_token_cookie")).isNull();
        assertThat(c.cookie("refresh_token_cookie")).isNull();

        HttpResponse<String> gone = c.get("/protected");
        assertThat(gone.statusCode()).isEqualTo(401);
        assertThat(Client.msg(gone)).startsWith("Missing JWT in cookies or headers");
        Client replay = api();
        HttpResponse<String> revokedAccess = replay.get("/protected", "Authorization", bearer(secondAccess));
        assertThat(revokedAccess.statusCode()).isEqualTo(401);
        assertThat(Client.msg(revokedAccess)).isEqualTo("Token has been revoked");
        HttpResponse<String> revokedRefresh = replay.post("/refresh", null, "Authorization", bearer(refreshToken));
        assertThat(revokedRefresh.statusCode()).isEqualTo(401);
        assertThat(Client.msg(revokedRefresh)).isEqualTo("Token has been revoked");
        // The whole session is ended (flask-jwt-extended revokes only the presented token): the first
        // access token of the session was never presented to /logout and is revoked all the same.
        expect(replay.get("/protected", "Authorization", bearer(firstAccess)), 401, "Token has been revoked");
    }

    @Test
    public void bearerFlow() {
        Client c = api();
        HttpResponse<String> login = c.login("admin", "adminpass");
        assertThat(login.statusCode()).isEqualTo(200);
        String access = Client.json(login).get("access_token").asText();
        String refresh = Client.json(login).get("refresh_token").asText();
        assertThat(claims(access).get("roles").toString()).isEqualTo("[\"admin\",\"user\"]");

        assertThat(c.get("/protected", "Authorization", bearer(access)).body()).isEqualTo("{\"logged_in_as\":\"admin\"}");
        assertThat(c.post("/protected", null, "Authorization", bearer(access)).body())
                .as("no CSRF for headers").isEqualTo("{\"logged_in_as\":\"admin\"}");
        assertThat(c.get("/fresh", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
        assertThat(c.get("/admin", "Authorization", bearer(access)).body()).isEqualTo("{\"logged_in_as\":\"admin\"}");
        assertThat(c.get("/optional").body()).isEqualTo("{\"logged_in_as\":null}");

        HttpResponse<String> refreshed = c.post("/refresh", null, "Authorization", bearer(refresh));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().allValues("Set-Cookie")).as("rotation: both cookie pairs").hasSize(4);
        String second = Client.json(refreshed).get("access_token").asText();
        assertThat(c.get("/admin", "Authorization", bearer(second)).statusCode()).as("roles survive refresh").isEqualTo(200);
        assertThat(Client.msg(c.get("/fresh", "Authorization", bearer(second)))).isEqualTo("Fresh token required");

        HttpResponse<String> out = c.post("/logout", null, "Authorization", bearer(second));
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(Client.msg(c.get("/protected", "Authorization", bearer(second)))).isEqualTo("Token has been revoked");
        // The session is over: every token of it, the login's included, is revoked.
        assertThat(Client.msg(c.get("/protected", "Authorization", bearer(access)))).isEqualTo("Token has been revoked");
        assertThat(Client.msg(c.post("/refresh", null, "Authorization", bearer(refresh)))).isEqualTo("Token has been revoked");
        // A refresh token can log its session out too (any token type is accepted by /logout).
        JsonNode again = Client.json(c.login("admin", "adminpass"));
        String againAccess = again.get("access_token").asText();
        String againRefresh = again.get("refresh_token").asText();
        assertThat(c.post("/logout", null, "Authorization", bearer(againRefresh)).statusCode()).isEqualTo(200);
        assertThat(Client.msg(c.post("/refresh", null, "Authorization", bearer(againRefresh)))).isEqualTo("Token has been revoked");
        assertThat(Client.msg(c.get("/protected", "Authorization", bearer(againAccess)))).isEqualTo("Token has been revoked");
        assertThat(c.post("/logout", null, "Authorization", bearer(againRefresh)).statusCode()).isEqualTo(401);
    }

    @Test
    public void logoutAllRevokesEveryTokenOfTheCallerOnly() throws Exception {
        Client phone = browser();
        Client laptop = api();
        assertThat(phone.login("admin", "adminpass").statusCode()).isEqualTo(200);
        JsonNode laptopTokens = Client.json(laptop.login("admin", "adminpass"));
        String laptopAccess = laptopTokens.get("access_token").asText();
        String laptopRefresh = laptopTokens.get("refresh_token").asText();
        String other = Client.json(api().login("testuser", "testpass")).get("access_token").asText();

        HttpResponse<String> all = phone.post("/logout-all", null, "X-CSRF-TOKEN", phone.cookie("csrf_access_token"));
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).isEqualTo("{\"msg\":\"logged out everywhere\"}");
        assertThat(all.headers().allValues("Set-Cookie")).hasSize(4);
        expect(laptop.get("/protected", "Authorization", bearer(laptopAccess)), 401, "Token has been revoked");
        expect(laptop.post("/refresh", null, "Authorization", bearer(laptopRefresh)), 401, "Token has been revoked");
        expect(laptop.post("/logout-all", null, "Authorization", bearer(laptopRefresh)), 401, "Token has been revoked");
        assertThat(api().get("/protected", "Authorization", bearer(other)).statusCode()).as("other users untouched").isEqualTo(200);
        assertThat(Client.msg(api().post("/logout-all", null))).startsWith("Missing JWT");

        Thread.sleep(1100); // iat has whole seconds: a token of the same second as the logout is refused too
        String again = Client.json(laptop.login("admin", "adminpass")).get("access_token").asText();
        assertThat(laptop.get("/protected", "Authorization", bearer(again)).statusCode()).as("new logins work").isEqualTo(200);
        // A refresh token may log out everywhere too.
        String refreshAgain = Client.json(laptop.login("admin", "adminpass")).get("refresh_token").asText();
        assertThat(laptop.post("/logout-all", null, "Authorization", bearer(refreshAgain)).statusCode()).isEqualTo(200);
        expect(laptop.get("/protected", "Authorization", bearer(again)), 401, "Token has been revoked");
    }

    @Test
    public void errorAnswers() {
        Client c = api();
        String access = Client.json(c.login("testuser", "testpass")).get("access_token").asText();
        String refresh = Client.json(c.login("testuser", "testpass")).get("refresh_token").asText();

        expect(c.login("testuser", "wrong-password"), 401, "Bad username or password");
        expect(c.login("nobody", "testpass"), 401, "Bad username or password");
        expect(c.login("", ""), 401, "Bad username or password");

        HttpResponse<String> none = c.get("/protected");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(Client.msg(none)).isEqualTo("Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)");
        assertThat(Client.msg(c.get("/fresh"))).startsWith("Missing JWT");
        assertThat(Client.msg(c.get("/admin"))).startsWith("Missing JWT");
        assertThat(Client.msg(c.post("/refresh", null))).startsWith("Missing JWT");
        assertThat(Client.msg(c.post("/logout", null))).startsWith("Missing JWT");

        expect(c.get("/protected", "Authorization", "Bearer x.y"), 422, "Not enough segments");
        expect(c.get("/protected", "Authorization", "Token " + access), 401,
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; "
                        + "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>')");
        String[] parts = access.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + (parts[2].startsWith("A") ? "B" : "A") + parts[2].substring(1);
        expect(c.get("/protected", "Authorization", bearer(tampered)), 422, "Signature verification failed");
        expect(c.get("/protected", "Authorization", bearer(refresh)), 422, "Only non-refresh tokens are allowed");
        expect(c.post("/refresh", null, "Authorization", bearer(access)), 422, "Only refresh tokens are allowed");
        expect(c.get("/optional", "Authorization", "Bearer x.y"), 422, "Not enough segments");

        // A token signed with another key (another server's) is refused.
        Map<String, String> otherEnv = baseEnv(dataDir.resolve("other"));
        otherEnv.put("JWT_SECRET_KEY", "another-servers-secret-key-that-is-long-enough-0123456789");
        RunningServer other = startExtra(otherEnv);
        String foreign = Client.json(new Client(other.port(), false).login("testuser", "testpass")).get("access_token").asText();
        expect(c.get("/protected", "Authorization", bearer(foreign)), 422, "Signature verification failed");

        expect(c.get("/no-such-route"), 404, "Not Found");
        expect(c.send(c.request("/ping").DELETE()), 405, "Method Not Allowed");
        expect(c.send(c.request("/login").GET()), 405, "Method Not Allowed");

        HttpResponse<String> ping = c.get("/ping");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> health = c.get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(Client.json(health).get("status").asText()).isEqualTo("ok");
    }

    @Test
    public void expiredTokensAre401() throws Exception {
        Map<String, String> env = env();
        env.put("DATA_DIR", dataDir.resolve("short").toString());
        env.put("JWT_ACCESS_TOKEN_EXPIRES", "3");
        RunningServer shortLived = startExtra(env);
        Client c = new Client(shortLived.port(), false);
        String access = Client.json(c.login("testuser", "testpass")).get("access_token").asText();
        assertThat(c.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
        Thread.sleep(3100);
        expect(c.get("/protected", "Authorization", bearer(access)), 401, "Token has expired");
    }

    @Test
    public void malformedLoginBodiesAre4xxNever500() {
        Client c = api();
        String[][] cases = {
                {"not json", "400", "Request body is not valid JSON"},
                {"{\"username\": \"testuser\", \"password\": ", "400", "Request body is not valid JSON"},
                {"[\"testuser\", \"testpass\"]", "400", "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}"},
                {"\"testuser\"", "400", "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}"},
                {"42", "400", "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}"},
                {"null", "400", "Request body must be a JSON object: {\"username\": \"...\", \"password\": \"...\"}"},
                {"{}", "400", "Missing \"username\": a string is required"},
                {"{\"username\": \"testuser\"}", "400", "Missing \"password\": a string is required"},
                {"{\"username\": null, \"password\": \"testpass\"}", "400", "Missing \"username\": a string is required"},
                {"{\"username\": 123, \"password\": \"testpass\"}", "400", "\"username\" must be a string"},
                {"{\"username\": \"testuser\", \"password\": [\"testpass\"]}", "400", "\"password\" must be a string"},
                {"{\"username\": {\"$ne\": null}, \"password\": \"x\"}", "400", "\"username\" must be a string"},
                {"{\"username\": true, \"password\": false}", "400", "\"username\" must be a string"},
                {"{\"username\": \"a\", \"username\": \"testuser\", \"password\": \"testpass\"}", "400", "Request body is not valid JSON"},
                {"{\"username\": \"testuser\", \"password\": \"testpass\"} trailing", "400", "Request body is not valid JSON"},
                {"{\"username\": \"testuser\", \"password\": \"testpass\"}{}", "400", "Request body is not valid JSON"},
                {"[".repeat(5000) + "]".repeat(5000), "400", "Request body is not valid JSON"},
                {"{\"username\": \"" + "u".repeat(151) + "\", \"password\": \"x\"}", "400", "\"username\" is too long (at most 150 characters)"},
                {"{\"username\": \"testuser\", \"password\": \"" + "p".repeat(1025) + "\"}", "400", "\"password\" is too long (at most 1024 characters)"},
                {"{\"username\": \"testuser\", \"password\": \"" + "p".repeat(20000) + "\"}", "413", "Request body too large (at most 16384 bytes)"},
                {"{\"username\": \"test\\u0000user\", \"password\": \"testpass\"}", "401", "Bad username or password"},
                {"{\"username\": \"testuser\", \"password\": \"testpass\", \"extra\": 1}", "200", null},
        };
        for (String[] k : cases) {
            HttpResponse<String> r = c.post("/login", k[0]);
            assertThat(r.statusCode()).as(k[0].length() > 80 ? k[0].substring(0, 80) : k[0]).isEqualTo(Integer.parseInt(k[1]));
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            if (k[2] != null) {
                assertThat(Client.msg(r)).isEqualTo(k[2]);
            }
        }
        HttpResponse<String> invalidUtf8 = c.send(c.request("/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'})));
        expect(invalidUtf8, 400, "Request body is not valid JSON");
        expect(c.send(c.request("/login").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody())),
                400, "Missing JSON body: send {\"username\": \"...\", \"password\": \"...\"}");
        expect(c.send(c.request("/login").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"testuser\", \"password\": \"testpass\"}"))),
                415, "Content-Type must be application/json");
        expect(c.send(c.request("/login").POST(HttpRequest.BodyPublishers.ofString("username=testuser&password=testpass"))),
                415, "Content-Type must be application/json");
        expect(c.send(c.request("/login").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"testuser\", \"password\": \"testpass\"}"))), 200, null);
        HttpResponse<String> huge = c.send(c.request("/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[200_000])));
        assertThat(huge.statusCode()).isEqualTo(413);
    }

    /**
     * {@code REFRESH_TOKEN_IN_BODY}: on (the default, as flask-jwt-extended's examples) the login and
     * refresh answers carry the refresh token in their JSON; off, with cookies among the token
     * locations, only in the HttpOnly cookie, so a page's script never sees it, and refreshing
     * with that cookie works as before.
     */
    @Test
    public void theRefreshTokenStaysOutOfTheJsonWhenRefreshTokenInBodyIsOff() {
        Client on = browser();
        JsonNode withIt = Client.json(on.login("testuser", "testpass"));
        assertThat(withIt.get("refresh_token").asText()).isEqualTo(on.cookie("refresh_token_cookie"));

        Map<String, String> env = env();
        env.put("DATA_DIR", dataDir.resolve("refresh-in-cookie").toString());
        env.put("REFRESH_TOKEN_IN_BODY", "false");
        Client off = new Client(startExtra(env).port());
        HttpResponse<String> login = off.login("testuser", "testpass");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(Client.json(login).has("access_token")).isTrue();
        assertThat(login.body()).doesNotContain("refresh_token").doesNotContain(off.cookie("refresh_token_cookie"));
        HttpResponse<String> refreshed = off.post("/refresh", null, "X-CSRF-TOKEN", off.cookie("csrf_refresh_token"));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(Client.json(refreshed).has("access_token")).isTrue();
        assertThat(refreshed.body()).doesNotContain("refresh_token").doesNotContain(off.cookie("refresh_token_cookie"));
        assertThat(off.get("/protected").body()).isEqualTo("{\"logged_in_as\":\"testuser\"}");
    }

    @Test
    public void restartKeepsUsersRevocationsAndTheKey() throws Exception {
        Map<String, String> env = env();
        env.put("DATA_DIR", dataDir.resolve("restart").toString());
        RunningServer first = startExtra(env);
        Client c = new Client(first.port(), false);
        JsonNode kept = Client.json(c.login("admin", "adminpass"));
        JsonNode dropped = Client.json(c.login("testuser", "testpass"));
        String keptAccess = kept.get("access_token").asText();
        String droppedAccess = dropped.get("access_token").asText();
        String droppedRefresh = dropped.get("refresh_token").asText();
        assertThat(c.post("/logout", null, "Authorization", bearer(droppedAccess)).statusCode()).isEqualTo(200);
        Path keyFile = dataDir.resolve("restart").resolve("jwt-secret.key");
        String key = Files.readString(keyFile);
        first.stop();

        Map<String, String> again = new java.util.HashMap<>(env);
        again.put("DEMO_USERS", "false");
        RunningServer second = startExtra(again);
        Client d = new Client(second.port(), false);
        assertThat(Files.readString(keyFile)).as("the same key").isEqualTo(key);
        assertThat(d.get("/protected", "Authorization", bearer(keptAccess)).body())
                .as("tokens issued before the restart still verify").isEqualTo("{\"logged_in_as\":\"admin\"}");
        assertThat(d.post("/refresh", null, "Authorization", bearer(kept.get("refresh_token").asText())).statusCode()).isEqualTo(200);
        expect(d.get("/protected", "Authorization", bearer(droppedAccess)), 401, "Token has been revoked");
        expect(d.post("/refresh", null, "Authorization", bearer(droppedRefresh)), 401, "Token has been revoked");
        assertThat(d.login("testuser", "testpass").statusCode()).as("users are still there").isEqualTo(200);
    }

    @Test
    public void aDatabaseOutageAnswers503AndLogoutNeverClaimsSuccess() {
        Map<String, String> env = env();
        env.put("DATA_DIR", dataDir.resolve("outage").toString());
        RunningServer doomed = startExtra(env);
        Client c = new Client(doomed.port(), false);
        JsonNode tokens = Client.json(c.login("testuser", "testpass"));
        String access = tokens.get("access_token").asText();
        assertThat(c.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);

        doomed.closeDatabase();

        HttpResponse<String> logout = c.post("/logout", null, "Authorization", bearer(access));
        assertThat(logout.statusCode()).isEqualTo(503);
        assertThat(logout.body()).doesNotContain("logout successful");
        assertThat(logout.headers().allValues("Set-Cookie")).isEmpty();
        // The near cache (on by default) answers from its copy until it is older than its staleness
        // bound (REVOCATION_NEAR_CACHE_STALENESS_MS, 1 s): then every check goes to the database, 503.
        long closed = System.nanoTime();
        HttpResponse<String> r;
        while ((r = c.get("/protected", "Authorization", bearer(access))).statusCode() == 200) {
            assertThat(System.nanoTime() - closed).as("503 within the 1 s staleness bound").isLessThan(1_300_000_000L);
        }
        expect(r, 503, "Token revocation status is temporarily unavailable");
        expect(c.get("/protected", "Authorization", bearer(access)), 503, "Token revocation status is temporarily unavailable");
        expect(c.login("testuser", "testpass"), 503, "Service temporarily unavailable");
        expect(c.get("/healthz"), 503, "Database unavailable");
        assertThat(c.get("/ping").statusCode()).as("liveness does not touch the database").isEqualTo(200);
    }

    public static void expect(HttpResponse<String> r, int status, String msg) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        if (msg != null) {
            assertThat(Client.msg(r)).isEqualTo(msg);
        }
    }
}
