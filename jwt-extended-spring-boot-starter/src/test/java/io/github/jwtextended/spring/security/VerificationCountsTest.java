package io.github.jwtextended.spring.security;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the listeners ({@link JwtMetrics}' {@code jwt.verifications}, in a {@link SimpleMeterRegistry})
 * and the {@code jwt.verification} observations are told of each kind of request under Spring
 * Security, over HTTP on Tomcat: {@code missing} only for a request that needed a token and had
 * none, {@code absent} for a token-less request nothing required a token of, and the answers as
 * they always were.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VerificationCountsTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String MISSING_HEADER = "{\"msg\":\"Missing Authorization Header\"}";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableMethodSecurity
    @Import(Routes.class)
    static class App {
        @Bean
        SecurityFilterChain chain(HttpSecurity http) {
            return http
                    .csrf(c -> c.disable()) // header tokens only: no session, no form
                    .authorizeHttpRequests(a -> a
                            .requestMatchers("/login", "/ping", "/report").permitAll() // /report: method security decides
                            .requestMatchers("/maybe").access(JwtAuthorization.optional())
                            .requestMatchers("/strict").access(JwtAuthorization.guard(Guard.required()))
                            .anyRequest().authenticated())
                    .with(JwtSecurityConfigurer.jwt(), jwt -> jwt.guard("/refresh", Guard.required().refresh(true))
                            .guard("/soft", Guard.required().optional(true)))
                    .build();
        }

        @Bean
        SimpleMeterRegistry registry() {
            return new SimpleMeterRegistry();
        }
    }

    @RestController
    static class Routes {
        @PostMapping("/login")
        Map<String, String> login() {
            return Map.of("msg", "no password here");
        }

        @GetMapping("/ping")
        Map<String, String> ping() {
            return Map.of("msg", "pong");
        }

        @GetMapping("/report")
        @PreAuthorize("isAuthenticated()")
        Map<String, String> report(JwtAuthentication auth) {
            return Map.of("for", auth.getName());
        }

        @GetMapping({"/me", "/strict", "/maybe", "/soft"})
        Map<String, String> me(JwtAuthentication auth) {
            return Map.of("user", auth == null ? "-" : auth.getName());
        }

        @PostMapping("/refresh")
        Map<String, String> refresh(JwtAuthentication auth) {
            return Map.of("refreshed", auth.getName());
        }
    }

    private ConfigurableApplicationContext ctx;
    private String base;
    private JwtManager manager;
    private MeterRegistry registry;
    private List<Observation.Context> observed;

    @BeforeAll
    void start() {
        ctx = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false", "jwt.secret-key=" + SecurityConformanceApp.SECRET,
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
                .run();
        base = "http://127.0.0.1:" + SecurityConformanceApp.port(ctx);
        manager = ctx.getBean(JwtManager.class);
        registry = ctx.getBean(MeterRegistry.class);
        assertThat(registry).as("the registry JwtMetrics counts in").isInstanceOf(SimpleMeterRegistry.class);
        observed = VerificationObservations.record(ctx.getBean(ObservationRegistry.class));
    }

    @AfterAll
    void stop() {
        ctx.close();
    }

    /** The request's answer, what {@code jwt.verifications} grew by (per outcome) and the observations' outcomes. */
    private record Counted(int status, String body, Map<String, Double> counts, List<String> observations) {
    }

    private Counted count(HttpRequest.Builder request) throws Exception {
        Map<String, Double> before = verifications();
        observed.clear();
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Double> grown = new TreeMap<>();
        verifications().forEach((outcome, n) -> {
            double d = n - before.getOrDefault(outcome, 0.0);
            if (d != 0) {
                grown.put(outcome, d);
            }
        });
        return new Counted(r.statusCode(), r.body(), grown,
                observed.stream().map(c -> c.getLowCardinalityKeyValue("outcome").getValue()).toList());
    }

    private Map<String, Double> verifications() {
        Map<String, Double> out = new TreeMap<>();
        for (Counter c : registry.find(JwtMetrics.VERIFICATIONS).counters()) {
            out.merge(c.getId().getTag("outcome"), c.count(), Double::sum);
        }
        return out;
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    private HttpRequest.Builder post(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
    }

    @Test
    void aPublicRouteWithoutATokenIsAbsentNeverMissing() throws Exception {
        Counted login = count(post("/login"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.counts()).isEqualTo(Map.of("absent", 1.0));
        assertThat(login.observations()).containsExactly("absent");
        Counted ping = count(get("/ping"));
        assertThat(ping.body()).isEqualTo("{\"msg\":\"pong\"}");
        assertThat(ping.counts()).isEqualTo(Map.of("absent", 1.0));
        assertThat(ping.observations()).containsExactly("absent");
    }

    @Test
    void aBadTokenCountsItsFailureOnceAndAnOpenRouteStillAnswers() throws Exception {
        String forged = manager.createAccessToken("eve") + "x";
        Counted ping = count(get("/ping").header("Authorization", "Bearer " + forged));
        assertThat(ping.status()).as("permitAll ignores a bad token").isEqualTo(200);
        assertThat(ping.counts()).isEqualTo(Map.of("invalid_signature", 1.0));
        assertThat(ping.observations()).containsExactly("invalid_signature");
        for (String path : List.of("/me", "/strict", "/maybe")) {
            Counted closed = count(get(path).header("Authorization", "Bearer " + forged));
            assertThat(closed.status()).as(path).isEqualTo(422);
            assertThat(closed.body()).as(path).isEqualTo("{\"msg\":\"Signature verification failed\"}");
            assertThat(closed.counts()).as("%s: verified once", path).isEqualTo(Map.of("invalid_signature", 1.0));
        }
    }

    /**
     * Refused by an authorization rule: the filter's verification found no token (its observation is
     * {@code absent}: nothing required one yet), the entry point's, the one that refuses, is
     * {@code missing}; the listeners count the request once, as {@code missing}.
     */
    @Test
    void aRouteAnAuthorizationRuleClosesCountsOneMissingPerRefusal() throws Exception {
        Counted me = count(get("/me"));
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.body()).isEqualTo(MISSING_HEADER);
        assertThat(me.counts()).isEqualTo(Map.of("missing", 1.0));
        assertThat(me.observations()).containsExactly("absent", "missing");

        Counted report = count(get("/report"));
        assertThat(report.status()).as("@PreAuthorize refused an anonymous request: the entry point answers").isEqualTo(401);
        assertThat(report.body()).isEqualTo(MISSING_HEADER);
        assertThat(report.counts()).isEqualTo(Map.of("missing", 1.0));

        Counted strict = count(get("/strict"));
        assertThat(strict.status()).isEqualTo(401);
        assertThat(strict.body()).isEqualTo(MISSING_HEADER);
        assertThat(strict.counts()).isEqualTo(Map.of("missing", 1.0));
        assertThat(strict.observations()).as("the rule's own verification").containsExactly("absent", "missing");
    }

    @Test
    void aGuardedRouteWithoutATokenIsOneMissing() throws Exception {
        Counted refresh = count(post("/refresh"));
        assertThat(refresh.status()).isEqualTo(401);
        assertThat(refresh.body()).isEqualTo(MISSING_HEADER);
        assertThat(refresh.counts()).isEqualTo(Map.of("missing", 1.0));
        assertThat(refresh.observations()).containsExactly("missing");
    }

    /** An optional guard lets a request without a token on; the rule that then refuses it makes it one missing. */
    @Test
    void anOptionalGuardRefusedByARuleIsOneMissing() throws Exception {
        Counted soft = count(get("/soft"));
        assertThat(soft.status()).isEqualTo(401);
        assertThat(soft.body()).isEqualTo(MISSING_HEADER);
        assertThat(soft.counts()).isEqualTo(Map.of("missing", 1.0));
    }

    @Test
    void anOptionalRuleWithoutATokenIsOneAbsent() throws Exception {
        Counted maybe = count(get("/maybe"));
        assertThat(maybe.body()).isEqualTo("{\"user\":\"-\"}");
        assertThat(maybe.counts()).as("the rule takes the filter's verification").isEqualTo(Map.of("absent", 1.0));
    }

    @Test
    void aValidTokenIsOneSuccess() throws Exception {
        String access = manager.createAccessToken("ann");
        for (String path : List.of("/me", "/strict", "/maybe", "/report", "/ping")) {
            Counted ok = count(get(path).header("Authorization", "Bearer " + access));
            assertThat(ok.status()).as(path).isEqualTo(200);
            assertThat(ok.counts()).as(path).isEqualTo(Map.of("success", 1.0));
            assertThat(ok.observations()).as(path).containsExactly("success");
        }
        Counted refresh = count(post("/refresh").header("Authorization", "Bearer " + manager.createRefreshToken("ann")));
        assertThat(refresh.body()).isEqualTo("{\"refreshed\":\"ann\"}");
        assertThat(refresh.counts()).isEqualTo(Map.of("success", 1.0));
    }
}
