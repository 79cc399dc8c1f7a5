package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the revocation store can answer the checks of requests right now. A store with a
 * trusted near cache answers them from memory: {@code UP}, without a call. Otherwise the store is
 * asked about a {@code jti} no token has ({@value #PROBE_JTI}), as a request's check would be, with
 * the store's own deadline: {@code UP} when it answers, {@code DOWN} when it fails, with the kind
 * of failure ({@code outage}, {@code saturated}, {@code stopped}, or {@code error}) and never its
 * message (which may name a host or hold a URL). Details: {@code checks} ({@code near cache} or
 * {@code store}), {@code nearCache} when the store keeps one ({@code trusted}, and its
 * {@code size} and {@code stalenessSeconds}, the time since its last good sync, when it tells
 * them), and {@code error} when down. Nothing escapes as an exception.
 *
 * <p>Thread safety: thread safe (as the store).
 */
public final class RevocationStoreHealthIndicator implements HealthIndicator {
    /** The {@code jti} a probe asks about. */
    static final String PROBE_JTI = "jwt-extended-health-probe";

    private final RevocationStore store;

    public RevocationStoreHealthIndicator(RevocationStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public Health health() {
        Optional<NearCache> near = store.nearCache();
        boolean trusted = near.isPresent() && near.get().trusted();
        Health.Builder health;
        if (trusted) {
            health = Health.up().withDetail("checks", "near cache");
        } else {
            health = probe().withDetail("checks", "store");
        }
        near.ifPresent(n -> health.withDetail("nearCache", nearCache(n, trusted)));
        return health.build();
    }

    /** Whether the near cache is trusted, and its size and staleness when it tells them. */
    private static Map<String, Object> nearCache(NearCache cache, boolean trusted) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("trusted", trusted);
        cache.size().ifPresent(n -> details.put("size", n));
        cache.staleness().ifPresent(d -> details.put("stalenessSeconds", d.toMillis() / 1000.0));
        return details;
    }

    private Health.Builder probe() {
        try {
            store.isRevoked(PROBE_JTI);
            return Health.up();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", e instanceof RevocationStoreException r
                    ? r.reason().name().toLowerCase(Locale.ROOT) : "error");
        }
    }
}
