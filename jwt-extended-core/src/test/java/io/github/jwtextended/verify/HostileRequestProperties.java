package io.github.jwtextended.verify;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.HostileInputs;
import io.github.jwtextended.token.Jwt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;

/**
 * Seeded mutation fuzzing of the library (no hostile input accepted, none answered 5xx, nothing
 * leaked: SECURITY.md rows P1-P3; with the Javalin module's 5,000 over HTTP, a CI run sends at least
 * 20,000 seeded mutations):
 * {@link HostileInputs} cases through {@link RequestVerifier} (via {@link JwtManager#verifyRequest})
 * and, for the token alone, {@link JwtManager#decodeToken}. For every case:
 * <ul>
 *   <li>nothing but a {@link JwtException} escapes;</li>
 *   <li>the answer is 4xx (never 5xx) with exactly {@code {"msg": <string>}}, and neither the
 *       message nor a header contains the token (or a segment of it), the identity, the secret, a
 *       {@code kid} or a class name; in the RFC 6750 style an invalid token is a 401 with
 *       {@code error="invalid_token"}, never 422;</li>
 *   <li>a case that must be refused is refused: in particular a mutated token is accepted only
 *       when its bytes equal a valid token's; a case that must be accepted (a valid token in an
 *       allowed form) is accepted.</li>
 * </ul>
 * The seeds are fixed, so CI is reproducible. More cases locally: {@code -Djwt.fuzz.factor=10}
 * runs ten cases per try; {@code -Djwt.fuzz.seed=<n>} shifts every seed.
 */
class HostileRequestProperties {
    static final int FACTOR = Integer.getInteger("jwt.fuzz.factor", 1);
    static final long SHIFT = Long.getLong("jwt.fuzz.seed", 0L);

    private static final JwtConfig.Builder CONFIG = JwtConfig.builder().keys(k -> k.withSecret(SECRET_64))
            .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES, TokenLocation.JSON);
    private static final JwtManager FLASK = JwtManager.builder(CONFIG.build()).clock(fixedClock()).build();
    private static final JwtManager RFC6750 = JwtManager.builder(CONFIG.errors(e -> e.withStyle(ErrorStyle.RFC6750)).build())
            .clock(fixedClock()).build();
    private static final HostileInputs.Material MATERIAL = HostileInputs.Material.of(FLASK, bytes(SECRET_64));

    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\\b");
    private static final String[] IMPLEMENTATION_WORDS = {"Exception", "exception", "java.", "io.github", "jackson",
            "nimbus", "Caused by", "\tat "};

    static final AtomicLong CASES = new AtomicLong();
    static final AtomicLong ACCEPTED = new AtomicLong();
    static final AtomicLong NANOS = new AtomicLong();
    static final Map<String, Long> KINDS = new TreeMap<>();

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().withoutEdgeCases();
    }

    /** ~15,000 requests (factor 1) against the flask-style manager; one in five against the RFC 6750 style. */
    @Property(tries = 15_000, seed = "20261128", shrinking = ShrinkingMode.OFF)
    void noHostileRequestIsAcceptedCrashesOrLeaks(@ForAll("seeds") long seed) {
        long start = System.nanoTime();
        for (int i = 0; i < FACTOR; i++) {
            Random r = new Random(seed + 31L * i + SHIFT);
            HostileInputs.Case c = HostileInputs.next(r, MATERIAL);
            boolean rfc = r.nextInt(5) == 0;
            check(rfc ? RFC6750 : FLASK, rfc, c);
        }
        NANOS.addAndGet(System.nanoTime() - start);
    }

    static void check(JwtManager manager, boolean rfc6750, HostileInputs.Case c) {
        synchronized (KINDS) {
            KINDS.merge(c.kind(), 1L, Long::sum);
        }
        CASES.incrementAndGet();
        Guard guard = c.refreshRoute() ? Guard.required().refresh(true) : Guard.required();
        Jwt jwt;
        try {
            jwt = manager.verifyRequest(c.toFakeRequest(), guard);
        } catch (JwtException e) {
            if (c.expect() == HostileInputs.Expect.ACCEPT) {
                throw new AssertionError("refused a request that must be accepted (" + e.getMessage() + "): " + c);
            }
            checkAnswer(manager.errorResponse(e), rfc6750, c);
            checkDirectDecode(manager, c);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("not a JwtException: " + e.getClass().getName() + " for " + c, e);
        }
        ACCEPTED.incrementAndGet();
        if (c.expect() == HostileInputs.Expect.REFUSE) {
            throw new AssertionError("accepted a request that must be refused (identity " + jwt.identity() + "): " + c);
        }
        checkDirectDecode(manager, c);
    }

    /** The token alone through decodeToken: a JwtException or, only for a valid token's bytes, success. */
    private static void checkDirectDecode(JwtManager manager, HostileInputs.Case c) {
        if (c.token() == null) {
            return;
        }
        try {
            manager.decodeToken(c.token());
        } catch (JwtException e) {
            checkMessage(e.getMessage(), c);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decodeToken: not a JwtException: " + e.getClass().getName() + " for " + c, e);
        }
        if (c.kind().startsWith("token/") && !MATERIAL.validTokens().contains(c.token())) {
            throw new AssertionError("decodeToken accepted a mutated token: " + c);
        }
    }

    static void checkAnswer(ErrorResponse r, boolean rfc6750, HostileInputs.Case c) {
        if (r.status() < 400 || r.status() > 499) {
            throw new AssertionError("status " + r.status() + " for " + c);
        }
        if (rfc6750 && r.status() == 422) {
            throw new AssertionError("422 in the RFC 6750 style for " + c);
        }
        if (r.body().size() != 1 || !(r.body().get("msg") instanceof String) || ((String) r.body().get("msg")).isEmpty()) {
            throw new AssertionError("body is not {\"msg\": <string>}: " + r.body() + " for " + c);
        }
        checkMessage((String) r.body().get("msg"), c);
        for (Map.Entry<String, String> h : r.headers().entrySet()) {
            checkMessage(h.getValue(), c);
            if (r.status() == 401 && rfc6750 && h.getKey().equals("WWW-Authenticate")
                    && !h.getValue().matches("Bearer( error=\"(invalid_token|invalid_request|insufficient_scope)\")?")) {
                throw new AssertionError("WWW-Authenticate " + h.getValue() + " for " + c);
            }
        }
    }

    static void checkMessage(String message, HostileInputs.Case c) {
        for (String f : c.forbidden()) {
            if (message.contains(f)) {
                throw new AssertionError("answer echoes input (" + f.length() + " chars): " + message + " for " + c);
            }
        }
        for (String w : IMPLEMENTATION_WORDS) {
            if (message.contains(w)) {
                throw new AssertionError("answer names the implementation: " + message + " for " + c);
            }
        }
        if (CLASS_NAME.matcher(message).find()) {
            throw new AssertionError("answer has a class-like name: " + message + " for " + c);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("Library fuzz: %d cases (%d accepted) in %.1f s; kinds: %d%n", CASES.get(), ACCEPTED.get(),
                NANOS.get() / 1e9, KINDS.size());
    }
}
