package io.github.jwtextended.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the servlet filter does beyond the conformance kit: pattern choice, body replay, misuse. */
class JwtFilterTest {
    private static final String SECRET = "servlet-test-only-secret-key-long-enough-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private JettyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JwtManager manager(JwtConfig.Builder config) {
        return JwtManager.builder(config.keys(k -> k.withSecret(SECRET)).build()).build();
    }

    @Test
    void theMostSpecificPatternDecides() {
        JwtFilter f = JwtFilter.builder(manager(JwtConfig.builder()))
                .guard("/*", Guard.required().optional(true))
                .guard("/api/*", Guard.required())
                .guard("/api/admin/*", Guard.required().fresh(true))
                .guard("/api/refresh", Guard.required().refresh(true))
                .guard("*.json", Guard.required().verifyType(false))
                .permit("/api/health")
                .build();
        assertThat(f.guardFor("/")).isEqualTo(Guard.required().optional(true));
        assertThat(f.guardFor("/elsewhere")).isEqualTo(Guard.required().optional(true));
        assertThat(f.guardFor("/api")).isEqualTo(Guard.required());
        assertThat(f.guardFor("/api/x")).isEqualTo(Guard.required());
        assertThat(f.guardFor("/apix")).isEqualTo(Guard.required().optional(true));
        assertThat(f.guardFor("/api/admin/users")).isEqualTo(Guard.required().fresh(true));
        assertThat(f.guardFor("/api/refresh")).isEqualTo(Guard.required().refresh(true));
        assertThat(f.guardFor("/api/health")).isNull();
        assertThat(f.guardFor("/api/data.json")).as("a prefix beats an extension").isEqualTo(Guard.required());

        JwtFilter ext = JwtFilter.builder(manager(JwtConfig.builder())).guard("*.json", Guard.required()).build();
        assertThat(ext.guardFor("/a/b.json")).isEqualTo(Guard.required());
        assertThat(ext.guardFor("/a.json/b")).isNull();
        assertThat(ext.guardFor("/a/b.jsonx")).isNull();
    }

    /** A router may ignore case or a trailing slash: a guard covers those spellings, a permit only its own. */
    @Test
    void guardsCoverEveryCaseAndATrailingSlashPermitsOnlyTheirOwnSpelling() {
        JwtFilter f = JwtFilter.builder(manager(JwtConfig.builder()))
                .guard("/admin/*", Guard.required())
                .guard("/api/*", Guard.required())
                .guard("/api/refresh", Guard.required().refresh(true))
                .guard("*.json", Guard.required().verifyType(false))
                .permit("/api/health")
                .build();
        for (String admin : new String[] {"/admin", "/admin/", "/ADMIN", "/Admin/x", "/ADMIN/", "/ADM\u0130N/x", "/adm\u0131n"}) {
            assertThat(f.guardFor(admin)).as(admin).isEqualTo(Guard.required());
        }
        assertThat(f.guardFor("/administrator")).isNull();
        assertThat(f.guardFor("/API/REFRESH")).isEqualTo(Guard.required().refresh(true));
        assertThat(f.guardFor("/api/refresh/")).isEqualTo(Guard.required().refresh(true));
        assertThat(f.guardFor("/api/health")).isNull();
        assertThat(f.guardFor("/API/HEALTH")).as("a permit is never widened").isEqualTo(Guard.required());
        assertThat(f.guardFor("/api/health/")).isEqualTo(Guard.required());
        assertThat(f.guardFor("/x/data.JSON")).isEqualTo(Guard.required().verifyType(false));
        assertThat(f.guardFor("/x/data.json/")).isEqualTo(Guard.required().verifyType(false));
        assertThat(f.guardFor("/x.json/data")).isNull();
    }

    /** Only a filter with patterns judges paths: the Spring starter's filter (no patterns) lets the framework route. */
    @Test
    void ambiguousPathsAreRefusedOnlyByAFilterWithPatterns() throws Exception {
        JwtManager m = manager(JwtConfig.builder());
        HttpServlet echo = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
                res.setContentType("text/plain");
                res.getOutputStream().write(req.getRequestURI().getBytes(StandardCharsets.UTF_8));
            }
        };
        server = JettyServer.start(JwtFilter.builder(m).build(), echo);
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(uri("/x;jsessionid=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.body()).isEqualTo("/x;jsessionid=1");
        server.close();
        server = JettyServer.start(JwtFilter.builder(m).guard("/admin/*", Guard.required()).build(), echo);
        HttpResponse<String> guarded = HTTP.send(HttpRequest.newBuilder(uri("/x;jsessionid=1")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(guarded.statusCode()).isEqualTo(400);
        assertThat(guarded.body()).isEqualTo("{\"msg\":\"Ambiguous request path\"}");
        assertThat(HTTP.send(HttpRequest.newBuilder(uri("/x/a%20b+c")).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("/x/a%20b+c");
    }

    @Test
    void badOrRepeatedPatternsAreRefusedAtBuildTime() {
        JwtFilter.Builder b = JwtFilter.builder(manager(JwtConfig.builder())).guard("/a", Guard.required());
        assertThatThrownBy(() -> b.guard("/a", Guard.required().fresh(true))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/a");
        assertThatThrownBy(() -> b.permit("/a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.guard("a/b", Guard.required())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.guard("/a/*/b", Guard.required())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.guard("/a*", Guard.required())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.guard("/b", null)).isInstanceOf(NullPointerException.class);
    }

    /** The token is read from the JSON body first; the servlet still reads the whole body, byte for byte. */
    @Test
    void theApplicationStillReadsABodyTheVerifierRead() throws Exception {
        JwtManager m = manager(JwtConfig.builder().tokenLocations(TokenLocation.JSON).limits(l -> l.withMaxJsonBodyLength(1024)));
        server = JettyServer.start(JwtFilter.builder(m).guard("/echo", Guard.required()).build(), new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                byte[] body = req.getInputStream().readAllBytes();
                res.setContentType("application/json");
                res.getOutputStream().write(JSON.writeValueAsBytes(new TreeMap<>(Map.of("id", ServletJwt.identity(req), "length", body.length,
                        "same", new String(body, StandardCharsets.UTF_8).startsWith("{\"access_token\"")))));
            }
        });
        String big = "{\"access_token\":\"" + m.createAccessToken("u") + "\",\"pad\":\"" + "x".repeat(2000) + "\"}";
        HttpResponse<String> tooLarge = post("/echo", "application/json", big);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).isEqualTo("{\"msg\":\"Request body too large\"}");
        String small = "{\"access_token\":\"" + m.createAccessToken("u") + "\",\"pad\":\"" + "x".repeat(600) + "\"}";
        HttpResponse<String> ok = post("/echo", "application/json", small);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("{\"id\":\"u\",\"length\":" + small.length() + ",\"same\":true}");
    }

    /**
     * Through a reader too, in the request's charset; as the servlet API requires, a body read one
     * way cannot then be read the other way.
     */
    @Test
    void theApplicationReadsTheReplayedBodyThroughAReaderOrAStreamNotBoth() throws Exception {
        JwtManager m = manager(JwtConfig.builder().tokenLocations(TokenLocation.JSON));
        server = JettyServer.start(JwtFilter.builder(m).guard("/*", Guard.required()).build(), new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                boolean byReader = req.getRequestURI().equals("/reader");
                String body = byReader ? req.getReader().lines().collect(Collectors.joining("\n"))
                        : new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String other;
                try {
                    other = String.valueOf(byReader ? req.getInputStream() : req.getReader());
                } catch (IllegalStateException e) {
                    other = e.getMessage();
                }
                boolean sameAgain = byReader ? req.getReader() == req.getReader() : req.getInputStream() == req.getInputStream();
                res.setContentType("application/json");
                res.getOutputStream().write(JSON.writeValueAsBytes(new TreeMap<>(Map.of(
                        "pad", JSON.readTree(body).get("pad").asText(), "other", other, "sameAgain", sameAgain))));
            }
        });
        String body = "{\"access_token\":\"" + m.createAccessToken("u") + "\",\"pad\":\"gr\u00fc\u00df\"}";
        HttpResponse<String> reader = post("/reader", "application/json; charset=UTF-8", body);
        assertThat(reader.statusCode()).isEqualTo(200);
        assertThat(reader.body()).isEqualTo("{\"other\":\"getReader() has already been called\",\"pad\":\"gr\u00fc\u00df\",\"sameAgain\":true}");
        HttpResponse<String> stream = post("/stream", "application/json", body);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.body()).isEqualTo("{\"other\":\"getInputStream() has already been called\",\"pad\":\"gr\u00fc\u00df\",\"sameAgain\":true}");
    }

    /** A form body checked for the CSRF field stays readable as parameters; the token's parts are request attributes. */
    @Test
    void formParametersStayReadableAfterTheCsrfCheck() throws Exception {
        JwtManager m = manager(JwtConfig.builder().tokenLocations(TokenLocation.COOKIES).csrf(c -> c.withCheckForm(true)));
        server = JettyServer.start(JwtFilter.builder(m).guard("/form", Guard.required()).build(), new HttpServlet() {
            @Override
            protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
                Map<String, Object> out = new TreeMap<>();
                out.put("id", ServletJwt.identity(req));
                out.put("name", req.getParameter("name"));
                out.put("attributes", req.getAttribute(ServletJwt.IDENTITY_ATTRIBUTE) + " " + req.getAttribute(ServletJwt.LOCATION_ATTRIBUTE)
                        + " " + ((Map<?, ?>) req.getAttribute(ServletJwt.CLAIMS_ATTRIBUTE)).get("type")
                        + " " + ((Map<?, ?>) req.getAttribute(ServletJwt.HEADER_ATTRIBUTE)).get("alg")
                        + " " + req.getAttribute(ServletJwt.CURRENT_USER_ATTRIBUTE));
                res.setContentType("application/json");
                res.getOutputStream().write(JSON.writeValueAsBytes(out));
            }
        });
        String token = m.createAccessToken("u");
        HttpRequest req = HttpRequest.newBuilder(uri("/form"))
                .header("Cookie", "access_token_cookie=" + token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf_token=" + m.csrfToken(token) + "&name=bob")).build();
        HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"attributes\":\"u cookies access HS256 null\",\"id\":\"u\",\"name\":\"bob\"}");
    }

    /** Accessors on a request no filter verified fail loudly, in the application, not on the wire. */
    @Test
    void accessorsWithoutVerificationExplainTheMisuse() throws Exception {
        JwtManager m = manager(JwtConfig.builder());
        server = JettyServer.start(JwtFilter.builder(m).build(), new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                String message;
                try {
                    ServletJwt.identity(req);
                    message = "none";
                } catch (IllegalStateException e) {
                    message = e.getMessage();
                }
                res.setContentType("text/plain");
                res.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
            }
        });
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("guard its path in JwtFilter or call ServletJwt.verify first");
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
