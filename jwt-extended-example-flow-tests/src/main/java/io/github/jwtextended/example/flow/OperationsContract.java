package io.github.jwtextended.example.flow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example servers' operations endpoints over HTTP, black box: {@code /metrics} (404 without
 * {@code METRICS_TOKEN}, 401 without the bearer token, 200 Prometheus text with it, read by the
 * Python client's parser, {@link PrometheusText}), one test per metric family driving the server
 * (verifications by outcome, tokens issued, rotations and reuse, revocations, the store's latency,
 * logins by outcome; each asserts what its own requests added), and the health routes
 * ({@code /healthz/live}, {@code /healthz/ready}, {@code /healthz}). A subclass says which server
 * ({@link #start}); each test starts its own with metrics on, on SQLite.
 *
 * <p>Thread safety: JUnit runs one test at a time per instance.
 */
public abstract class OperationsContract extends ServerPerTestContract {
    /** A clearly fake token for tests. */
    public static final String METRICS_TOKEN = "fake-metrics-token-for-tests-0123456789abcdef";
    private static final String SECRET = "fake-secret-of-the-operations-contract-0123456789abcdef";
    private static final String UNAUTHORIZED = "Missing or wrong metrics token";

    private Client api;

    protected OperationsContract() {
        super("jwt-operations");
    }

    /** Each test's server: metrics on, a known secret, no reuse window, a small per-username login limit. */
    @BeforeEach
    public void startServer() {
        api = serve("METRICS_TOKEN", METRICS_TOKEN, "JWT_SECRET_KEY", SECRET, "REFRESH_REUSE_GRACE_SECONDS", "0",
                "LOGIN_RATE_LIMIT_PER_USERNAME", "2", "LOGIN_RATE_LIMIT_PER_ADDRESS", "0");
    }

    private PrometheusText scrape() {
        HttpResponse<String> r = api.get("/metrics", "Authorization", "Bearer " + METRICS_TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return PrometheusText.parse(r.body());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private String accessToken(String user, String password) {
        HttpResponse<String> r = api.login(user, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Client.json(r).get("access_token").asText();
    }

    @Test
    public void metricsAreAnUnknownPathWithoutTheSetting() {
        Client c = serve();
        HttpResponse<String> unknown = c.get("/no-such-path");
        for (HttpResponse<String> r : List.of(c.get("/metrics"), c.get("/metrics", "Authorization", bearer(METRICS_TOKEN)))) {
            FlowContract.expect(r, 404, "Not Found");
            assertThat(r.body()).isEqualTo(unknown.body());
        }
    }

    @Test
    public void metricsNeedTheBearerToken() {
        for (String[] headers : List.of(new String[0], new String[] {"Authorization", bearer("wrong")},
                new String[] {"Authorization", bearer(METRICS_TOKEN.substring(1))},
                new String[] {"Authorization", bearer(METRICS_TOKEN + "x")},
                new String[] {"Authorization", "Basic " + METRICS_TOKEN},
                new String[] {"Authorization", METRICS_TOKEN})) {
            HttpResponse<String> r = api.get("/metrics", headers);
            FlowContract.expect(r, 401, UNAUTHORIZED);
            assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"metrics\"");
            assertThat(r.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        }
        HttpResponse<String> ok = api.get("/metrics", "Authorization", "bearer " + METRICS_TOKEN); // the scheme in any case
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain")
                .contains("version=0.0.4"));
        assertThat(ok.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(ok.body()).doesNotContain(METRICS_TOKEN);
        PrometheusText text = PrometheusText.parse(ok.body());
        assertThat(api.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(verifications(scrape())).as("scrapes and probes are no token verifications").isEqualTo(verifications(text));
        assertThat(text.families()).containsKeys("jwt_verifications", "jwt_tokens_issued", "jwt_refresh_rotations",
                "jwt_refresh_reuse", "jwt_revocations", "jwt_store_latency_seconds", "jwt_store_failures", "jwt_logins");
        assertThat(text.family("jwt_logins").type()).isEqualTo("counter");
        assertThat(text.family("jwt_store_latency_seconds").type()).isEqualTo("histogram");
    }

    @Test
    public void verificationsByOutcomeTypeAndLocation() throws Exception {
        String access = accessToken("testuser", "testpass");
        String revoked = accessToken("testuser", "testpass");
        FlowContract.expect(api.post("/logout", null, "Authorization", bearer(revoked)), 200, null);
        Client browser = new Client(api.base, true);
        assertThat(browser.login("testuser", "testpass").statusCode()).isEqualTo(200);
        PrometheusText before = scrape();

        assertThat(api.get("/protected", "Authorization", bearer(access)).statusCode()).isEqualTo(200);
        long now = System.currentTimeMillis() / 1000;
        FlowContract.expect(api.get("/protected", "Authorization", bearer(signed(SECRET, now - 120, now - 60))), 401,
                "Token has expired");
        FlowContract.expect(api.get("/protected", "Authorization", bearer(signed("another-" + SECRET, now, now + 600))), 422,
                "Signature verification failed");
        FlowContract.expect(api.get("/protected", "Authorization", bearer(revoked)), 401, "Token has been revoked");
        FlowContract.expect(browser.post("/protected", null), 401, "Missing CSRF token");

        PrometheusText after = scrape();
        assertThat(added(before, after, "jwt_verifications", "outcome", "success", "type", "access", "location", "headers"))
                .isGreaterThanOrEqualTo(1);
        for (String[] kind : List.of(new String[] {"expired", "headers"}, new String[] {"invalid_signature", "headers"},
                new String[] {"revoked", "headers"}, new String[] {"csrf", "cookies"})) {
            assertThat(added(before, after, "jwt_verifications", "outcome", kind[0], "type", "access", "location", kind[1]))
                    .as(kind[0]).isEqualTo(1);
        }
    }

    /**
     * {@code missing} counts the requests refused for lack of a token, once each: an open route
     * ({@code /login}, {@code /ping}) adds none (nothing at all in the Javalin example, which does not
     * verify it; {@code absent} in the Spring sample, whose chain verifies every request),
     * {@code /protected} one {@code missing} and nothing else, {@code /optional} one {@code absent}.
     */
    @Test
    public void missingCountsOnlyRoutesThatNeedAToken() {
        PrometheusText before = scrape();
        assertThat(api.login("testuser", "testpass").statusCode()).isEqualTo(200);
        assertThat(api.get("/ping").statusCode()).isEqualTo(200);
        PrometheusText open = scrape();
        double absent = added(before, open, "jwt_verifications", "outcome", "absent", "type", "access", "location", "none");
        assertThat(verifications(open) - verifications(before)).as("open routes: absent or nothing").isEqualTo(absent);
        assertThat(absent).isLessThanOrEqualTo(2);

        assertThat(api.get("/protected").statusCode()).isEqualTo(401);
        PrometheusText refused = scrape();
        assertThat(added(open, refused, "jwt_verifications", "outcome", "missing", "type", "access", "location", "none"))
                .isEqualTo(1);
        assertThat(verifications(refused) - verifications(open)).as("counted once").isEqualTo(1);

        assertThat(api.get("/optional").statusCode()).isEqualTo(200);
        PrometheusText optional = scrape();
        assertThat(added(refused, optional, "jwt_verifications", "outcome", "absent", "type", "access", "location", "none"))
                .isEqualTo(1);
        assertThat(verifications(optional) - verifications(refused)).as("counted once").isEqualTo(1);
    }

    @Test
    public void tokensIssuedRotationsAndReuse() {
        PrometheusText before = scrape();
        HttpResponse<String> login = api.login("testuser", "testpass");
        String refresh = Client.json(login).get("refresh_token").asText();
        FlowContract.expect(api.post("/refresh", null, "Authorization", bearer(refresh)), 200, null);
        FlowContract.expect(api.post("/refresh", null, "Authorization", bearer(refresh)), 401, "Token has been revoked");
        PrometheusText after = scrape();
        // A rotation signs its pair before the store decides: the refused reuse counts too.
        assertThat(added(before, after, "jwt_tokens_issued", "type", "access")).isEqualTo(3);
        assertThat(added(before, after, "jwt_tokens_issued", "type", "refresh")).isEqualTo(3);
        assertThat(added(before, after, "jwt_refresh_rotations", "result", "rotated")).isEqualTo(1);
        assertThat(added(before, after, "jwt_refresh_rotations", "result", "reuse")).isEqualTo(1);
        assertThat(added(before, after, "jwt_refresh_reuse")).isEqualTo(1);
    }

    @Test
    public void revocationsAndTheStoresLatency() {
        String first = accessToken("testuser", "testpass");
        String second = accessToken("admin", "adminpass");
        PrometheusText before = scrape();
        FlowContract.expect(api.post("/logout", null, "Authorization", bearer(first)), 200, "logout successful");
        FlowContract.expect(api.post("/logout-all", null, "Authorization", bearer(second)), 200, "logged out everywhere");
        PrometheusText after = scrape();
        assertThat(added(before, after, "jwt_revocations", "kind", "token")).isEqualTo(1);
        assertThat(added(before, after, "jwt_revocations", "kind", "family")).isEqualTo(1);
        assertThat(added(before, after, "jwt_revocations", "kind", "everywhere")).isEqualTo(1);
        String latency = "jwt_store_latency_seconds";
        assertThat(added(before, after, latency, "operation", "revoke")).isEqualTo(1);
        assertThat(added(before, after, latency, "operation", "revoke_family")).isEqualTo(1);
        assertThat(added(before, after, latency, "operation", "revoke_all")).isEqualTo(1);
        assertThat(added(before, after, latency, "operation", "check")).as("each verification's check").isGreaterThanOrEqualTo(2);
        // The histogram: cumulative buckets up to +Inf, which holds every call.
        List<PrometheusText.Sample> buckets = after.family(latency).samples().stream()
                .filter(s -> s.name().equals(latency + "_bucket") && s.labels().get("operation").equals("check")).toList();
        assertThat(buckets).hasSizeGreaterThan(5);
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
        }
        assertThat(buckets.get(buckets.size() - 1).labels()).containsEntry("le", "+Inf");
        assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(after.value(latency, latency + "_count", "operation", "check"));
        assertThat(after.value(latency, latency + "_sum", "operation", "revoke")).isPositive();
        assertThat(after.value("jwt_store_failures", "jwt_store_failures_total", "operation", "check", "cause", "timeout")).isZero();
    }

    @Test
    public void loginsByOutcome() {
        PrometheusText before = scrape();
        FlowContract.expect(api.login("testuser", "testpass"), 200, null);
        FlowContract.expect(api.login("no-such-user", "wrong"), 401, LoginProtectionContract.BAD);
        FlowContract.expect(api.login("no-such-user", "wrong"), 401, LoginProtectionContract.BAD);
        FlowContract.expect(api.login("no-such-user", "wrong"), 429, LoginProtectionContract.TOO_MANY);
        FlowContract.expect(LoginProtectionContract.login(api, "testuser", "testpass", "Sec-Fetch-Site", "cross-site"), 403, LoginProtectionContract.CROSS_SITE);
        assertThat(api.post("/login", "{\"username\": 1}").statusCode()).isEqualTo(400);
        PrometheusText after = scrape();
        assertThat(added(before, after, "jwt_logins", "outcome", "success")).isEqualTo(1);
        assertThat(added(before, after, "jwt_logins", "outcome", "bad_credentials")).isEqualTo(2);
        assertThat(added(before, after, "jwt_logins", "outcome", "throttled")).isEqualTo(1);
        assertThat(added(before, after, "jwt_logins", "outcome", "cross_site")).isEqualTo(1);
        assertThat(added(before, after, "jwt_logins", "outcome", "bad_request")).isEqualTo(1);
        assertThat(added(before, after, "jwt_logins", "outcome", "unavailable")).isZero();
        // Bounded tags: never a user name or an address.
        after.families().values().forEach(f -> f.samples().forEach(s -> assertThat(s.labels().values())
                .noneMatch(v -> v.contains("no-such-user") || v.contains("testuser") || v.contains("127.0.0.1"))));
    }

    @Test
    public void livenessAndReadinessAndAnOutage() {
        JsonNode live = Client.json(api.get("/healthz/live"));
        assertThat(live.toString()).isEqualTo("{\"status\":\"ok\"}");
        HttpResponse<String> ready = api.get("/healthz/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Client.json(ready).toString())
                .isEqualTo("{\"status\":\"ok\",\"database\":\"ok\",\"revocations\":\"ok\",\"near_cache\":\"trusted\"}");
        assertThat(api.get("/healthz").body()).as("/healthz is readiness, as before").isEqualTo(ready.body());
        assertThat(scrape().value("jwt_store_near_cache_trusted", "jwt_store_near_cache_trusted"))
                .as("the near cache's gauge agrees").isEqualTo(1);

        Client c = serve("REVOCATION_NEAR_CACHE", "false", "METRICS_TOKEN", METRICS_TOKEN);
        FlowContract.RunningServer strict = lastServer();
        assertThat(Client.json(c.get("/healthz/ready")).get("near_cache").asText()).isEqualTo("off");
        strict.closeDatabase();
        FlowContract.expect(c.login("testuser", "testpass"), 503, "Service temporarily unavailable");
        HttpResponse<String> metrics = c.get("/metrics", "Authorization", bearer(METRICS_TOKEN));
        assertThat(metrics.statusCode()).as("the metrics need no database").isEqualTo(200);
        assertThat(PrometheusText.parse(metrics.body()).value("jwt_logins", "jwt_logins_total", "outcome", "unavailable"))
                .isEqualTo(1);
        for (String path : List.of("/healthz/ready", "/healthz")) {
            HttpResponse<String> down = c.get(path);
            FlowContract.expect(down, 503, "Database unavailable");
            assertThat(Client.json(down).toString()).isEqualTo("{\"msg\":\"Database unavailable\",\"status\":\"unavailable\","
                    + "\"database\":\"down\",\"revocations\":\"down\",\"near_cache\":\"off\"}");
        }
        assertThat(c.get("/healthz/live").statusCode()).as("liveness touches nothing").isEqualTo(200);
    }

    private static double verifications(PrometheusText text) {
        return text.family("jwt_verifications").samples().stream().mapToDouble(PrometheusText.Sample::value).sum();
    }

    /**
     * {@code REVOCATION_FAIL_OPEN} with metrics: during a database outage a protected request is
     * answered (fail open), and the outage shows: the check is timed, its failure counted in
     * {@code jwt_store_failures_total} and its open answer in {@code jwt_store_fail_open_total},
     * though the verification itself succeeded. Without fail-open the same outage answers 503 and
     * nothing is answered open.
     */
    @Test
    public void failOpenChecksAreCountedAsFailuresAndOpenAnswers() {
        assertThat(throughAnOutage(true)).isEqualTo(200);
        assertThat(throughAnOutage(false)).isEqualTo(503);
    }

    /** A protected request on a server whose database is closed; the meters it added; returns its status. */
    private int throughAnOutage(boolean failOpen) {
        Client c = serve("REVOCATION_NEAR_CACHE", "false", "REVOCATION_FAIL_OPEN", String.valueOf(failOpen),
                "METRICS_TOKEN", METRICS_TOKEN);
        String access = Client.json(c.login("testuser", "testpass")).get("access_token").asText();
        lastServer().closeDatabase();
        PrometheusText before = PrometheusText.parse(c.get("/metrics", "Authorization", bearer(METRICS_TOKEN)).body());
        HttpResponse<String> answer = c.get("/protected", "Authorization", bearer(access));
        PrometheusText after = PrometheusText.parse(c.get("/metrics", "Authorization", bearer(METRICS_TOKEN)).body());
        assertThat(added(before, after, "jwt_store_latency_seconds", "operation", "check")).isEqualTo(1);
        assertThat(added(before, after, "jwt_store_failures", "operation", "check", "cause", "error"))
                .as("the failure, absorbed or not").isEqualTo(1);
        assertThat(added(before, after, "jwt_store_fail_open")).isEqualTo(failOpen ? 1 : 0);
        assertThat(after.value("jwt_store_fail_open", "jwt_store_fail_open_total")).isEqualTo(failOpen ? 1 : 0);
        assertThat(added(before, after, "jwt_verifications", "outcome", failOpen ? "success" : "store_unavailable",
                "type", "access", "location", "headers")).isEqualTo(1);
        return answer.statusCode();
    }

    /** How much the counter (or a timer's count) with these labels grew between two scrapes. */
    private static double added(PrometheusText before, PrometheusText after, String family, String... labels) {
        String sample = after.family(family).type().equals("histogram") ? family + "_count" : family + "_total";
        return after.value(family, sample, labels) - before.value(family, sample, labels);
    }

    /** An access token of testuser signed with HS256 by {@code secret}, issued at {@code iat}, expiring at {@code exp}. */
    private static String signed(String secret, long iat, long exp) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"testuser\",\"iat\":" + iat + ",\"nbf\":" + iat + ",\"exp\":" + exp
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"type\":\"access\",\"fresh\":false}").getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String input = header + "." + claims;
        return input + "." + b64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
