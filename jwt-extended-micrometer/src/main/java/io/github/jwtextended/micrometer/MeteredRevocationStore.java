package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

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
 *   <li>the gauges of the store's near cache, when it keeps one ({@link NearCacheGauges}:
 *       {@value NearCacheGauges#TRUSTED}, {@value NearCacheGauges#STALENESS},
 *       {@value NearCacheGauges#SIZE}).</li>
 * </ul>
 * A failure is counted and thrown on unchanged: the answer (503, fail-closed) is the manager's.
 * Everything else (session records, the near cache, purge, close) is forwarded as it is.
 *
 * <p>Thread safety: as the wrapped store; the meters are thread safe.
 */
public final class MeteredRevocationStore extends ForwardingRevocationStore {
    /** The store's latency, by operation. */
    public static final String LATENCY = "jwt.store.latency";
    /** The store's failed calls, by operation and cause. */
    public static final String FAILURES = "jwt.store.failures";

    /** What is timed; the tag value is the lower-case name. */
    enum Operation { CHECK, REVOKE, REVOKE_ALL, ROTATE, REVOKE_FAMILY }

    /** Why a call failed; the tag value is the lower-case name. */
    enum Cause { TIMEOUT, SATURATED, STOPPED, ERROR }

    private final Timer[] timers = new Timer[Operation.values().length];
    private final Counter[][] failures = new Counter[Operation.values().length][Cause.values().length];
    private final Optional<RefreshRotation> rotation;

    /**
     * Wraps {@code delegate}, registering its meters in {@code registry}; {@code percentiles} (such
     * as {@code 0.5, 0.95, 0.99}) are also computed here and published as gauges, for a registry
     * without histograms.
     */
    public MeteredRevocationStore(RevocationStore delegate, MeterRegistry registry, double... percentiles) {
        super(delegate);
        Objects.requireNonNull(registry, "registry");
        for (Operation op : Operation.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            timers[op.ordinal()] = Timer.builder(LATENCY)
                    .description("Revocation store call latency, failed calls included")
                    .tag("operation", name)
                    .publishPercentiles(percentiles)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(100_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry);
            for (Cause c : Cause.values()) {
                failures[op.ordinal()][c.ordinal()] = Counter.builder(FAILURES)
                        .description("Revocation store calls that failed, by cause")
                        .tags("operation", name, "cause", c.name().toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        }
        // capabilities never change: wrapped once
        this.rotation = delegate.rotation().map(MeteredRotation::new);
        new NearCacheGauges(delegate).bindTo(registry);
    }

    /** Timed without a lambda: this is on every verification's path. */
    @Override
    public boolean isRevoked(RevocationCheck check) {
        long start = System.nanoTime();
        try {
            return delegate.isRevoked(check);
        } catch (RuntimeException e) {
            failed(Operation.CHECK, e);
            throw e;
        } finally {
            timers[Operation.CHECK.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void revoke(String jti, Instant until) {
        timed(Operation.REVOKE, () -> {
            delegate.revoke(jti, until);
            return null;
        });
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        timed(Operation.REVOKE_ALL, () -> {
            delegate.revokeAllIssuedBefore(identity, notBefore, keepUntil);
            return null;
        });
    }

    /** The wrapped store's rotation, its calls timed and failures counted. */
    @Override
    public Optional<RefreshRotation> rotation() {
        return rotation;
    }

    private <T> T timed(Operation op, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            return call.get();
        } catch (RuntimeException e) {
            failed(op, e);
            throw e;
        } finally {
            timers[op.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void failed(Operation op, RuntimeException e) {
        failures[op.ordinal()][causeOf(e).ordinal()].increment();
    }

    /** The cause tag of a failure: the store's reason, else a timeout anywhere in its causes, else an error. */
    static Cause causeOf(Throwable failure) {
        if (failure instanceof RevocationStoreException e) {
            if (e.reason() == RevocationStoreException.Reason.SATURATED) {
                return Cause.SATURATED;
            }
            if (e.reason() == RevocationStoreException.Reason.STOPPED) {
                return Cause.STOPPED;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // TimeoutException, and the drivers' own: SocketTimeoutException, SQLTimeoutException,
            // Lettuce's RedisCommandTimeoutException
            if (t instanceof TimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                return Cause.TIMEOUT;
            }
        }
        return Cause.ERROR;
    }

    /** The wrapped rotation, timed. */
    private final class MeteredRotation implements RefreshRotation {
        private final RefreshRotation rotation;

        MeteredRotation(RefreshRotation rotation) {
            this.rotation = rotation;
        }

        @Override
        public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return timed(Operation.ROTATE, () -> rotation.rotate(family, presentedJti, newJti, keepUntil, window));
        }

        @Override
        public void revokeFamily(String family, Instant keepUntil) {
            timed(Operation.REVOKE_FAMILY, () -> {
                rotation.revokeFamily(family, keepUntil);
                return null;
            });
        }
    }
}
