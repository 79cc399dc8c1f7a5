package io.github.jwtextended.example.metrics;

import io.github.jwtextended.example.login.LoginOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /** Every {@code jwt_logins...} series a PromQL block of the document names is a series of a real Prometheus scrape. */
    @Test
    void theLoginAlertsNameTheScrapesSeries() throws Exception {
        String doc = Files.readString(Path.of("../docs/operations.md"));
        try (ServerMetrics metrics = new ServerMetrics(MetricsToken.parse("fake-token-for-a-doc-test"), ServerMetrics.newRegistry())) {
            Set<String> scraped = metrics.scrape().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
            Set<String> named = new TreeSet<>();
            Matcher block = Pattern.compile("```promql\\n(.*?)```", Pattern.DOTALL).matcher(doc);
            while (block.find()) {
                Matcher m = Pattern.compile("\\bjwt_logins[a-z_]*[a-z]\\b").matcher(block.group(1));
                while (m.find()) {
                    named.add(m.group());
                }
            }
            assertThat(named).as("login alerts in docs/operations.md").isNotEmpty().allSatisfy(n -> assertThat(scraped).contains(n));
        }
    }

    private static double count(SimpleMeterRegistry registry, String outcome) {
        Counter c = registry.get(LoginMetrics.LOGINS).tag("outcome", outcome).counter();
        return c.count();
    }
}
