package io.github.jwtextended.example.metrics;

import io.github.jwtextended.example.login.LoginOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jwt.logins}: a series per outcome from the start, each counted on its own, all in docs/operations.md. */
class LoginMetricsTest {
    @Test
    void everyOutcomeHasItsSeriesFromTheStart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        LoginMetrics logins = new LoginMetrics(registry);
        assertThat(registry.get(LoginMetrics.LOGINS).counters()).hasSize(LoginOutcome.values().length)
                .allSatisfy(c -> assertThat(c.count()).isZero());
        logins.count(LoginOutcome.THROTTLED);
        logins.count(LoginOutcome.THROTTLED);
        logins.count(LoginOutcome.SUCCESS);
        assertThat(count(registry, "throttled")).isEqualTo(2);
        assertThat(count(registry, "success")).isEqualTo(1);
        assertThat(count(registry, "bad_credentials")).isZero();
    }

    @Test
    void theOperationsDocumentNamesTheMeterAndEveryOutcome() throws Exception {
        String doc = Files.readString(Path.of("../docs/operations.md"));
        assertThat(doc).contains("`" + LoginMetrics.LOGINS + "`");
        for (LoginOutcome o : LoginOutcome.values()) {
            assertThat(doc).as(o.tag()).contains("`" + o.tag() + "`");
        }
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        Counter c = registry.get(LoginMetrics.LOGINS).tag("outcome", outcome).counter();
        return c.count();
    }
}
