package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.jwtextended.example.http.OpenApiDocument;
import io.github.jwtextended.example.http.WebRoutes;
import io.javalin.router.ParsedEndpoint;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /openapi.json}: a valid OpenAPI 3 document (checked by swagger-parser), listing exactly the
 * routes the server has (read from Javalin at run time), with answers that match what the server
 * really sends, and adapted to the configured names and token locations.
 */
class OpenApiTest {
    static Path dir;
    static Server server;
    static Client client;
    static String served;

    @BeforeAll
    static void start() {
        dir = TestServers.tempDir("jwt-example-openapi");
        server = TestServers.start(TestServers.baseEnv(dir));
        client = new Client(server.port(), false);
        HttpResponse<String> r = client.get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        served = r.body();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        TestServers.delete(dir);
    }

    static SwaggerParseResult parse(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readContents(json, null, options);
    }

    static OpenAPI valid(String json) {
        SwaggerParseResult result = parse(json);
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }

    @Test
    void theDocumentIsValidOpenApi3() {
        OpenAPI api = valid(served);
        assertThat(api.getOpenapi()).startsWith("3.0.");
        assertThat(api.getInfo().getTitle()).isEqualTo("jwt-extended example server");
        valid(OpenApiDocument.template().toString());
    }

    @Test
    void theValidatorCatchesMistakes() {
        // The validator is a real one: a broken reference, an unknown field and a missing answer are reported.
        ObjectNode broken = OpenApiDocument.template();
        ((ObjectNode) broken.at("/paths/~1ping/get/responses/200/content/application~1json/schema")).put("$ref", "#/components/schemas/Nope");
        ((ObjectNode) broken.at("/paths/~1healthz/get")).remove("responses");
        ((ObjectNode) broken.at("/components/securitySchemes/csrfHeader")).put("in", "body");
        List<String> messages = parse(broken.toString()).getMessages();
        assertThat(String.join("\n", messages)).contains("Nope").contains("responses").contains("in");
    }

    /** Every (method, path) of the server, except the page and Swagger UI. */
    static Set<String> serverRoutes(Server s) {
        Set<String> routes = new TreeSet<>();
        for (ParsedEndpoint p : s.javalin().unsafe.internalRouter.allHttpHandlers()) {
            if (p.endpoint.method.isHttpMethod() && !WebRoutes.UI_PATHS.contains(p.endpoint.path)) {
                routes.add(p.endpoint.method.name().toUpperCase(Locale.ROOT) + " " + p.endpoint.path);
            }
        }
        return routes;
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
        Set<String> routes = serverRoutes(server);
        assertThat(routes).as("the routes are read from Javalin").contains("POST /login", "GET /protected", "GET /openapi.json");
        JsonNode doc = Client.json(client.get("/openapi.json"));
        Set<String> documented = new TreeSet<>();
        Set<String> pending = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String m = methods.next();
                if (m.startsWith("x-")) {
                    continue;
                }
                String route = m.toUpperCase(Locale.ROOT) + " " + path.getKey();
                (path.getValue().has(OpenApiDocument.PENDING) ? pending : documented).add(route);
            }
        }
        assertThat(routes).as("routes without documentation (add them to openapi.json)").isSubsetOf(union(documented, pending));
        assertThat(documented).as("documented routes the server does not have").isSubsetOf(routes);
        for (String p : pending) {
            assertThat(routes).as(p + " is served now: remove its " + OpenApiDocument.PENDING + " mark from openapi.json"
                    + " and check its description").doesNotContain(p);
        }
        for (String ui : List.of("/", "/app.js", "/docs")) {
            assertThat(client.get(ui).statusCode()).as(ui).isEqualTo(200);
            assertThat(doc.get("paths").has(ui)).as("the page is not an API endpoint: " + ui).isFalse();
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new TreeSet<>(a);
        u.addAll(b);
        return u;
    }

    @Test
    void securitySchemes() {
        OpenAPI api = valid(served);
        Map<String, SecurityScheme> s = api.getComponents().getSecuritySchemes();
        assertThat(s.get("bearerAuth").getType()).isEqualTo(SecurityScheme.Type.HTTP);
        assertThat(s.get("bearerAuth").getScheme()).isEqualTo("bearer");
        assertThat(s.get("bearerAuth").getBearerFormat()).isEqualTo("JWT");
        assertThat(s.get("accessCookie").getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(s.get("accessCookie").getIn()).isEqualTo(SecurityScheme.In.COOKIE);
        assertThat(s.get("accessCookie").getName()).isEqualTo("access_token_cookie");
        assertThat(s.get("refreshCookie").getName()).isEqualTo("refresh_token_cookie");
        assertThat(s.get("csrfHeader").getIn()).isEqualTo(SecurityScheme.In.HEADER);
        assertThat(s.get("csrfHeader").getName()).isEqualTo("X-CSRF-TOKEN");

        // Every POST and DELETE that takes the cookies asks for the CSRF header with them; GETs do not.
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : p.getValue().readOperationsMap().entrySet()) {
                List<SecurityRequirement> security = op.getValue().getSecurity();
                assertThat(security).as("%s %s states its security", op.getKey(), p.getKey()).isNotNull();
                for (SecurityRequirement r : security) {
                    if (r.containsKey("accessCookie") || r.containsKey("refreshCookie")) {
                        assertThat(r.containsKey("csrfHeader")).as("%s %s", op.getKey(), p.getKey())
                                .isEqualTo(op.getKey() == PathItem.HttpMethod.POST || op.getKey() == PathItem.HttpMethod.DELETE);
                    }
                }
            }
        }
    }

    @Test
    void securityMatchesWhatTheServerAsksFor() {
        // Without any token: 401 exactly where the document asks for one.
        OpenAPI api = valid(served);
        for (Map.Entry<String, PathItem> p : api.getPaths().entrySet()) {
            if (p.getValue().getExtensions() != null && p.getValue().getExtensions().containsKey(OpenApiDocument.PENDING)) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : p.getValue().readOperationsMap().entrySet()) {
                List<SecurityRequirement> security = op.getValue().getSecurity();
                boolean optional = security.isEmpty() || security.stream().anyMatch(Map::isEmpty);
                String path = p.getKey().replace("{id}", "some-id");
                HttpResponse<String> r = switch (op.getKey()) {
                    case GET -> client.get(path);
                    case DELETE -> client.send(client.request(path).DELETE());
                    default -> client.post(path, null);
                };
                String what = op.getKey() + " " + p.getKey() + " without a token answered " + r.statusCode() + " " + r.body();
                if (optional) {
                    assertThat(r.statusCode()).as(what).isNotEqualTo(401);
                } else {
                    assertThat(r.statusCode()).as(what).isEqualTo(401);
                }
                assertThat(documentedStatus(op.getValue(), r.statusCode())).as(what).isTrue();
            }
        }
    }

    @Test
    void documentedAnswersMatchTheServer() {
        OpenAPI api = valid(served);
        Client c = new Client(server.port(), false);
        Client browser = new Client(server.port());

        HttpResponse<String> login = c.login("testuser", "testpass");
        check(api, "POST", "/login", login, 200);
        String access = Client.json(login).get("access_token").asText();
        String refresh = Client.json(login).get("refresh_token").asText();
        check(api, "POST", "/login", c.login("testuser", "wrong-password"), 401);
        check(api, "POST", "/login", c.send(c.request("/login").POST(java.net.http.HttpRequest.BodyPublishers.ofString("x"))), 415);
        check(api, "POST", "/login", c.post("/login", "[1]"), 400);
        check(api, "POST", "/login", c.post("/login", "{\"username\": \"" + "a".repeat(20_000) + "\"}"), 413);
        check(api, "POST", "/login", c.post("/login", "{\"username\": \"testuser\", \"password\": \"testpass\"}",
                "Origin", "https://evil.example"), 403);
        for (int i = 0; i < 5; i++) {
            c.login("openapi-ghost", "wrong");
        }
        HttpResponse<String> limited = c.login("openapi-ghost", "wrong");
        check(api, "POST", "/login", limited, 429);
        assertThat(api.getPaths().get("/login").getPost().getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();

        String bearer = "Bearer " + access;
        check(api, "GET", "/protected", c.get("/protected", "Authorization", bearer), 200);
        check(api, "GET", "/protected", c.get("/protected", "Authorization", "Bearer not.a.token"), 422);
        check(api, "POST", "/protected", c.post("/protected", null, "Authorization", bearer), 200);
        browser.login("testuser", "testpass");
        check(api, "POST", "/protected", browser.post("/protected", null), 401);
        check(api, "GET", "/fresh", c.get("/fresh", "Authorization", bearer), 200);
        check(api, "GET", "/optional", c.get("/optional"), 200);
        check(api, "GET", "/optional", c.get("/optional", "Authorization", bearer), 200);
        check(api, "GET", "/admin", c.get("/admin", "Authorization", bearer), 403);
        String adminAccess = Client.json(c.login("admin", "adminpass")).get("access_token").asText();
        check(api, "GET", "/admin", c.get("/admin", "Authorization", "Bearer " + adminAccess), 200);

        HttpResponse<String> refreshed = c.post("/refresh", null, "Authorization", "Bearer " + refresh);
        check(api, "POST", "/refresh", refreshed, 200);
        String notFresh = Client.json(refreshed).get("access_token").asText();
        check(api, "GET", "/fresh", c.get("/fresh", "Authorization", "Bearer " + notFresh), 401);
        check(api, "POST", "/refresh", c.post("/refresh", null, "Authorization", bearer), 422);
        check(api, "POST", "/logout", c.post("/logout", null, "Authorization", bearer), 200);
        check(api, "GET", "/protected", c.get("/protected", "Authorization", bearer), 401);

        HttpResponse<String> session = c.login("testuser", "testpass");
        String sessionAccess = "Bearer " + Client.json(session).get("access_token").asText();
        HttpResponse<String> sessions = c.get("/sessions", "Authorization", sessionAccess);
        check(api, "GET", "/sessions", sessions, 200);
        assertThat(Client.json(sessions).size()).isGreaterThan(1);
        String other = null;
        for (com.fasterxml.jackson.databind.JsonNode s : Client.json(sessions)) {
            if (!s.get("current").asBoolean()) {
                other = s.get("id").asText();
            }
        }
        check(api, "DELETE", "/sessions/{id}", c.send(c.request("/sessions/" + other, "Authorization", sessionAccess).DELETE()), 200);
        check(api, "DELETE", "/sessions/{id}", c.send(c.request("/sessions/" + other, "Authorization", sessionAccess).DELETE()), 404);
        check(api, "POST", "/logout-others", c.post("/logout-others", null, "Authorization", sessionAccess), 200);

        check(api, "GET", "/ping", c.get("/ping"), 200);
        check(api, "GET", "/healthz", c.get("/healthz"), 200);
        check(api, "GET", "/healthz/ready", c.get("/healthz/ready"), 200);
        check(api, "GET", "/healthz/live", c.get("/healthz/live"), 200);
        check(api, "GET", "/openapi.json", c.get("/openapi.json"), 200);
    }

    /** The status is documented for the operation, and the body fits the documented schema's shape. */
    static void check(OpenAPI api, String method, String path, HttpResponse<String> r, int status) {
        String what = method + " " + path + " -> " + r.statusCode() + " " + r.body();
        assertThat(r.statusCode()).as(what).isEqualTo(status);
        Operation op = api.getPaths().get(path).readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
        ApiResponse documented = op.getResponses().get(String.valueOf(status));
        assertThat(documented).as("status documented: " + what).isNotNull();
        assertThat(r.headers().firstValue("Content-Type").orElse("")).as(what).startsWith("application/json");
        Schema<?> schema = documented.getContent().get("application/json").getSchema();
        fits(what, Client.json(r), schema);
    }

    static void fits(String what, JsonNode body, Schema<?> schema) {
        if ("array".equals(schema.getType())) {
            assertThat(body.isArray()).as(what + " is an array").isTrue();
            for (JsonNode item : body) {
                fits(what + "[]", item, schema.getItems());
            }
        } else if ("boolean".equals(schema.getType())) {
            assertThat(body.isBoolean()).as(what + " is a boolean").isTrue();
        } else if ("integer".equals(schema.getType())) {
            assertThat(body.isIntegralNumber()).as(what + " is an integer").isTrue();
        } else if ("object".equals(schema.getType())) {
            assertThat(body.isObject()).as(what).isTrue();
            if (schema.getRequired() != null) {
                for (String field : schema.getRequired()) {
                    assertThat(body.has(field)).as(what + ": required " + field).isTrue();
                }
            }
            if (schema.getProperties() != null) {
                for (Map.Entry<String, Schema> p : schema.getProperties().entrySet()) {
                    if (body.has(p.getKey())) {
                        fits(what + "." + p.getKey(), body.get(p.getKey()), p.getValue());
                    }
                }
                if (Boolean.FALSE.equals(schema.getAdditionalProperties()) || schema.getAdditionalProperties() == null) {
                    for (Iterator<String> f = body.fieldNames(); f.hasNext(); ) {
                        String name = f.next();
                        assertThat(schema.getProperties()).as(what + ": undocumented field " + name).containsKey(name);
                    }
                }
            }
        } else if ("string".equals(schema.getType())) {
            boolean nullable = Boolean.TRUE.equals(schema.getNullable());
            assertThat(body.isTextual() || (nullable && body.isNull())).as(what + " is a string").isTrue();
            if (schema.getEnum() != null && body.isTextual()) {
                assertThat(schema.getEnum().stream().map(String::valueOf)).as(what).contains(body.textValue());
            }
        }
    }

    static boolean documentedStatus(Operation op, int status) {
        return op.getResponses().containsKey(String.valueOf(status));
    }

    /** With REFRESH_TOKEN_IN_BODY=false the description leaves refresh_token out of the answers, as the server does. */
    @Test
    void withoutRefreshTokensInBodiesTheAnswersAndTheDescriptionAgree() {
        Map<String, String> env = TestServers.baseEnv(dir.resolve("refresh-in-cookie"));
        env.put("REFRESH_TOKEN_IN_BODY", "false");
        Server s = TestServers.start(env);
        try {
            Client browser = new Client(s.port());
            OpenAPI api = valid(browser.get("/openapi.json").body());
            for (String name : List.of("TokenPair", "RefreshAnswer")) {
                assertThat(api.getComponents().getSchemas().get(name).getProperties()).as(name).containsOnlyKeys("access_token");
            }
            HttpResponse<String> login = browser.login("testuser", "testpass");
            check(api, "POST", "/login", login, 200);
            check(api, "POST", "/refresh", browser.post("/refresh", null, "X-CSRF-TOKEN", browser.cookie("csrf_refresh_token")), 200);
            assertThat(valid(served).getComponents().getSchemas().get("TokenPair").getProperties()).containsKey("refresh_token");
        } finally {
            s.stop();
        }
    }

    // ---- adapted to the configuration ----------------------------------------------------------

    static OpenAPI forSettings(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("JWT_SECRET_KEY", "fake-test-secret-fake-test-secret-0123456789");
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        byte[] json = OpenApiDocument.forConfig(ServerSettings.from(env).jwtConfig(null)).bytes();
        return valid(new String(json, StandardCharsets.UTF_8));
    }

    static List<SecurityRequirement> security(OpenAPI api, String path, PathItem.HttpMethod m) {
        return api.getPaths().get(path).readOperationsMap().get(m).getSecurity();
    }

    @Test
    void namesFollowTheSettings() {
        OpenAPI api = forSettings("JWT_ACCESS_COOKIE_NAME", "my_access", "JWT_REFRESH_COOKIE_NAME", "my_refresh",
                "JWT_ACCESS_CSRF_COOKIE_NAME", "my_csrf", "JWT_ACCESS_CSRF_HEADER_NAME", "X-My-CSRF",
                "JWT_ERROR_MESSAGE_KEY", "error");
        Map<String, SecurityScheme> s = api.getComponents().getSecuritySchemes();
        assertThat(s.get("accessCookie").getName()).isEqualTo("my_access");
        assertThat(s.get("refreshCookie").getName()).isEqualTo("my_refresh");
        assertThat(s.get("csrfHeader").getName()).isEqualTo("X-My-CSRF");
        assertThat(api.getInfo().getDescription()).contains("my_access", "my_csrf", "X-My-CSRF")
                .doesNotContain("access_token_cookie").doesNotContain("csrf_access_token").doesNotContain("X-CSRF-TOKEN");
        Schema<?> error = api.getComponents().getSchemas().get("Error");
        assertThat(error.getProperties()).containsOnlyKeys("error");
        assertThat(error.getRequired()).containsExactly("error");
        assertThat(security(api, "/refresh", PathItem.HttpMethod.POST)).hasSize(2);
    }

    @Test
    void onlyTheLocationsTheServerReads() {
        OpenAPI headers = forSettings("JWT_TOKEN_LOCATION", "headers");
        assertThat(headers.getComponents().getSecuritySchemes()).containsOnlyKeys("bearerAuth");
        assertThat(security(headers, "/protected", PathItem.HttpMethod.POST)).containsExactly(req("bearerAuth"));
        assertThat(security(headers, "/optional", PathItem.HttpMethod.GET)).containsExactly(new SecurityRequirement(), req("bearerAuth"));
        assertThat(security(headers, "/login", PathItem.HttpMethod.POST)).isEmpty();

        OpenAPI cookiesNoCsrf = forSettings("JWT_TOKEN_LOCATION", "cookies", "JWT_COOKIE_CSRF_PROTECT", "false");
        assertThat(cookiesNoCsrf.getComponents().getSecuritySchemes()).containsOnlyKeys("accessCookie", "refreshCookie");
        assertThat(security(cookiesNoCsrf, "/logout", PathItem.HttpMethod.POST)).containsExactly(req("accessCookie"));
        assertThat(security(cookiesNoCsrf, "/refresh", PathItem.HttpMethod.POST)).containsExactly(req("refreshCookie"));
        assertThat(cookiesNoCsrf.getInfo().getDescription()).contains("CSRF protection is off");

        OpenAPI custom = forSettings("JWT_TOKEN_LOCATION", "headers,query_string", "JWT_HEADER_NAME", "X-Token",
                "JWT_HEADER_TYPE", "", "JWT_QUERY_STRING_NAME", "token");
        SecurityScheme header = custom.getComponents().getSecuritySchemes().get("bearerAuth");
        assertThat(header.getType()).isEqualTo(SecurityScheme.Type.APIKEY);
        assertThat(header.getName()).isEqualTo("X-Token");
        SecurityScheme query = custom.getComponents().getSecuritySchemes().get("queryToken");
        assertThat(query.getIn()).isEqualTo(SecurityScheme.In.QUERY);
        assertThat(query.getName()).isEqualTo("token");
        assertThat(security(custom, "/admin", PathItem.HttpMethod.GET)).containsExactly(req("bearerAuth"), req("queryToken"));

        OpenAPI separate = forSettings("JWT_REFRESH_CSRF_HEADER_NAME", "X-Refresh-CSRF");
        assertThat(separate.getComponents().getSecuritySchemes().get("refreshCsrfHeader").getName()).isEqualTo("X-Refresh-CSRF");
        assertThat(security(separate, "/refresh", PathItem.HttpMethod.POST))
                .containsExactly(req("bearerAuth"), req("refreshCookie").addList("refreshCsrfHeader"));
        assertThat(security(separate, "/logout", PathItem.HttpMethod.POST))
                .containsExactly(req("bearerAuth"), req("accessCookie").addList("csrfHeader"));
    }

    static SecurityRequirement req(String name) {
        return new SecurityRequirement().addList(name);
    }
}
