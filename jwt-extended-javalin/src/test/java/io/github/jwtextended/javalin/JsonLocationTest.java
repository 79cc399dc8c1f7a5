package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code json} location: keys, content-type rules, falsy and non-object bodies. */
class JsonLocationTest extends JwtHttpTest {
    private static final String BAD_TYPE = "Invalid content-type. Must be application/json.";
    private static final String MISSING = "Missing \"access_token\" key in json data.";

    private void serveJson() {
        serve(config().tokenLocations(TokenLocation.JSON));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"})
    void tokenUnderTheAccessKey(String contentType) {
        serveJson();
        var r = server.post("/protected").body(contentType, "{\"access_token\":\"" + access("u") + "\",\"x\":1}").send();
        assertThat(r.body).isEqualTo("{\"id\":\"u\",\"loc\":\"json\"}");
    }

    @Test
    void aRequestThatIsNotJson() {
        serveJson();
        String token = access("u");
        assertError(server.get("/protected").send(), 401, BAD_TYPE);
        assertError(server.post("/protected").body("text/plain", "{\"access_token\":\"" + token + "\"}").send(), 401, BAD_TYPE, token);
        assertError(server.post("/protected").body(null, "{\"access_token\":\"" + token + "\"}").send(), 401, BAD_TYPE, token);
        assertError(server.post("/protected").form("access_token=" + token).send(), 401, BAD_TYPE, token);
    }

    /** Invalid JSON and Python-falsy values count as a missing key. */
    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "null", "[]", "{}", "{\"access_token\":null}", "{\"access_token\":\"\"}",
            "{\"access_token\":false}", "{\"access_token\":0}", "{\"access_token\":[]}", "{\"access_token\":{}}",
            "{\"other\":\"x\"}"})
    void missingKey(String body) {
        serveJson();
        assertError(server.post("/protected").json(body).send(), 401, MISSING);
    }

    /** Deviation: the reference answers 500 (AttributeError on {@code .get}); we treat the token as absent. */
    @ParameterizedTest
    @ValueSource(strings = {"[1]", "[\"x\"]", "\"abc\"", "42", "true"})
    void nonObjectBodyIsAMissingKeyNotAServerError(String body) {
        serveJson();
        assertError(server.post("/protected").json(body).send(), 401, MISSING);
    }

    @Test
    void nonStringTokenIsInvalid() {
        serveJson();
        assertError(server.post("/protected").json("{\"access_token\":123}").send(), 422, "Invalid token type. Token must be a string");
        assertError(server.post("/protected").json("{\"access_token\":\"x.y\"}").send(), 422, "Not enough segments");
    }

    @Test
    void refreshRoutesUseTheRefreshKey() {
        serveJson();
        String refresh = refresh("u");
        assertError(server.post("/refresh").json("{\"access_token\":\"" + refresh + "\"}").send(), 401,
                "Missing \"refresh_token\" key in json data.", refresh);
        assertThat(server.post("/refresh").json("{\"refresh_token\":\"" + refresh + "\"}").send().body).isEqualTo("{\"id\":\"u\"}");
    }

    @Test
    void keysAreConfigurable() {
        serve(config().tokenLocations(TokenLocation.JSON).access(a -> a.withJsonKey("tok")).refresh(r -> r.withJsonKey("rtok")));
        assertThat(server.post("/protected").json("{\"tok\":\"" + access("u") + "\"}").send().status).isEqualTo(200);
        assertThat(server.post("/refresh").json("{\"rtok\":\"" + refresh("u") + "\"}").send().status).isEqualTo(200);
        assertError(server.post("/protected").json("{\"access_token\":\"" + access("u") + "\"}").send(), 401,
                "Missing \"tok\" key in json data.");
    }

    @Test
    void theHandlerCanStillReadTheBody() {
        serve(manager(config().tokenLocations(TokenLocation.JSON)).build(), cfg -> cfg.routes.post("/echo", ctx -> {
            Map<?, ?> body = ctx.bodyAsClass(Map.class);
            ctx.json(Map.of("who", JavalinJwt.identity(ctx), "x", body.get("x")));
        }, JwtGuard.required()));
        var r = server.post("/echo").json("{\"access_token\":\"" + access("u") + "\",\"x\":7}").send();
        assertThat(r.status).isEqualTo(200);
        assertThat(r.body).contains("\"who\":\"u\"").contains("\"x\":7");
    }

    @Test
    void anOversizedBodyIsRefusedWithoutBeingParsed() {
        serveJson();
        String big = "{\"access_token\":\"" + access("u") + "\",\"pad\":\"" + "x".repeat(70_000) + "\"}";
        assertError(server.post("/protected").json(big).send(), 400, "Request body too large");
    }

    /** Found by the HTTP fuzz: the refused body is drained, so a keep-alive client always gets its 400 (no reset). */
    @Test
    void oversizedBodiesOnAKeptAliveConnectionAlwaysGetTheirAnswer() {
        serveJson();
        for (int i = 0; i < 120; i++) {
            String big = "{\"pad\":\"" + "x".repeat(65_600 + 97 * i) + "\",\"access_token\":\"" + access("u") + "\"}";
            assertError(server.post("/protected").json(big).send(), 400, "Request body too large");
            assertThat(server.post("/protected").json("{\"access_token\":\"" + access("u") + "\"}").send().status).isEqualTo(200);
        }
    }

    /** A body that cannot be read (malformed chunk size) holds no token: 401 missing, never a 500. */
    @Test
    void anUnreadableBodyIsAMissingKey() throws Exception {
        serveJson();
        String request = "POST /protected HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\nabc\r\n0\r\n\r\n";
        String answer;
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        assertThat(answer).startsWith("HTTP/1.1 40").doesNotContain("500").doesNotContain("Exception");
        assertThat(answer).contains("{\"msg\":" + ErrorAssertions.json(MISSING) + "}");
    }
}
