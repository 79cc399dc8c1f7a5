package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.json.StrictJson;
import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.spring.JwtIdentity;
import io.github.jwtextended.spring.JwtRequired;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.jwtextended.spring.actuate.ActuatorAutoConfigurationTest.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Boot application with Actuator on a free port, driven over HTTP: refusals counted by
 * reason in Boot's registry (read through its metrics endpoint), the health endpoint's {@code jwt}
 * component UP, DOWN while the store fails and UP again after, and the verification and store
 * calls as spans under the request's.
 */
class ActuatorHttpTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static ConfigurableApplicationContext app;
    private static String base;

    /** A store that fails every call while {@link #down} is set, as a store outage would. */
    static final class SwitchableStore extends ForwardingRevocationStore {
        volatile boolean down;

        SwitchableStore() {
            super(new InMemoryRevocationStore());
        }

        @Override
        public boolean isRevoked(RevocationCheck check) {
            if (down) {
                throw new RevocationStoreException("connect to redis://:hunter2@cache.internal:6379 refused (test)");
            }
            return super.isRevoked(check);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(App.Routes.class)
    static class App {
        @Bean
        SwitchableStore revocationStore() {
            return new SwitchableStore();
        }

        @Bean
        SimpleTracer tracer() {
            return new SimpleTracer();
        }

        /** Spans from observations, as Micrometer Tracing's bridges (Brave, OpenTelemetry) make them. */
        @Bean
        DefaultTracingObservationHandler tracingHandler(SimpleTracer tracer) {
            return new DefaultTracingObservationHandler(tracer);
        }

        @RestController
        static class Routes {
            @GetMapping("/protected")
            @JwtRequired
            Map<String, String> whoAmI(@JwtIdentity String user) {
                return Map.of("logged_in_as", user);
            }
        }
    }

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false",
                        "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                        "jwt.secret-key=" + SECRET,
                        "management.endpoints.web.exposure.include=health,metrics",
                        "management.endpoint.health.show-details=always")
                .run();
        base = "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> get(String path, String bearer) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path));
        if (bearer != null) {
            r.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(HttpResponse<String> r) throws Exception {
        return StrictJson.parseObject(r.body().getBytes(StandardCharsets.UTF_8));
    }

    /** The COUNT statistic of a meter, read through Boot's metrics endpoint. */
    @SuppressWarnings("unchecked")
    private static double count(String meter, String... tags) throws Exception {
        StringBuilder path = new StringBuilder("/actuator/metrics/").append(meter).append('?');
        for (String t : tags) {
            path.append("tag=").append(t).append('&');
        }
        HttpResponse<String> r = get(path.toString(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<Map<String, Object>> measurements = (List<Map<String, Object>>) json(r).get("measurements");
        return measurements.stream().filter(m -> m.get("statistic").equals("COUNT"))
                .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> storeHealth(HttpResponse<String> r) throws Exception {
        Map<String, Object> components = (Map<String, Object>) json(r).get("components");
        return (Map<String, Object>) components.get("revocationStore");
    }

    /** The health answer docs/operations.md shows for a store outage (the one-line JSON block). */
    private static Map<String, Object> documentedOutage() throws Exception {
        String line = Files.readAllLines(Path.of("../docs/operations.md")).stream()
                .filter(l -> l.startsWith("{\"status\": \"DOWN\"")).findFirst().orElseThrow();
        return StrictJson.parseObject(line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void refusalsAreCountedByReasonAndTheStoresHealthFollowsItsOutage() throws Exception {
        JwtManager manager = app.getBean(JwtManager.class);
        String token = manager.createAccessToken("kim");
        String expired = Forge.hs256(SECRET.getBytes(StandardCharsets.UTF_8),
                "{\"sub\":\"kim\",\"type\":\"access\",\"fresh\":false,\"jti\":\"e1\",\"iat\":1000,\"nbf\":1000,\"exp\":2000}");

        double success = count("jwt.verifications", "outcome:success");
        double checks = count("jwt.store.latency", "operation:check");
        assertThat(get("/protected", token).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get("/protected", expired);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("{\"msg\":\"Token has expired\"}");
        assertThat(get("/protected", null).statusCode()).isEqualTo(401);

        assertThat(count("jwt.verifications", "outcome:expired", "type:access", "location:headers")).isEqualTo(1);
        assertThat(count("jwt.verifications", "outcome:missing", "location:none")).isEqualTo(1);
        assertThat(count("jwt.verifications", "outcome:success")).isEqualTo(success + 1);
        assertThat(count("jwt.store.latency", "operation:check")).as("the health probe is not the manager's call").isEqualTo(checks + 1);

        HttpResponse<String> health = get("/actuator/health/jwt", null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health)).containsEntry("status", "UP");
        assertThat(storeHealth(health)).containsEntry("status", "UP").containsEntry("details", Map.of("checks", "store"));

        SwitchableStore store = app.getBean(SwitchableStore.class);
        store.down = true;
        try {
            HttpResponse<String> outage = get("/protected", token);
            assertThat(outage.statusCode()).isEqualTo(503);
            assertThat(count("jwt.verifications", "outcome:store_unavailable", "location:headers")).isEqualTo(1);
            assertThat(count("jwt.store.failures", "operation:check", "cause:error")).isEqualTo(1);

            HttpResponse<String> down = get("/actuator/health/jwt", null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(json(down)).containsEntry("status", "DOWN");
            assertThat(storeHealth(down)).containsEntry("status", "DOWN")
                    .containsEntry("details", Map.of("checks", "store", "error", "outage"));
            assertThat(down.body()).doesNotContain("hunter2", "cache.internal", "Exception");
            Map<String, Object> answer = new java.util.HashMap<>(json(down));
            answer.remove("groups"); // Boot lists the probe groups (liveness, readiness) where it finds a platform for them
            assertThat(answer).as("docs/operations.md shows this answer").isEqualTo(documentedOutage());
            assertThat(get("/actuator/health", null).statusCode()).as("the application's health as a whole").isEqualTo(503);
        } finally {
            store.down = false;
        }
        assertThat(get("/actuator/health/jwt", null).statusCode()).as("recovers by itself").isEqualTo(200);
        assertThat(get("/protected", token).statusCode()).isEqualTo(200);
    }

    @Test
    void verificationAndStoreCallsAreSpansUnderTheRequestsAndTimersInBootsRegistry() throws Exception {
        SimpleTracer tracer = app.getBean(SimpleTracer.class);
        String token = app.getBean(JwtManager.class).createAccessToken("lee");
        assertThat(get("/protected", token).statusCode()).isEqualTo(200);
        assertThat(get("/protected", "not-a-token").statusCode()).isEqualTo(422);

        List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
        SimpleSpan accepted = spans.stream().filter(s -> "jwt verification".equals(s.getName())
                && "success".equals(s.getTags().get("outcome"))).reduce((a, b) -> b).orElseThrow();
        assertThat(accepted.getTags()).containsEntry("type", "access").containsEntry("location", "headers")
                .containsOnlyKeys("outcome", "type", "location");
        SimpleSpan request = spans.stream().filter(s -> s.getSpanId().equals(accepted.getParentId())).findFirst().orElseThrow();
        assertThat(request.getName()).startsWith("http get");
        SimpleSpan check = spans.stream().filter(s -> accepted.getSpanId().equals(s.getParentId())).findFirst().orElseThrow();
        assertThat(check.getName()).isEqualTo("jwt store check");
        assertThat(check.getTags()).containsOnly(Map.entry("operation", "check"), Map.entry("outcome", "not_revoked"));

        SimpleSpan malformed = spans.stream().filter(s -> "jwt verification".equals(s.getName())
                && "invalid_token".equals(s.getTags().get("outcome"))).reduce((a, b) -> b).orElseThrow();
        assertThat(malformed.getTags()).containsEntry("location", "headers");
        assertThat(malformed.getError()).as("a refusal is an answer, not an error").isNull();
        assertThat(spans).allSatisfy(s -> assertThat(s.getTags().values()).doesNotContain("lee", "not-a-token", token));

        assertThat(count("jwt.verification", "outcome:invalid_token", "location:headers")).isEqualTo(1);
        assertThat(count("jwt.store.call", "operation:check", "outcome:not_revoked")).isGreaterThanOrEqualTo(1);
    }
}
