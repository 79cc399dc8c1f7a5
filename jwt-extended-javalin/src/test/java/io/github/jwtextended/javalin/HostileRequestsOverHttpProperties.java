package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.HostileHttp;
import io.github.jwtextended.fixtures.HostileInputs;
import io.github.jwtextended.verify.Guard;
import io.javalin.http.HandlerType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.util.Map;
import java.util.Random;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;

/**
 * The hostile-request fuzz of core's {@code HostileRequestProperties} over a socket: the same
 * seeded {@link HostileInputs} cases sent to a running Javalin server with the plugin, through one
 * keep-alive HTTP/1.1 client, each answer checked by {@link HostileHttp} (never 5xx; 2xx only where
 * the case allows it, a mutated token never; every 4xx exactly {@code {"msg": <string>}} as JSON with
 * no echo of token, identity, secret or implementation names). Cases whose header values cannot
 * travel on an HTTP/1.1 field line (CR, LF, non-ASCII) go only to the library suite. Fixed seed;
 * {@code -Djwt.fuzz.factor=N} sends N cases per try, {@code -Djwt.fuzz.seed=<n>} shifts the seeds.
 */
class HostileRequestsOverHttpProperties {
    private static final int FACTOR = Integer.getInteger("jwt.fuzz.factor", 1);
    private static final long SHIFT = Long.getLong("jwt.fuzz.seed", 0L);
    private static final HandlerType[] METHODS = {HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE};

    private static TestServer server;
    private static HostileInputs.Material material;
    private static HostileHttp http;
    private static long startedAt;

    @BeforeContainer
    static void start() {
        JwtManager manager = JwtManager.builder(JwtConfig.builder().keys(k -> k.withSecret(SECRET_64))
                .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES, TokenLocation.JSON).build())
                .clock(fixedClock()).build();
        server = TestServer.start(manager, cfg -> {
            for (HandlerType m : METHODS) {
                cfg.routes.addHttpHandler(m, "/a", ctx -> ctx.json(Map.of("id", JavalinJwt.jwt(ctx).identity())), JwtGuard.required());
            }
            cfg.routes.get("/r", ctx -> ctx.json(Map.of("id", JavalinJwt.jwt(ctx).identity())), JwtGuard.of(Guard.required().refresh(true)));
            cfg.routes.post("/r", ctx -> ctx.json(Map.of("id", JavalinJwt.jwt(ctx).identity())), JwtGuard.of(Guard.required().refresh(true)));
        });
        material = HostileInputs.Material.of(manager, bytes(SECRET_64));
        http = new HostileHttp(server.uri("/").getPort(), "/a", "/r");
        startedAt = System.nanoTime();
    }

    @AfterContainer
    static void stop() {
        System.out.println(http.summary("HTTP fuzz (Javalin)") + String.format(", %.1f s wall", (System.nanoTime() - startedAt) / 1e9));
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
            http.send(HostileInputs.next(new Random(seed + 31L * i + SHIFT), material));
        }
    }
}
