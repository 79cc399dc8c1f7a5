package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.ReadmeSnippets;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.micrometer.readme.MeteredManager;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** Every meter the module registers: the JWKS gauges come with a first fetch, the near cache's with a store that keeps one. */
    private static List<Meter.Id> registerAll(MeterRegistry registry) {
        JwtMetrics metrics = new JwtMetrics(registry);
        // a resolver that has fetched nothing: its gauges read NaN and 0, and exist
        metrics.jwksFetch(JwksFetchOutcome.SUCCESS, RemoteJwksKeyResolver.builder(URI.create("https://idp.example/jwks.json")).build());
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite::memory:");
        try (RevocationStore store = new MeteredRevocationStore(
                JdbcRevocationStore.builder(sqlite).nearCache(Duration.ofSeconds(1)).build(), registry)) {
            // the published percentiles are Micrometer's gauges of the timer, "<timer>.percentile{phi}"
            return registry.getMeters().stream().map(Meter::getId).filter(id -> !id.getName().endsWith(".percentile")).toList();
        }
    }

    @Test
    void everyMeterAndTagValueIsDocumented() throws IOException {
        String doc = Files.readString(DOC);
        List<Meter.Id> ids = registerAll(new SimpleMeterRegistry());
        assertThat(ids).hasSizeGreaterThan(100);
        Set<String> names = ids.stream().map(Meter.Id::getName).collect(Collectors.toSet());
        assertThat(names).as("with the near cache's and the JWKS's gauges").hasSize(15)
                .allSatisfy(n -> assertThat(doc).contains("`" + n + "`"));
        Set<String> values = ids.stream().flatMap(id -> id.getTags().stream())
                .map(t -> t.getValue()).collect(Collectors.toSet());
        assertThat(values).allSatisfy(v -> assertThat(doc).contains("`" + v + "`"));
    }

    /**
     * Every series an alert names (a {@code jwt_...} name in a {@code promql} block of the
     * document) is a series of a real Prometheus scrape of every meter (sample names read from the
     * text format's sample lines).
     */
    @Test
    void thePrometheusNamesTheDocumentUsesAreTheScrapesNames() throws IOException {
        String doc = Files.readString(DOC);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registerAll(registry);
        Set<String> scraped = registry.scrape().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> SAMPLE_NAME.matcher(l)).filter(Matcher::lookingAt).map(m -> m.group()).collect(Collectors.toSet());
        Set<String> named = new java.util.TreeSet<>();
        Matcher block = PROMQL_BLOCK.matcher(doc);
        while (block.find()) {
            Matcher m = DOC_SERIES.matcher(block.group(1));
            while (m.find()) {
                if (!m.group().startsWith(EXAMPLE_SERVERS_LOGINS)) { // not this module's: LoginMetricsTest checks it
                    named.add(m.group());
                }
            }
        }
        assertThat(named).as("names in docs/operations.md").isNotEmpty().allSatisfy(n -> assertThat(scraped).contains(n));
        assertThat(named).contains("jwt_store_fail_open_total", "jwt_store_near_cache_trusted", "jwt_store_near_cache_staleness_seconds",
                "jwt_jwks_fetches_total", "jwt_jwks_keys", "jwt_jwks_age_seconds");
    }

    /** The example servers' login counter ({@code jwt-extended-example-accounts}' LoginMetrics), documented in the same file. */
    private static final String EXAMPLE_SERVERS_LOGINS = "jwt_logins";
    private static final Pattern SAMPLE_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern PROMQL_BLOCK = Pattern.compile("```promql\\n(.*?)```", Pattern.DOTALL);
    /** A series name: {@code jwt_} and lower-case words. */
    private static final Pattern DOC_SERIES = Pattern.compile("\\bjwt_[a-z_]+[a-z]\\b");
}
