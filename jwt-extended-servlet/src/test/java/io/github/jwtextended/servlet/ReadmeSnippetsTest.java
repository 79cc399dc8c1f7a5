package io.github.jwtextended.servlet;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.ReadmeSnippets;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.servlet.readme.JwtSetup;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's code is {@code readme/JwtSetup.java} and {@code readme/AuthServlet.java}, imports
 * included, and works as written on Jetty: a browser's refresh cookie is dead after its logout.
 */
class ReadmeSnippetsTest {
    private static final String SECRET = "servlet-readme-only-secret-key-long-enough-0123456789";
    private static final Path SETUP = Path.of("src/test/java/io/github/jwtextended/servlet/readme/JwtSetup.java");
    private static final Path AUTH = Path.of("src/test/java/io/github/jwtextended/servlet/readme/AuthServlet.java");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theReadmesCodeIsCompiled() {
        ReadmeSnippets.assertCompiled(Path.of("README.md"), Map.of("servlet-setup", SETUP, "servlet-auth", AUTH));
    }

    @Test
    void aBrowsersRefreshCookieIsDeadAfterLogout() throws Exception {
        // What JwtSetup.contextInitialized builds from JWT_SECRET_KEY and JWT_TOKEN_LOCATION=headers,cookies.
        JwtManager jwt = JwtManager.builder(JwtConfig.builder().keys(k -> k.withSecret(SECRET))
                .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES).build())
                .revocationStore(new InMemoryRevocationStore()).build();
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        http.setHeaderCacheCaseSensitive(true);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                JwtSetup.register(event.getServletContext(), jwt);
            }
        });
        server.setHandler(context);
        server.start();
        try {
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<String> login = send(base, "POST", "/api/login", Map.of());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().allValues("Set-Cookie")).hasSize(4);
            Map<String, String> jar = cookies(login);
            String cookie = String.join("; ", jar.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());

            assertThat(send(base, "GET", "/api/me", Map.of()).body()).isEqualTo("{\"msg\":\"Missing JWT in headers or cookies"
                    + " (Missing Authorization Header; Missing cookie \\\"access_token_cookie\\\")\"}");
            assertThat(send(base, "GET", "/api/me", Map.of("Cookie", cookie)).body()).contains("\"logged_in_as\":\"alice\"");
            assertThat(send(base, "POST", "/api/refresh", Map.of("Cookie", cookie)).body()).isEqualTo("{\"msg\":\"Missing CSRF token\"}");
            assertThat(send(base, "POST", "/api/refresh", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_refresh_token")))
                    .statusCode()).isEqualTo(200);

            HttpResponse<String> logout = send(base, "POST", "/api/logout", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_access_token")));
            assertThat(logout.body()).isEqualTo("{\"msg\":\"logout successful\"}");
            assertThat(logout.headers().allValues("Set-Cookie")).hasSize(4);

            HttpResponse<String> dead = send(base, "POST", "/api/refresh", Map.of("Cookie", cookie, "X-CSRF-TOKEN", jar.get("csrf_refresh_token")));
            assertThat(dead.statusCode()).isEqualTo(401);
            assertThat(dead.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
            assertThat(send(base, "GET", "/api/me", Map.of("Cookie", cookie)).body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<String> send(String base, String method, String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> cookies(HttpResponse<String> r) {
        Map<String, String> jar = new LinkedHashMap<>();
        for (String c : r.headers().allValues("Set-Cookie")) {
            String pair = c.split(";", 2)[0];
            jar.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        return jar;
    }
}
