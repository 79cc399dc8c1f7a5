package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of a revocation store's {@linkplain RevocationStore#nearCache() near cache}, read
 * when the registry is scraped (nothing is done on a check's path):
 * <ul>
 *   <li>{@value #TRUSTED}: 1 while checks are answered from memory, 0 while they go to the
 *       backend (loading, lost touch with it for longer than the cache allows, closed);</li>
 *   <li>{@value #STALENESS} (seconds): how long ago the cache last knew it held everything the
 *       backend had (its last successful poll or answered heartbeat); it keeps growing while the
 *       backend is gone, so an alert on it fires during an outage;</li>
 *   <li>{@value #SIZE}: the entries held (revoked ids, identities logged out everywhere, revoked
 *       families).</li>
 * </ul>
 * A store without a near cache gets none; a gauge whose value the cache does not tell reads NaN.
 * {@link MeteredRevocationStore} binds these itself; bind them alone for a store used without it:
 * <pre>{@code
 * new NearCacheGauges(store).bindTo(registry);
 * }</pre>
 * The gauges hold the near cache weakly (Micrometer's gauges do): they never keep a store alive,
 * and read NaN once it is gone. One near cache per registry: a second store's gauges of the same
 * names are not registered again.
 *
 * <p>Thread safety: immutable; the gauges read the near cache, which is thread safe.
 */
public final class NearCacheGauges implements MeterBinder {
    /** 1 while the near cache answers checks, 0 otherwise. */
    public static final String TRUSTED = "jwt.store.near_cache.trusted";
    /** Seconds since the near cache's last good sync with the backend. */
    public static final String STALENESS = "jwt.store.near_cache.staleness";
    /** Entries the near cache holds. */
    public static final String SIZE = "jwt.store.near_cache.size";

    private final RevocationStore store;

    /** The gauges of {@code store}'s near cache, if it keeps one. */
    public NearCacheGauges(RevocationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        store.nearCache().ifPresent(cache -> {
            Gauge.builder(TRUSTED, cache, c -> c.trusted() ? 1 : 0)
                    .description("1 while the revocation store's near cache answers checks, 0 while they go to the backend")
                    .register(registry);
            TimeGauge.builder(STALENESS, cache, TimeUnit.NANOSECONDS,
                            c -> c.staleness().map(Duration::toNanos).map(Long::doubleValue).orElse(Double.NaN))
                    .description("Time since the revocation store's near cache last synchronised with the backend")
                    .register(registry);
            Gauge.builder(SIZE, cache, NearCacheGauges::size)
                    .description("Entries held by the revocation store's near cache")
                    .register(registry);
        });
    }

    private static double size(NearCache cache) {
        OptionalInt n = cache.size();
        return n.isPresent() ? n.getAsInt() : Double.NaN;
    }
}
