package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.FlowContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The page, Swagger UI and /openapi.json over HTTP: content types, security headers, no inline script, names from the settings. */
class WebRoutesTest {
    final Path dir = TestServers.tempDir("jwt-example-web");
    final List<Server> servers = new ArrayList<>();

    @AfterEach
    void clean() {
        servers.forEach(Server::stop);
        TestServers.delete(dir);
    }

    Client start(Map<String, String> extra) {
        Map<String, String> env = TestServers.baseEnv(dir);
        env.putAll(extra);
        Server s = TestServers.start(env);
        servers.add(s);
        return new Client(s.port());
    }

    @Test
    void thePageAndItsFilesCarryTheSecurityHeaders() {
        Client c = start(Map.of());
        for (String[] f : new String[][] {
                {"/", "text/html"}, {"/app.js", "text/javascript"}, {"/app.css", "text/css"},
                {"/docs", "text/html"}, {"/docs/docs.js", "text/javascript"}, {"/docs/docs.css", "text/css"},
                {"/docs/swagger-ui.css", "text/css"}, {"/docs/swagger-ui-bundle.js", "text/javascript"},
                {"/openapi.json", "application/json"}}) {
            HttpResponse<String> r = c.get(f[0]);
            assertThat(r.statusCode()).as(f[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(f[0]).hasValueSatisfying(t -> assertThat(t).startsWith(f[1]));
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(f[0]).hasValue("nosniff");
            assertThat(r.headers().firstValue("Referrer-Policy")).as(f[0]).hasValue("no-referrer");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(f[0]).hasValue("DENY");
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(f[0]).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
                    .doesNotContain("unsafe-eval").doesNotContain("http:").doesNotContain("https:").doesNotContain("*");
            assertThat(scriptSources(csp)).as("no inline script allowed on " + f[0]).containsExactly("'self'");
        }
        assertThat(c.get("/").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("the page allows no inline style either").doesNotContain("unsafe-inline");
        assertThat(c.get("/docs/swagger-ui-bundle.js").body()).hasSizeGreaterThan(500_000).contains("SwaggerUIBundle");
    }

    @Test
    void thePageHasNoInlineScriptNorInlineHandlers() {
        Client c = start(Map.of());
        for (String page : List.of("/", "/docs")) {
            String html = c.get(page).body();
            Matcher scripts = Pattern.compile("<script\\b([^>]*)>").matcher(html);
            int n = 0;
            while (scripts.find()) {
                n++;
                assertThat(scripts.group(1)).as("%s: every script is a file", page).contains("src=\"/");
            }
            assertThat(n).as(page).isPositive();
            assertThat(html).as(page).doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContainPattern("(?i)\\sstyle\\s*=")
                    .doesNotContain("javascript:").doesNotContain("http://").doesNotContain("https://");
        }
        String js = c.get("/app.js").body();
        assertThat(js).as("the token is kept in memory only").doesNotContain("localStorage").doesNotContain("sessionStorage")
                .doesNotContain("innerHTML").doesNotContain("eval(");
    }

    @Test
    void thePageUsesTheConfiguredNames() {
        Client c = start(Map.of("JWT_ACCESS_CSRF_COOKIE_NAME", "my_csrf", "JWT_REFRESH_CSRF_HEADER_NAME", "X-Refresh-CSRF",
                "JWT_ERROR_MESSAGE_KEY", "error"));
        String html = c.get("/").body();
        assertThat(html).contains("data-access-csrf-cookie=\"my_csrf\"", "data-refresh-csrf-cookie=\"csrf_refresh_token\"",
                "data-access-csrf-header=\"X-CSRF-TOKEN\"", "data-refresh-csrf-header=\"X-Refresh-CSRF\"",
                "data-error-key=\"error\"", "data-cookies=\"true\"").doesNotContain("{{");
        Client headersOnly = start(Map.of("JWT_TOKEN_LOCATION", "headers"));
        assertThat(headersOnly.get("/").body()).contains("data-cookies=\"false\"");
    }

    @Test
    void unknownDocsFilesAreJson404s() {
        Client c = start(Map.of());
        for (String p : List.of("/docs/index.html", "/docs/swagger-initializer.js", "/docs/..%2Fopenapi.json",
                "/docs/%2e%2e%2fapp.js", "/docs/swagger-ui.js", "/app.js.map", "/web/index.html", "/openapi.json/x")) {
            HttpResponse<String> r = c.get(p);
            assertThat(r.statusCode()).as(p).isEqualTo(404);
            assertThat(Client.msg(r)).as(p).isEqualTo("Not Found");
        }
        FlowContract.expect(c.post("/", null), 405, "Method Not Allowed");
    }

    @Test
    void unchangedFilesAreNotSentAgain() {
        Client c = start(Map.of());
        HttpResponse<String> first = c.get("/docs/swagger-ui-bundle.js");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<String> again = c.get("/docs/swagger-ui-bundle.js", "If-None-Match", etag);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(c.get("/docs/swagger-ui-bundle.js", "If-None-Match", "\"other\"").statusCode()).isEqualTo(200);
    }

    static List<String> scriptSources(String csp) {
        for (String directive : csp.split(";")) {
            String[] parts = directive.trim().split("\\s+");
            if (parts[0].equals("script-src")) {
                return List.of(parts).subList(1, parts.length);
            }
        }
        return List.of();
    }
}
