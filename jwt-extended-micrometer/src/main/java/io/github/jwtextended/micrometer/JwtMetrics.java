package io.github.jwtextended.micrometer;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.event.RevocationKind;
import io.github.jwtextended.event.RotationOutcome;
import io.github.jwtextended.event.TokenType;
import io.github.jwtextended.event.VerificationOutcome;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The library's counters, as a {@link JwtListener}:
 * <pre>{@code
 * JwtManager jwt = JwtManager.builder(config)
 *         .revocationStore(new MeteredRevocationStore(store, registry))
 *         .listener(new JwtMetrics(registry))
 *         .build();
 * }</pre>
 * <ul>
 *   <li>{@value #VERIFICATIONS} {@code {outcome, type, location}}: each request verification, by
 *       {@link VerificationOutcome} ({@code success}, {@code expired}, {@code invalid_signature},
 *       {@code revoked}, {@code csrf}, {@code store_unavailable}, ...), the token type the route
 *       reads ({@code access}, {@code refresh}) and where the token was found ({@code headers},
 *       {@code cookies}, {@code query_string}, {@code json}, or {@code none});</li>
 *   <li>{@value #TOKENS_ISSUED} {@code {type}}: tokens signed;</li>
 *   <li>{@value #ROTATIONS} {@code {result}}: refresh-token rotations by {@link RotationOutcome};</li>
 *   <li>{@value #REUSE}: refresh-token reuse detections (a family revoked because a rotated token
 *       came back);</li>
 *   <li>{@value #REVOCATIONS} {@code {kind}}: revocations recorded ({@code token}, {@code family},
 *       {@code everywhere}: log out everywhere);</li>
 *   <li>{@value #JWKS_FETCHES} {@code {result}}: fetches of the remote JWK Set by
 *       {@link JwksFetchOutcome} ({@code success}, {@code timeout}, {@code http_status},
 *       {@code invalid_document}, {@code too_large}, {@code network});</li>
 *   <li>{@value #JWKS_KEYS}: the verification keys in use, {@value #JWKS_AGE} (seconds): how
 *       long ago the key set in use was fetched (NaN before a fetch has succeeded), and
 *       {@value #JWKS_USABLE}: 1 while requests are verified with them, 0 when there are none or
 *       they are older than the resolver's {@code maxStaleness} (tokens needing them answer 503); the gauges
 *       are registered with the first fetch (a manager without a remote JWKS has none) and read
 *       at scrape time from the resolver that fetched
 *       ({@link RemoteJwksKeyResolver#keysInUse()}: by the resolver's own clock, as its requests
 *       and the health check judge the keys). A fetch reported without its resolver
 *       ({@link #jwksFetch(JwksFetchOutcome, int)}) is counted only.</li>
 * </ul>
 * Every counter of every tag combination is registered when this is built, so each series exists
 * (at zero) before its first event, and a report only increments a counter looked up in an array:
 * nothing is allocated per event. The JWKS gauges describe one key set, the first resolver's to
 * report a fetch: give each manager with a remote JWKS a registry of its own, or accept that the
 * gauges describe the first. They hold the resolver weakly (NaN once it is gone).
 *
 * <p>Thread safety: thread safe (the counters are).
 */
public final class JwtMetrics implements JwtListener {
    /** Request verifications by outcome, type and location. */
    public static final String VERIFICATIONS = "jwt.verifications";
    /** Tokens issued by type. */
    public static final String TOKENS_ISSUED = "jwt.tokens.issued";
    /** Refresh-token rotations by result. */
    public static final String ROTATIONS = "jwt.refresh.rotations";
    /** Refresh-token reuse detections. */
    public static final String REUSE = "jwt.refresh.reuse";
    /** Revocations recorded, by kind. */
    public static final String REVOCATIONS = "jwt.revocations";
    /** Fetches of the remote JWK Set, by result. */
    public static final String JWKS_FETCHES = "jwt.jwks.fetches";
    /** Verification keys in use from the remote JWK Set. */
    public static final String JWKS_KEYS = "jwt.jwks.keys";
    /** Seconds since the remote JWK Set in use was fetched. */
    public static final String JWKS_AGE = "jwt.jwks.age";
    /** 1 while the remote JWK Set in use verifies requests, 0 when it does not (none, or too old). */
    public static final String JWKS_USABLE = "jwt.jwks.usable";
    /** The {@code location} tag's value when no token was found. */
    public static final String NO_LOCATION = "none";

    private static final int LOCATIONS = TokenLocation.values().length + 1;

    /** [outcome][type][location, NO_LOCATION last] */
    private final Counter[][][] verifications;
    private final Counter[] issued;
    private final Counter[] rotations;
    private final Counter reuse;
    private final Counter[] revocations;
    private final Counter[] jwksFetches;
    private final MeterRegistry registry;
    private final AtomicBoolean jwksGauges = new AtomicBoolean();

    /** Registers every counter in {@code registry}. */
    public JwtMetrics(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        VerificationOutcome[] outcomes = VerificationOutcome.values();
        TokenType[] types = TokenType.values();
        verifications = new Counter[outcomes.length][types.length][LOCATIONS];
        for (VerificationOutcome o : outcomes) {
            for (TokenType t : types) {
                for (int l = 0; l < LOCATIONS; l++) {
                    String location = l < LOCATIONS - 1 ? TokenLocation.values()[l].wireName() : NO_LOCATION;
                    verifications[o.ordinal()][t.ordinal()][l] = Counter.builder(VERIFICATIONS)
                            .description("Request verifications by outcome, token type and location")
                            .tags("outcome", o.tag(), "type", t.tag(), "location", location)
                            .register(registry);
                }
            }
        }
        issued = new Counter[types.length];
        for (TokenType t : types) {
            issued[t.ordinal()] = Counter.builder(TOKENS_ISSUED).description("Tokens issued by type")
                    .tag("type", t.tag()).register(registry);
        }
        RotationOutcome[] results = RotationOutcome.values();
        rotations = new Counter[results.length];
        for (RotationOutcome r : results) {
            rotations[r.ordinal()] = Counter.builder(ROTATIONS).description("Refresh-token rotations by result")
                    .tag("result", r.tag()).register(registry);
        }
        reuse = Counter.builder(REUSE).description("Refresh-token reuse detections: a family revoked").register(registry);
        RevocationKind[] kinds = RevocationKind.values();
        revocations = new Counter[kinds.length];
        for (RevocationKind k : kinds) {
            revocations[k.ordinal()] = Counter.builder(REVOCATIONS).description("Revocations recorded, by kind")
                    .tag("kind", k.tag()).register(registry);
        }
        JwksFetchOutcome[] fetchResults = JwksFetchOutcome.values();
        jwksFetches = new Counter[fetchResults.length];
        for (JwksFetchOutcome f : fetchResults) {
            jwksFetches[f.ordinal()] = Counter.builder(JWKS_FETCHES).description("Fetches of the remote JWK Set, by result")
                    .tag("result", f.tag()).register(registry);
        }
    }

    @Override
    public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
        verifications[outcome.ordinal()][type.ordinal()][location == null ? LOCATIONS - 1 : location.ordinal()].increment();
    }

    @Override
    public void tokenIssued(TokenType type) {
        issued[type.ordinal()].increment();
    }

    @Override
    public void refreshRotation(RotationOutcome outcome) {
        rotations[outcome.ordinal()].increment();
        if (outcome == RotationOutcome.REUSE) {
            reuse.increment();
        }
    }

    @Override
    public void revocation(RevocationKind kind) {
        revocations[kind.ordinal()].increment();
    }

    /** Counts the fetch; without its resolver there is nothing for the gauges to read. */
    @Override
    public void jwksFetch(JwksFetchOutcome outcome, int keys) {
        jwksFetches[outcome.ordinal()].increment();
    }

    /** Counts the fetch and, with the first, registers the gauges that read {@code resolver}'s keys in use. */
    @Override
    public void jwksFetch(JwksFetchOutcome outcome, RemoteJwksKeyResolver resolver) {
        jwksFetches[outcome.ordinal()].increment();
        if (jwksGauges.compareAndSet(false, true)) {
            // the registry holds the resolver weakly: the gauges read it as long as its manager lives
            Gauge.builder(JWKS_KEYS, resolver, r -> r.keysInUse().count())
                    .description("Verification keys in use from the remote JWK Set").register(registry);
            TimeGauge.builder(JWKS_AGE, resolver, TimeUnit.NANOSECONDS, JwtMetrics::jwksAgeNanos)
                    .description("Time since the remote JWK Set in use was fetched").register(registry);
            Gauge.builder(JWKS_USABLE, resolver, r -> r.keysInUse().usable() ? 1 : 0)
                    .description("1 while the remote JWK Set in use verifies requests, 0 when it is missing or too old")
                    .register(registry);
        }
    }

    /** The age of the resolver's keys by its own clock; NaN before a fetch has succeeded. */
    private static double jwksAgeNanos(RemoteJwksKeyResolver resolver) {
        Duration age = resolver.keysInUse().age();
        return age == null ? Double.NaN : age.toNanos();
    }
}
