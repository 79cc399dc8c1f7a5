package io.github.jwtextended.javalin;

import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;

import static io.github.jwtextended.javalin.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The {@code query_string} location: parameter name and value prefix. */
class QueryStringLocationTest extends JwtHttpTest {

    @Test
    void tokenInTheDefaultParameter() {
        serve(config().tokenLocations(TokenLocation.QUERY_STRING));
        String token = access("u");
        assertThat(server.get("/protected?jwt=" + token).send().body).isEqualTo("{\"id\":\"u\",\"loc\":\"query_string\"}");
        assertThat(server.get("/protected?x=1&jwt=" + token + "&y=2").send().status).isEqualTo(200);
        assertThat(server.get("/refresh?jwt=" + refresh("u")).send().body).as("refresh tokens use the same parameter").isEqualTo("{\"id\":\"u\"}");
    }

    @Test
    void missingOrEmptyParameter() {
        serve(config().tokenLocations(TokenLocation.QUERY_STRING));
        assertError(server.get("/protected").send(), 401, "Missing 'jwt' query paramater");
        assertError(server.get("/protected?jwt=").send(), 401, "Missing 'jwt' query paramater");
        assertError(server.get("/protected?JWT=" + access("u")).send(), 401, "Missing 'jwt' query paramater");
    }

    @Test
    void repeatedParameterIsAmbiguous() {
        serve(config().tokenLocations(TokenLocation.QUERY_STRING));
        String token = access("u");
        assertError(server.get("/protected?jwt=a&jwt=b").send(), 400, "Multiple 'jwt' query parameters");
        assertError(server.get("/protected?jwt=" + token + "&jwt=" + token).send(), 400, "Multiple 'jwt' query parameters", token);
    }

    @Test
    void nameIsConfigurable() {
        serve(config().tokenLocations(TokenLocation.QUERY_STRING).query(q -> q.withName("token")));
        String token = access("u");
        assertThat(server.get("/protected?token=" + token).send().status).isEqualTo(200);
        assertError(server.get("/protected?jwt=" + token).send(), 401, "Missing 'token' query paramater", token);
    }

    @Test
    void prefixIsRequiredAndStripped() {
        serve(config().tokenLocations(TokenLocation.QUERY_STRING).query(q -> q.withValuePrefix("Bearer ")));
        String token = access("u");
        assertThat(server.get("/protected?jwt=Bearer%20" + token).send().body).isEqualTo("{\"id\":\"u\",\"loc\":\"query_string\"}");
        assertThat(server.get("/protected?jwt=Bearer+" + token).send().status).as("+ is a space in a query").isEqualTo(200);
        assertError(server.get("/protected?jwt=" + token).send(), 422,
                "Invalid value for query parameter 'jwt'. Expected the value to start with 'Bearer '", token);
        assertError(server.get("/protected?jwt=bearer%20" + token).send(), 422,
                "Invalid value for query parameter 'jwt'. Expected the value to start with 'Bearer '", token);
        assertError(server.get("/protected?jwt=Bearer%20").send(), 422, "Not enough segments");
    }
}
