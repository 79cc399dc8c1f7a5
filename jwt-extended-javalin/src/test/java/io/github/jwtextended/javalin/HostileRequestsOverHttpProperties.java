package io.github.jwtextended.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.HostileInputs;
import io.javalin.http.HandlerType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;

/**
 * The hostile-request fuzz of core's {@code HostileRequestProperties} over a socket: the same
 * seeded {@link HostileInputs} cases sent to a running Javalin server with the plugin, through one
 * keep-alive HTTP/1.1 client. For every answer: never 5xx; a 2xx only where the case allows it
 * (a mutated token never); every 4xx is {@code application/json} with exactly {@code {"msg": <string>}}
 * and no echo of the token, identity, secret, {@code kid} or an implementation name. Cases whose
 * header values cannot travel on an HTTP/1.1 field line (CR, LF, non-ASCII) go only to the library
 * suite. Fixed seed; {@code -Djwt.fuzz.factor=N} sends N cases per try.
 */
class HostileRequestsOverHttpProperties {
    private static final int FACTOR = Integer.getInteger("jwt.fuzz.factor", 1);
    private static final long SHIFT = Long.getLong("jwt.fuzz.seed", 0L);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b");
    private static final String[] IMPLEMENTATION_WORDS = {"Exception", "exception", "java.", "io.github", "jackson",
            "javalin", "jetty", "Caused by", "\tat "};
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE};

    private static TestServer server;
    private static HostileInputs.Material material;
    private static HttpClient client;
    private static final AtomicLong SENT = new AtomicLong();
    private static final AtomicLong SKIPPED = new AtomicLong();
    private static final AtomicLong ACCEPTED = new AtomicLong();
    private static final AtomicLong NANOS = new AtomicLong();
    private static long startedAt;

    @BeforeContainer
    static void start() {
        JwtManager manager = JwtManager.builder(JwtConfig.builder().secretKey(SECRET_64)
                .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES, TokenLocation.JSON).build())
                .clock(fixedClock()).build();
        server = TestServer.start(manager, cfg -> {
            for (HandlerType m : METHODS) {
                cfg.routes.addHttpHandler(m, "/a", ctx -> ctx.json(Map.of("id", JavalinJwt.identityValue(ctx))), JwtGuard.required());
                cfg.routes.addHttpHandler(m, "/r", ctx -> ctx.json(Map.of("id", JavalinJwt.identityValue(ctx))), JwtGuard.refresh());
            }
        });
        material = HostileInputs.Material.of(manager, bytes(SECRET_64));
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        startedAt = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        System.out.printf("HTTP fuzz: %d requests sent (%d accepted), %d cases not sendable on a field line, %.1f s sending, "
                        + "%.1f s wall%n", SENT.get(), ACCEPTED.get(), SKIPPED.get(), NANOS.get() / 1e9,
                (System.nanoTime() - startedAt) / 1e9);
        if (server != null) {
            server.close();
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().withoutEdgeCases();
    }

    /** ~5,000 requests over one keep-alive connection (factor 1); another seed than the library suite's. */
    @Property(tries = 5_000, seed = "20261129", shrinking = ShrinkingMode.OFF)
    void noHostileRequestIsAcceptedCrashesOrLeaksOverHttp(@ForAll("seeds") long seed) throws Exception {
        for (int i = 0; i < FACTOR; i++) {
            HostileInputs.Case c = HostileInputs.next(new Random(seed + 31L * i + SHIFT), material);
            if (!c.sendableOverHttp()) {
                SKIPPED.incrementAndGet();
                continue;
            }
            send(c);
        }
    }

    private static void send(HostileInputs.Case c) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(c.refreshRoute() ? "/r" : "/a")).timeout(Duration.ofSeconds(10));
        try {
            for (Map.Entry<String, String> h : c.headers()) {
                b.header(h.getKey(), h.getValue());
            }
            if (!c.cookies().isEmpty()) {
                List<String> pairs = new ArrayList<>();
                c.cookies().forEach(k -> pairs.add(k.getKey() + "=" + k.getValue()));
                b.header("Cookie", String.join("; ", pairs));
            }
            if (c.contentType() != null) {
                b.header("Content-Type", c.contentType());
            }
        } catch (IllegalArgumentException refusedByTheClient) {
            SKIPPED.incrementAndGet(); // e.g. a value the JDK client will not put on the wire
            return;
        }
        b.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("no answer (" + e.getMessage() + ") for " + c, e);
        }
        NANOS.addAndGet(System.nanoTime() - t0);
        SENT.incrementAndGet();
        check(r, c);
    }

    private static void check(HttpResponse<String> r, HostileInputs.Case c) throws IOException {
        int status = r.statusCode();
        if (status >= 500) {
            throw new AssertionError(status + " " + r.body() + " for " + c);
        }
        if (status >= 200 && status < 300) {
            ACCEPTED.incrementAndGet();
            if (c.expect() == HostileInputs.Expect.REFUSE) {
                throw new AssertionError("accepted (" + r.body() + ") a request that must be refused: " + c);
            }
            return;
        }
        if (c.expect() == HostileInputs.Expect.ACCEPT) {
            throw new AssertionError("refused (" + status + " " + r.body() + ") a request that must be accepted: " + c);
        }
        if (status < 400) {
            throw new AssertionError("unexpected status " + status + " for " + c);
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/json")) {
            throw new AssertionError("error answer is " + type + ": " + status + " " + r.body() + " for " + c);
        }
        JsonNode body = JSON.readTree(r.body());
        if (body == null || !body.isObject() || body.size() != 1 || !body.path("msg").isTextual() || body.get("msg").asText().isEmpty()) {
            throw new AssertionError("body is not {\"msg\": <string>}: " + r.body() + " for " + c);
        }
        List<String> texts = new ArrayList<>();
        texts.add(r.body());
        r.headers().map().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("date")) {
                texts.addAll(values);
            }
        });
        for (String text : texts) {
            for (String f : c.forbidden()) {
                if (text.contains(f)) {
                    throw new AssertionError("answer echoes input (" + f.length() + " chars): " + text + " for " + c);
                }
            }
            for (String w : IMPLEMENTATION_WORDS) {
                if (text.contains(w)) {
                    throw new AssertionError("answer names the implementation: " + text + " for " + c);
                }
            }
        }
        String msg = body.get("msg").asText();
        if (CLASS_NAME.matcher(msg).find()) {
            throw new AssertionError("message has a class-like name: " + msg + " for " + c);
        }
    }
}
