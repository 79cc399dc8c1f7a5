package io.github.jwtextended.servlet;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.conformance.ConformanceServer;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guarded {@code /admin/*} on real Tomcat and Jetty, in front of an application that routes on the
 * raw request URI, percent-decoded naively, case-insensitively, with path parameters dropped and
 * repeated slashes merged (as hand-written routers and several frameworks do), not on the path the
 * container normalised for the filter. Whatever path a request spells, the admin handler never runs
 * without a verified token: the container refuses the request (400/404), or the filter answers it
 * (401 for a guarded path, 400 {@code Ambiguous request path} for a path that can be read two ways).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PathNormalisationTest {
    private static final String SECRET = "servlet-test-only-secret-key-long-enough-0123456789";
    private static final String AMBIGUOUS = "{\"msg\":\"Ambiguous request path\"}";

    /** Requests that reached the admin handler without a verified token, by container and target. */
    private final ConcurrentLinkedQueue<String> unguardedRuns = new ConcurrentLinkedQueue<>();
    private final List<ConformanceServer> servers = new ArrayList<>();
    private JwtManager manager;
    private Map<String, ConformanceServer> byName;

    @BeforeAll
    void start() {
        manager = JwtManager.builder(JwtConfig.builder().keys(k -> k.withSecret(SECRET)).build()).build();
        byName = Map.of("tomcat", start(TomcatServer::start, "tomcat"), "jetty", start(JettyServer::start, "jetty"));
    }

    private ConformanceServer start(BiFunction<Filter, HttpServlet, ConformanceServer> container, String name) {
        JwtFilter filter = JwtFilter.builder(manager).guard("/admin/*", Guard.required()).build();
        ConformanceServer s = container.apply(filter, new RawUriRouter(name));
        servers.add(s);
        return s;
    }

    @AfterAll
    void stop() {
        servers.forEach(ConformanceServer::close);
    }

    /** The application: dispatches on {@code getRequestURI()}, never on the servlet path. */
    private final class RawUriRouter extends HttpServlet {
        private final String container;

        RawUriRouter(String container) {
            this.container = container;
        }

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
            String route;
            try {
                route = URLDecoder.decode(req.getRequestURI().replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                route = "";
            }
            route = route.replaceAll(";[^/]*", "").replace('\\', '/').replaceAll("/+", "/");
            res.setContentType("application/json");
            if (route.regionMatches(true, 0, "/admin", 0, 6) && (route.length() == 6 || route.charAt(6) == '/')) {
                if (req.getAttribute(ServletJwt.JWT_ATTRIBUTE) == null) {
                    unguardedRuns.add(container + " " + req.getRequestURI());
                }
                res.getWriter().write("{\"admin\":true}");
            } else {
                res.setStatus(404);
                res.getWriter().write("{\"msg\":\"Not found\"}");
            }
        }
    }

    static Stream<Arguments> hostileTargets() {
        List<String> targets = List.of(
                "/admin/..;/x", "/admin/..;/", "/admin;/x", "/admin;x/y", "/admin;jsessionid=1", "/admin/x;p=1",
                "//admin", "//admin/x", "///admin/x", "/admin//x", "/x//admin",
                "/admin/%2e%2e/x", "/admin/%2E%2E/x", "/admin/%2e%2e%2fx", "/admin/.%2e/x", "/%2e/admin", "/admin/%2e",
                "/admin%2fx", "/admin%2Fx", "/admin%5cx", "/admin%5Cx", "/admin%3bx/y", "/admin%252e%252e/x", "/admin%00",
                "/admin/./x", "/./admin", "/admin/../x", "/x/../admin", "/admin/..",
                "/admin/", "/ADMIN", "/Admin/x", "/ADMIN/", "/aDmIn/X", "/%61dmin", "/%41DMIN/x", "/ADM%C4%B0N/x", "/adm%C4%B1n",
                "/admin");
        List<Arguments> all = new ArrayList<>();
        for (String container : List.of("tomcat", "jetty")) {
            for (String target : targets) {
                all.add(Arguments.of(container, target));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileTargets")
    void aGuardedHandlerNeverRunsWithoutAToken(String container, String target) throws IOException {
        int before = unguardedRuns.size();
        Answer a = get(byName.get(container), target, null);
        assertThat(unguardedRuns).as("the admin handler ran without a token").hasSize(before);
        assertThat(a.status()).as(a.toString()).isIn(400, 401, 404);
        if (a.status() == 400 && a.body().startsWith("{")) {
            assertThat(a.body()).as("the filter's answer (the container's own 400 is its error page)").isEqualTo(AMBIGUOUS);
        }
        if (a.status() == 401) {
            assertThat(a.body()).isEqualTo("{\"msg\":\"Missing Authorization Header\"}");
        }
    }

    /** The same spellings with a valid token: refused as ambiguous, or served, never an error page of ours. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostileTargets")
    void withATokenTheSameSpellingsAreServedOrRefused(String container, String target) throws IOException {
        Answer a = get(byName.get(container), target, manager.createAccessToken("u"));
        assertThat(a.status()).as(a.toString()).isIn(200, 400, 404);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tomcat", "jetty"})
    void plainPathsAreUnchanged(String container) throws IOException {
        ConformanceServer s = byName.get(container);
        assertThat(get(s, "/admin/x", null)).isEqualTo(new Answer(401, "{\"msg\":\"Missing Authorization Header\"}"));
        assertThat(get(s, "/admin/x", manager.createAccessToken("u"))).isEqualTo(new Answer(200, "{\"admin\":true}"));
        assertThat(get(s, "/ADMIN/x", manager.createAccessToken("u"))).isEqualTo(new Answer(200, "{\"admin\":true}"));
        assertThat(get(s, "/admin/a%20b?q=%2F;x", manager.createAccessToken("u"))).isEqualTo(new Answer(200, "{\"admin\":true}"));
        assertThat(get(s, "/public/x.json", null)).isEqualTo(new Answer(404, "{\"msg\":\"Not found\"}"));
        assertThat(get(s, "/", null)).isEqualTo(new Answer(404, "{\"msg\":\"Not found\"}"));
        assertThat(get(s, "/caf%C3%A9+x", null)).isEqualTo(new Answer(404, "{\"msg\":\"Not found\"}"));
    }

    record Answer(int status, String body) {
    }

    /** One request, written byte for byte on a new connection (no client normalises the target). */
    private static Answer get(ConformanceServer server, String target, String token) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String response = all.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(response.substring(9, 12));
            int bodyStart = response.indexOf("\r\n\r\n");
            String body = bodyStart < 0 ? "" : response.substring(bodyStart + 4);
            if (response.substring(0, Math.max(bodyStart, 0)).toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new Answer(status, body);
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < chunked.length()) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            b.append(chunked, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return b.toString();
    }
}
