package io.github.jwtextended.adapter;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.MissingTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.CapturedLog;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorAnswerTest {

    @Test
    void theManagersResponseWithItsBodyAsCompactJson() {
        JwtManager m = JwtManager.builder(config().build()).build();
        ErrorAnswer a = ErrorAnswer.of(m, new MissingTokenException("Missing Authorization Header"), "GET", "/p");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"Missing Authorization Header\"}");
        assertThat(ErrorAnswer.CONTENT_TYPE).isEqualTo("application/json");
    }

    @Test
    void aCustomHandlersBodyIsWrittenInItsOrderWithItsHeaders() {
        JwtManager m = JwtManager.builder(config().build())
                .errorHandler(ErrorKind.EXPIRED_TOKEN, e -> new ErrorResponse(419, Map.of("X-Why", "expired"),
                        Map.of("code", "expired")).withHeader("Retry-After", "0"))
                .build();
        ErrorAnswer a = ErrorAnswer.of(m, new ExpiredTokenException("Token has expired", Map.of(), Map.of()), "GET", "/p");
        assertThat(a.status()).isEqualTo(419);
        assertThat(a.headers()).containsExactly(Map.entry("X-Why", "expired"), Map.entry("Retry-After", "0"));
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":\"expired\"}");
    }

    @Test
    void aBodyJsonCannotHoldIsTheFailuresMessageUnderTheConfiguredKey() {
        JwtManager m = JwtManager.builder(config().errors(e -> e.withMessageKey("error")).build())
                .errorHandler(ErrorKind.EXPIRED_TOKEN, e -> new ErrorResponse(401, Map.of(), Map.of("detail", new Object())))
                .build();
        ErrorAnswer a = ErrorAnswer.of(m, new ExpiredTokenException("Token has expired", Map.of(), Map.of()), "GET", "/p");
        assertThat(a.status()).isEqualTo(401);
        assertThat(new String(a.body(), StandardCharsets.UTF_8)).isEqualTo("{\"error\":\"Token has expired\"}");
    }

    @Test
    void theBodyCannotBeChangedThroughWhatItHandsOut() {
        ErrorAnswer a = ErrorAnswer.of(JwtManager.builder(config().build()).build(), new MissingTokenException("x"), "GET", "/p");
        a.body()[0] = 'X';
        assertThat(a.body()[0]).isEqualTo((byte) '{');
        assertThat(a.toString()).doesNotContain("x\"");
    }

    @Test
    void aStoreOutageIsLoggedOnceWithTheMethodAndPath() {
        JwtManager m = JwtManager.builder(config().build()).build();
        ErrorAnswer[] answers = new ErrorAnswer[2];
        String log = CapturedLog.during(() -> {
            answers[0] = ErrorAnswer.of(m, new StoreUnavailableException("Token revocation status is temporarily unavailable"), "POST", "/refresh");
            answers[1] = ErrorAnswer.of(m, new MissingTokenException("Missing Authorization Header"), "GET", "/quiet");
        });
        assertThat(answers[0].status()).isEqualTo(503);
        assertThat(answers[1].status()).isEqualTo(401);
        assertThat(log).contains("Token revocation status is temporarily unavailable on POST /refresh: request refused with 503");
        assertThat(log).doesNotContain("/quiet");
    }

    /**
     * Every adapter logs an outage through here with the request's own method and path: each
     * character that could end the line or forge another (controls, C1 controls such as NEL,
     * U+2028, U+2029, ...) comes out escaped, and the line stays one line.
     */
    @Test
    void theLoggedMethodAndPathAreEscaped() {
        JwtManager m = JwtManager.builder(config().build()).build();
        for (String[] c : CapturedLog.FORGING) {
            String path = "/p" + c[0] + "2026-01-01 [main] INFO forged";
            String log = CapturedLog.during(() -> ErrorAnswer.of(m, new StoreUnavailableException(StoreUnavailableException.MESSAGE),
                    "GET" + c[0], path));
            String hex = String.format("U+%04X", (int) c[0].charAt(0));
            assertThat(log).as(hex).contains(" on GET" + c[1] + " /p" + c[1] + "2026-01-01" + "\\u0020[main]");
            assertThat(log.strip().split("\\R")).as(hex + ": one line").hasSize(1);
            if (!" \\\"".contains(c[0])) {
                assertThat(log.strip()).as(hex).doesNotContain(c[0]);
            }
        }
    }
}
