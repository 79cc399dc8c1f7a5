package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.github.jwtextended.config.TokenLocation.COOKIES;
import static io.github.jwtextended.config.TokenLocation.HEADERS;
import static io.github.jwtextended.config.TokenLocation.JSON;
import static io.github.jwtextended.config.TokenLocation.QUERY_STRING;
import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Several locations: order is precedence, only a missing token falls through, one combined message. */
class MultipleLocationsTest extends JwtHttpTest {

    @Test
    void noTokenAnywhereGivesTheCombinedMessage() {
        serve(config().tokenLocations(HEADERS, COOKIES, QUERY_STRING, JSON));
        assertError(server.get("/protected").send(), 401, "Missing JWT in headers, cookies, query_string or json "
                + "(Missing Authorization Header; Missing cookie \"access_token_cookie\"; Missing 'jwt' query paramater; "
                + "Invalid content-type. Must be application/json.)");
        assertError(server.post("/protected").json("{}").send(), 401, "Missing JWT in headers, cookies, query_string or json "
                + "(Missing Authorization Header; Missing cookie \"access_token_cookie\"; Missing 'jwt' query paramater; "
                + "Missing \"access_token\" key in json data.)");
    }

    @Test
    void twoLocationsAndTheRefreshNames() {
        serve(config().tokenLocations(COOKIES, HEADERS));
        String access = access("u");
        assertError(server.post("/refresh").cookie("access_token_cookie", access).send(), 401,
                "Missing JWT in cookies or headers (Missing cookie \"refresh_token_cookie\"; Missing Authorization Header)", access);
        assertError(server.get("/protected").cookie("access_token_cookie", "").send(), 401,
                "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)");
    }

    @Test
    void theFirstLocationWithATokenWins() {
        serve(config().tokenLocations(QUERY_STRING, HEADERS));
        String q = access("q");
        String h = access("h");
        assertThat(server.get("/protected?jwt=" + q).bearer(h).send().body).isEqualTo("{\"id\":\"q\",\"loc\":\"query_string\"}");
        serve(config().tokenLocations(HEADERS, QUERY_STRING));
        assertThat(server.get("/protected?jwt=" + access("q")).bearer(access("h")).send().body).isEqualTo("{\"id\":\"h\",\"loc\":\"headers\"}");
    }

    @Test
    void eachLocationIsReported() {
        serve(config().tokenLocations(HEADERS, COOKIES, QUERY_STRING, JSON));
        String t = access("u");
        assertThat(server.get("/protected").bearer(t).send().body).contains("\"loc\":\"headers\"");
        assertThat(server.get("/protected").cookie("access_token_cookie", t).send().body).contains("\"loc\":\"cookies\"");
        assertThat(server.get("/protected?jwt=" + t).send().body).contains("\"loc\":\"query_string\"");
        assertThat(server.post("/protected").json("{\"access_token\":\"" + t + "\"}").send().body).contains("\"loc\":\"json\"");
    }

    @Test
    void aBadTokenDoesNotFallThroughToAGoodOne() {
        serve(config().tokenLocations(HEADERS, COOKIES));
        String good = access("u");
        assertError(server.get("/protected").header("Authorization", "Bearer garbage").cookie("access_token_cookie", good).send(),
                422, "Not enough segments", good);
        assertError(server.get("/protected").header("Authorization", "Bearer").cookie("access_token_cookie", good).send(),
                422, "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'", good);
        String old = access("u");
        clock.advance(Duration.ofMinutes(16));
        String fresh = access("u");
        assertError(server.get("/protected").bearer(old).cookie("access_token_cookie", fresh).send(), 401, "Token has expired", old, fresh);
    }

    @Test
    void aHeaderOfAnotherSchemeCountsAsAbsent() {
        serve(config().tokenLocations(HEADERS, COOKIES));
        var r = server.get("/protected").header("Authorization", "Basic dXNlcjpwYXNz").cookie("access_token_cookie", access("u")).send();
        assertThat(r.body).isEqualTo("{\"id\":\"u\",\"loc\":\"cookies\"}");
    }

    @Test
    void aCsrfFailureInAnEarlierLocationStopsTheSearch() {
        serve(config().tokenLocations(COOKIES, HEADERS));
        String t = access("u");
        assertError(server.post("/protected").cookie("access_token_cookie", t).bearer(t).send(), 401, "Missing CSRF token", t);
        serve(config().tokenLocations(HEADERS, COOKIES));
        t = access("u");
        assertThat(server.post("/protected").cookie("access_token_cookie", t).bearer(t).send().body)
                .as("the header comes first").isEqualTo("{\"id\":\"u\",\"loc\":\"headers\"}");
    }

    @Test
    void routeLocationsKeepTheirOrder() {
        serve(manager(config().tokenLocations(HEADERS)).build(), cfg -> cfg.routes.get("/p", echoing("id", "loc"),
                JwtGuard.of(Guard.required().locations(TokenLocation.QUERY_STRING, TokenLocation.COOKIES))));
        assertError(server.get("/p").send(), 401,
                "Missing JWT in query_string or cookies (Missing 'jwt' query paramater; Missing cookie \"access_token_cookie\")");
    }
}
