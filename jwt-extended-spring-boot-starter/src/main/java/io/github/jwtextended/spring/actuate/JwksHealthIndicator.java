package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.key.RemoteJwksKeyResolver;
import io.github.jwtextended.key.RemoteJwksKeyResolver.KeysInUse;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.util.Objects;

/**
 * Whether the remote JWKS the manager verifies with has keys fresh enough to use, as the resolver
 * itself judges them ({@link RemoteJwksKeyResolver#keysInUse}: its own clock and maximum staleness,
 * {@code jwt.jwks-max-staleness} for the one the starter builds, whatever a resolver given by a
 * {@code JwtManagerCustomizer} was built with): {@code UP} while a request would find usable keys,
 * {@code DOWN} before the first fetch and once they are older than that bound (requests then answer
 * 503). A probe that finds no usable keys asks the resolver for a fetch first, as a request would,
 * within the resolver's rate limit (its refetch interval, {@code jwt.jwks-refetch-interval}), so the
 * health recovers, and a service whose readiness waits on it gets its keys, without a request.
 * Details: {@code url} (the resolver's, scheme, host, port and path only: never a user, password or
 * query), {@code keys} (how many keys), {@code fetchedAt}, {@code ageSeconds}, {@code maxStaleness}
 * (the resolver's), {@code fetches} (attempts since start).
 *
 * <p>Thread safety: thread safe (as the resolver).
 */
public final class JwksHealthIndicator implements HealthIndicator {
    private final RemoteJwksKeyResolver resolver;

    public JwksHealthIndicator(RemoteJwksKeyResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    @Override
    public Health health() {
        KeysInUse keys = resolver.keysInUse();
        if (!keys.usable()) {
            try {
                resolver.refresh(); // rate limited by the resolver; a failure is logged there
            } catch (RuntimeException e) {
                // the fetch failed: still DOWN, as below
            }
            keys = resolver.keysInUse();
        }
        Health.Builder health = keys.usable() ? Health.up() : Health.down();
        health.withDetail("url", resolver.shownUrl()).withDetail("keys", keys.count());
        if (keys.fetchedAt() != null) {
            health.withDetail("fetchedAt", keys.fetchedAt().toString()).withDetail("ageSeconds", keys.age().toSeconds());
        }
        return health.withDetail("maxStaleness", keys.maxStaleness().toString())
                .withDetail("fetches", resolver.fetchCount())
                .build();
    }
}
