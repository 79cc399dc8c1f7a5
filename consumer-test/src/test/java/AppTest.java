import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's Javalin example ({@code src/main/java/App.java}), compiled against the installed
 * jwt-extended artifacts, serves a real login and {@code /protected} over HTTP.
 */
class AppTest {
    /** A fake test secret (the 32-byte minimum of HS256 is met). */
    private static final String SECRET = "consumer-test secret, fake, never used in production";

    private final HttpClient http = HttpClient.newHttpClient();
    private Javalin app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.stop();
        }
    }

    @Test
    void theReadmeAppLogsInAndServesTheProtectedRoute() throws Exception {
        app = App.app(App.manager(SECRET), (user, password) -> "alice".equals(user) && "wonderland".equals(password))
                .start("127.0.0.1", 0);
        String base = "http://127.0.0.1:" + app.port();

        HttpResponse<String> refused = send("POST", base + "/login", null, "{\"username\":\"alice\",\"password\":\"nope\"}");
        assertEquals(401, refused.statusCode());
        assertEquals("{\"msg\":\"Bad username or password\"}", refused.body());

        HttpResponse<String> login = send("POST", base + "/login", null, "{\"username\":\"alice\",\"password\":\"wonderland\"}");
        assertEquals(200, login.statusCode(), login.body());
        String access = field(login.body(), "access_token");
        String refresh = field(login.body(), "refresh_token");
        assertNotEquals(access, refresh);

        HttpResponse<String> me = send("GET", base + "/protected", access, null);
        assertEquals(200, me.statusCode(), me.body());
        assertEquals("{\"logged_in_as\":\"alice\"}", me.body());

        HttpResponse<String> anonymous = send("GET", base + "/protected", null, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"msg\":\"Missing JWT in headers or cookies (Missing Authorization Header; Missing cookie \\\"access_token_cookie\\\")\"}",
                anonymous.body());

        assertTrue(login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("access_token_cookie=")),
                "login sets the access cookie for browsers");

        HttpResponse<String> logout = send("POST", base + "/logout", access, null);
        assertEquals(200, logout.statusCode(), logout.body());
        assertEquals("{\"msg\":\"logout successful\"}", logout.body());
        HttpResponse<String> revoked = send("GET", base + "/protected", access, null);
        assertEquals(401, revoked.statusCode());
        assertEquals("{\"msg\":\"Token has been revoked\"}", revoked.body());
    }

    /** App.java is the README's Javalin example as it stands, not an older copy of it. */
    @Test
    void appJavaIsTheReadmeExample() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("<!-- snippet: javalin-app -->\\R```java\\R(.*?)```", Pattern.DOTALL).matcher(readme);
        assertTrue(m.find(), "README.md has the ```java block marked <!-- snippet: javalin-app -->");
        String app = Files.readString(Path.of("src", "main", "java", "App.java"));
        assertEquals(m.group(1), app, "consumer-test/src/main/java/App.java must be the README's Javalin example: copy it over");
    }

    private HttpResponse<String> send(String method, String url, String bearer, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }
}
