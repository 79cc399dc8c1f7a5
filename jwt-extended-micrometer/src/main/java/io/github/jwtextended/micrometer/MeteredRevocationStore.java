package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A revocation store whose calls are timed and whose failures are counted, wrapped around the
 * store the manager uses (outermost, so that a deadline or fail-open wrapper inside it is timed as
 * the manager sees it):
 * <ul>
 *   <li>{@value #LATENCY} {@code {operation}}: a timer of every call, failed or not, with a
 *       histogram (percentiles across instances with Prometheus' {@code histogram_quantile}), and
 *       the percentiles given to the constructor computed in this process (none by default: they
 *       cost several percent of a first-sight HS256 verification, see docs/benchmarks.md); the
 *       operations are {@code check} (each verification's revocation check), {@code revoke},
 *       {@code revoke_all} (log out everywhere), {@code rotate} and {@code revoke_family};</li>
 *   <li>{@value #FAILURES} {@code {operation, cause}}: calls that failed: {@code timeout} (the store
 *       or its deadline gave up waiting), {@code saturated} (this process's check workers were all
 *       busy), {@code stopped} (closed, or the thread interrupted) or {@code error} (anything else:
 *       refused connection, a failed statement).</li>
 *   <li>{@value #FAIL_OPEN}: checks a {@link FailOpenRevocationStore} answered "not revoked"
 *       because the store failed (while it rises, revoked tokens are being accepted); each such
 *       absorbed failure is counted in {@value #FAILURES} {@code {operation="check", cause}} too,
 *       though the manager saw an answer. This works whichever side of the fail-open wrapper this
 *       one is on: around it (found through the forwarding stores inside this one:
 *       {@link FailOpenRevocationStore#find}) or inside it (the fail-open wrapper finds this one
 *       when it is built); one metered wrapper per chain.</li>
 *   <li>the gauges of the store's near cache, when it keeps one ({@link NearCacheGauges}:
 *       {@value NearCacheGauges#TRUSTED}, {@value NearCacheGauges#STALENESS},
 *       {@value NearCacheGauges#SIZE}).</li>
 * </ul>
 * A failure is counted and thrown on unchanged: the answer (503, fail-closed, unless a fail-open
 * wrapper answers it) is the manager's.
 * Everything else (session records, the near cache, purge, close) is forwarded as it is.
 *
 * <p>Thread safety: as the wrapped store; the meters are thread safe.
 */
public final class MeteredRevocationStore extends InstrumentedRevocationStore implements FailOpenRevocationStore.Listener {
    /** The store's latency, by operation. */
    public static final String LATENCY = "jwt.store.latency";
    /** The store's failed calls, by operation and cause. */
    public static final String FAILURES = "jwt.store.failures";
    /** Checks answered "not revoked" by a fail-open wrapper because the store failed. */
    public static final String FAIL_OPEN = "jwt.store.fail_open";

    private final Timer[] timers = new Timer[Operation.values().length];
    private final Counter[][] failures = new Counter[Operation.values().length][Cause.values().length];
    private final Counter failOpen;

    /**
     * Wraps {@code delegate}, registering its meters in {@code registry}; {@code percentiles} (such
     * as {@code 0.5, 0.95, 0.99}) are also computed here and published as gauges, for a registry
     * without histograms.
     */
    public MeteredRevocationStore(RevocationStore delegate, MeterRegistry registry, double... percentiles) {
        super(delegate);
        Objects.requireNonNull(registry, "registry");
        for (Operation op : Operation.values()) {
            timers[op.ordinal()] = Timer.builder(LATENCY)
                    .description("Revocation store call latency, failed calls included")
                    .tag("operation", op.tag)
                    .publishPercentiles(percentiles)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            for (Cause c : Cause.values()) {
                failures[op.ordinal()][c.ordinal()] = Counter.builder(FAILURES)
                        .description("Revocation store calls that failed, by cause")
                        .tags("operation", op.tag, "cause", c.tag)
                        .register(registry);
            }
        }
        failOpen = Counter.builder(FAIL_OPEN)
                .description("Revocation checks answered not revoked because the store failed (fail-open): revoked tokens accepted")
                .register(registry);
        new NearCacheGauges(delegate).bindTo(registry);
        // Around a fail-open wrapper: the failure it absorbs never reaches around(), so count it here too.
        FailOpenRevocationStore.find(delegate).ifPresent(open -> open.addListener(failure -> {
            failures[Operation.CHECK.ordinal()][Cause.of(failure).ordinal()].increment();
            failOpen.increment();
        }));
    }

    /**
     * Counts a check answered open by the fail-open wrapper around this one (its failure was
     * counted by {@link #around} already). Called by that wrapper; {@link FailOpenRevocationStore.Listener}.
     */
    @Override
    public void answeredOpen(RuntimeException failure) {
        failOpen.increment();
    }

    /** Timed, and counted by cause when it fails. */
    @Override
    <A, R> R around(Operation operation, Function<? super A, ? extends R> call, A argument) {
        long start = System.nanoTime();
        try {
            return call.apply(argument);
        } catch (RuntimeException e) {
            failures[operation.ordinal()][Cause.of(e).ordinal()].increment();
            throw e;
        } finally {
            timers[operation.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
