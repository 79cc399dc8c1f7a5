package io.github.jwtextended.javalin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.TestVectors;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.jwtextended.javalin.ErrorAssertions.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JOSE string in the Wycheproof JOSE files (JWS, JWE, crypto; valid and invalid alike),
 * sent to a running server as a bearer token and in a JSON body: none is accepted (their keys are
 * not the server's), none gives a 5xx, and every answer is the fixed error shape with no echo of
 * the input.
 */
class WycheproofOverHttpTest extends JwtHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyJoseStringIsRefusedWithoutLeakOrServerError() throws Exception {
        serve(config().tokenLocations(TokenLocation.HEADERS, TokenLocation.JSON));
        Set<String> strings = TestVectors.wycheproofJoseStrings();
        assertThat(strings).hasSizeGreaterThan(500);
        int viaHeader = 0;
        int viaJson = 0;
        List<String> failures = new ArrayList<>();
        for (String s : strings) {
            if (s.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) { // sendable as one header word
                TestServer.Response r = server.get("/protected").bearer(s).send();
                viaHeader++;
                check(r, s, failures);
            }
            TestServer.Response r = server.post("/protected")
                    .json(JSON.writeValueAsString(Map.of("access_token", s))).send();
            viaJson++;
            check(r, s, failures);
        }
        assertThat(failures).as("answers that were not a clean 401/422").isEmpty();
        System.out.println("Wycheproof JOSE strings over HTTP: " + strings.size() + " strings, "
                + viaHeader + " as bearer headers, " + viaJson + " in JSON bodies; all refused with 401/422");
    }

    private static void check(TestServer.Response r, String token, List<String> failures) {
        if (r.status != 401 && r.status != 422) {
            failures.add(r.status + " " + r.body);
            return;
        }
        assertNoLeak(r, "msg", token);
    }
}
