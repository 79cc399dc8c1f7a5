package io.github.jwtextended.javalin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code headers} location: header name and type, and flask-jwt-extended's parsing rules and messages. */
class HeaderLocationTest extends JwtHttpTest {
    private static final String BAD = "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'";
    private static final String NO_TYPE = "Missing 'Bearer' type in 'Authorization' header. Expected 'Authorization: Bearer <JWT>'";

    /** {@code <JWT>} in a value stands for a valid access token of "u". */
    @ParameterizedTest(name = "[{index}] Authorization: \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "Bearer <JWT>                 | 200 | ",
            "Bearer  <JWT>                | 200 | ",
            "Bearer\t<JWT>                | 200 | ",
            "Basic abc, Bearer <JWT>      | 200 | ",
            "Bearer <JWT>, Basic abc      | 200 | ",
            "Bearer <JWT>,                | 200 | ",
            ",Bearer <JWT>                | 200 | ",
            "''                           | 401 | Missing Authorization Header",
            ",                            | 401 | Missing Authorization Header",
            "' , '                        | 401 | Missing Authorization Header",
            "Bearer                       | 422 | " + BAD,
            "Bearer <JWT> extra           | 422 | " + BAD,
            "Bearer, <JWT>                | 422 | " + BAD,
            "'Bearer ,,0'                 | 422 | " + BAD,
            "bearer <JWT>                 | 200 | ",
            "BEARER <JWT>                 | 200 | ",
            "Basic abc                    | 401 | " + NO_TYPE,
            "<JWT>                        | 401 | " + NO_TYPE,
            "Bearer a, Bearer <JWT>       | 401 | " + NO_TYPE,
            ",Bearer x                    | 422 | Not enough segments",
            "Bearer x.y                   | 422 | Not enough segments",
            "Bearer a.b.c                 | 422 | Invalid header padding",
    })
    void parsingRules(String value, int status, String message) {
        serve(config());
        String token = access("u");
        var r = server.get("/protected").header("Authorization", value.replace("<JWT>", token)).send();
        if (status == 200) {
            assertThat(r.status).as("answer %s", r).isEqualTo(200);
            assertThat(r.body).isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");
        } else {
            assertError(r, status, message, token);
        }
    }

    @Test
    void headerNameIsCaseInsensitive() {
        serve(config());
        var r = server.get("/protected").header("authorization", "Bearer " + access("u")).send();
        assertThat(r.status).isEqualTo(200);
    }

    @Test
    void aValueIsReadAsSentEvenAfterTheSameValueInAnotherCaseOnTheSameConnection() {
        serve(config().header(h -> h.withTypeCaseSensitive(true))); // so that a header cache mapping "bearer" onto "Bearer" would show
        String token = access("u");
        assertThat(server.get("/protected").bearer(token).send().status).isEqualTo(200);
        // The client keeps the connection open; Jetty's header cache must not map this line onto the previous one.
        assertError(server.get("/protected").header("Authorization", "bearer " + token).send(), 401, NO_TYPE, token);
        var swapped = server.get("/protected").header("Authorization", "Bearer " + swapCase(token)).send();
        assertThat(swapped.status).isEqualTo(422);
        ErrorAssertions.assertNoLeak(swapped, "msg", token, swapCase(token));
    }

    private static String swapCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return b.toString();
    }

    @Test
    void twoAuthorizationFieldLinesAreAmbiguous() {
        serve(config());
        String token = access("u");
        var r = server.get("/protected").bearer(token).bearer(token).send();
        assertError(r, 400, "Multiple Authorization headers", token);
    }

    @Test
    void nameAndTypeAreConfigurable() {
        serve(config().header(h -> h.withName("X-Token").withType("JWT")));
        String token = access("u");
        var ok = server.get("/protected").header("X-Token", "JWT " + token).send();
        assertThat(ok.body).isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");
        assertError(server.get("/protected").header("X-Token", "Bearer " + token).send(), 401,
                "Missing 'JWT' type in 'X-Token' header. Expected 'X-Token: JWT <JWT>'", token);
        assertError(server.get("/protected").header("X-Token", "JWT").send(), 422,
                "Bad X-Token header. Expected 'X-Token: JWT <JWT>'");
        assertError(server.get("/protected").bearer(token).send(), 401, "Missing X-Token Header", token);
    }

    @Test
    void emptyTypeMeansTheBareToken() {
        serve(config().header(h -> h.withName("X-Token").withType("")));
        String token = access("u");
        assertThat(server.get("/protected").header("X-Token", token).send().body).isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");
        assertThat(server.get("/protected").header("X-Token", token + ",").send().status).as("trailing comma stripped").isEqualTo(200);
        assertError(server.get("/protected").header("X-Token", "Bearer " + token).send(), 422,
                "Bad X-Token header. Expected 'X-Token: <JWT>'", token);
        assertError(server.get("/protected").send(), 401, "Missing X-Token Header");
        assertError(server.get("/protected").header("X-Token", "x.y").send(), 422, "Not enough segments");
    }

    /** The scheme is ASCII case-insensitive by default (RFC 9110 §11.1; F3), exact with headerTypeCaseSensitive. */
    @Test
    void typeIsCaseInsensitiveUnlessConfiguredExact() {
        serve(config().header(h -> h.withType("Token")));
        String token = access("u");
        assertThat(server.get("/protected").header("Authorization", "Token " + token).send().status).isEqualTo(200);
        assertThat(server.get("/protected").header("Authorization", "tOKEN " + token).send().status).isEqualTo(200);
        serve(config().header(h -> h.withType("Token").withTypeCaseSensitive(true)));
        token = access("u");
        assertThat(server.get("/protected").header("Authorization", "Token " + token).send().status).isEqualTo(200);
        assertError(server.get("/protected").header("Authorization", "token " + token).send(), 401,
                "Missing 'Token' type in 'Authorization' header. Expected 'Authorization: Token <JWT>'", token);
    }
}
