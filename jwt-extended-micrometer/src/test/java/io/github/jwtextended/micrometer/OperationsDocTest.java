package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.ReadmeSnippets;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.micrometer.readme.MeteredManager;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/operations.md: its setup code is {@code readme/MeteredManager.java} and works as shown, and
 * it names every meter and every tag value the module registers.
 */
class OperationsDocTest {
    private static final Path DOC = Path.of("../docs/operations.md");

    @Test
    void theSetupSnippetIsCompiledAndMeters() {
        ReadmeSnippets.assertCompiled(DOC, Map.of("metered-manager",
                Path.of("src/test/java/io/github/jwtextended/micrometer/readme/MeteredManager.java")));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        JwtManager jwt = MeteredManager.build(TestKeys.config().build(), new InMemoryRevocationStore(), registry);
        jwt.verifyRequest(FakeRequest.get().bearer(jwt.createAccessToken("kim")), Guard.required());
        assertThat(registry.get(JwtMetrics.VERIFICATIONS).tags("outcome", "success", "type", "access", "location", "headers")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get(MeteredRevocationStore.LATENCY).tag("operation", "check").timer().count()).isEqualTo(1);
    }

    @Test
    void everyMeterAndTagValueIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new JwtMetrics(registry).jwksFetch(JwksFetchOutcome.SUCCESS, 1); // the JWKS gauges come with the first fetch
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");
        List<Meter.Id> ids;
        try (RevocationStore store = new MeteredRevocationStore(
                JdbcRevocationStore.builder(sqlite).nearCache(Duration.ofSeconds(1)).build(), registry)) {
            // the published percentiles are Micrometer's gauges of the timer, "<timer>.percentile{phi}"
            ids = registry.getMeters().stream().map(Meter::getId).filter(id -> !id.getName().endsWith(".percentile")).toList();
        }
        assertThat(ids).hasSizeGreaterThan(100);
        Set<String> names = ids.stream().map(Meter.Id::getName).collect(Collectors.toSet());
        assertThat(names).as("with the near cache's and the JWKS's gauges").hasSize(13)
                .allSatisfy(n -> assertThat(doc).contains("`" + n + "`"));
        Set<String> values = ids.stream().flatMap(id -> id.getTags().stream())
                .map(t -> t.getValue()).collect(Collectors.toSet());
        assertThat(values).allSatisfy(v -> assertThat(doc).contains("`" + v + "`"));
    }
}
