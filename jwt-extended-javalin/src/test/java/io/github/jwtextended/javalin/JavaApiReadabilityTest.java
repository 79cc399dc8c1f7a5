package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.javalin.readme.App;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API as a Java user meets it: the README's Javalin application ({@link App}, which is the
 * README's code: {@code ReadmeSnippetsTest}), run over HTTP as an API client uses it (tokens in
 * JSON and the {@code Authorization} header) and as a browser does (cookies and the CSRF header).
 */
class JavaApiReadabilityTest {
    static final Path APP_SOURCE = Path.of("src/test/java/io/github/jwtextended/javalin/readme/App.java");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String LOGIN = "{\"username\":\"test\",\"password\":\"test\"}";

    private JwtManager jwt;
    private Javalin app;

    @BeforeEach
    void start() {
        jwt = App.manager(JwtHttpTest.SECRET);
        app = App.app(jwt, (user, password) -> "test".equals(user) && "test".equals(password)).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void anApiClientLogsInRefreshesAndLogsOutWithEachOfItsTokens() throws Exception {
        assertError(send(post("/login").json("{\"username\":\"test\",\"password\":\"nope\"}")), 401, "Bad username or password");
        TestServer.Response login = send(post("/login").json(LOGIN));
        assertThat(login.status).isEqualTo(200);
        String access = field(login.body, "access_token");
        String refresh = field(login.body, "refresh_token");

        assertError(send(get("/protected")), 401, "Missing JWT in headers or cookies (Missing Authorization Header;"
                + " Missing cookie \"access_token_cookie\")");
        assertThat(send(get("/protected").bearer(access)).body).isEqualTo("{\"logged_in_as\":\"test\"}");
        assertError(send(get("/protected").bearer(refresh)), 422, "Only non-refresh tokens are allowed", refresh);

        TestServer.Response refreshed = send(post("/refresh").bearer(refresh));
        assertThat(refreshed.status).isEqualTo(200);
        String newAccess = field(refreshed.body, "access_token");
        assertThat(newAccess).isNotEqualTo(access);
        assertThat(jwt.decodeToken(newAccess).claim("fresh")).as("a refreshed token is not fresh").isEqualTo(false);
        assertThat(send(get("/protected").bearer(newAccess)).body).isEqualTo("{\"logged_in_as\":\"test\"}");

        assertThat(send(post("/logout").bearer(access)).body).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(send(post("/logout").bearer(refresh)).body).isEqualTo("{\"msg\":\"logout successful\"}");
        assertError(send(get("/protected").bearer(access)), 401, "Token has been revoked", access);
        assertError(send(post("/refresh").bearer(refresh)), 401, "Token has been revoked", refresh);
        assertThat(send(get("/protected").bearer(newAccess)).status).as("other tokens stay valid").isEqualTo(200);
    }

    /** The acceptance of issue #14: after a browser's logout, its refresh cookie is dead, and so is its access cookie. */
    @Test
    void aBrowsersRefreshCookieIsDeadAfterLogout() throws Exception {
        TestServer.Response login = send(post("/login").json(LOGIN));
        assertThat(login.status).isEqualTo(200);
        assertThat(login.setCookies()).hasSize(4).allSatisfy(c -> assertThat(c).contains("; Secure"));
        assertThat(login.setCookies()).filteredOn(c -> c.contains("_token_cookie=")).allSatisfy(c -> assertThat(c).contains("HttpOnly"));
        Map<String, String> jar = cookies(login, new LinkedHashMap<>());

        assertThat(send(get("/protected").cookies(jar)).body).isEqualTo("{\"logged_in_as\":\"test\"}");
        assertError(send(post("/refresh").cookies(jar)), 401, "Missing CSRF token");
        TestServer.Response refreshed = send(post("/refresh").cookies(jar).csrf(jar.get("csrf_refresh_token")));
        assertThat(refreshed.status).isEqualTo(200);
        assertThat(refreshed.setCookies()).hasSize(2);
        cookies(refreshed, jar);
        assertThat(send(get("/protected").cookies(jar)).body).isEqualTo("{\"logged_in_as\":\"test\"}");

        Map<String, String> beforeLogout = new LinkedHashMap<>(jar);
        assertError(send(post("/logout").cookies(jar)), 401, "Missing CSRF token");
        TestServer.Response logout = send(post("/logout").cookies(jar).csrf(jar.get("csrf_access_token")));
        assertThat(logout.status).isEqualTo(200);
        assertThat(logout.body).isEqualTo("{\"msg\":\"logout successful\"}");
        assertThat(logout.setCookies()).as("all four cleared").hasSize(4).allSatisfy(c -> assertThat(c).matches("[a-z_]+=; .*"));

        // A browser (or a copy of its cookies) that kept them gets nothing more from them.
        assertError(send(post("/refresh").cookies(beforeLogout).csrf(beforeLogout.get("csrf_refresh_token"))), 401,
                "Token has been revoked", beforeLogout.get("refresh_token_cookie"));
        assertError(send(get("/protected").cookies(beforeLogout)), 401, "Token has been revoked", beforeLogout.get("access_token_cookie"));
    }

    /** The example stays short and plain: no casts, no checked exceptions, no framework-specific ceremony. */
    @Test
    void theExampleReadsLikeAnOrdinaryJavalinApp() throws IOException {
        String source = Files.readString(APP_SOURCE);
        String body = source.substring(source.indexOf("public class App"));
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines.size()).as("non-blank lines of the example").isLessThanOrEqualTo(45);
        assertThat(body).doesNotContain("throws").doesNotContain("(String)").doesNotContain("(Map)").doesNotContain("(Map<")
                .doesNotContain("catch");
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }

    /** Adds the response's cookies to {@code jar} (a browser's: a cleared cookie is removed). */
    private static Map<String, String> cookies(TestServer.Response r, Map<String, String> jar) {
        for (String c : r.setCookies()) {
            String pair = c.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty()) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return jar;
    }

    private Call get(String path) {
        return new Call("GET", path);
    }

    private Call post(String path) {
        return new Call("POST", path);
    }

    private TestServer.Response send(Call call) throws Exception {
        return call.send(URI.create("http://127.0.0.1:" + app.port() + call.path));
    }

    /** One request: method, path, optional bearer token, cookies, CSRF header and JSON body. */
    private static final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String json;

        Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        Call bearer(String token) {
            headers.put("Authorization", "Bearer " + token);
            return this;
        }

        Call cookies(Map<String, String> jar) {
            headers.put("Cookie", String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            return this;
        }

        Call csrf(String value) {
            headers.put("X-CSRF-TOKEN", value);
            return this;
        }

        Call json(String body) {
            headers.put("Content-Type", "application/json");
            json = body;
            return this;
        }

        TestServer.Response send(URI uri) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            headers.forEach(b::header);
            b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new TestServer.Response(r.statusCode(), r.headers(), r.body());
        }
    }
}
