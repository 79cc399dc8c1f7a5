package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.key.RemoteJwks;
import io.github.jwtextended.key.RemoteJwksKeyResolver;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether the remote JWKS the manager verifies with has keys fresh enough to use: {@code UP} while
 * the keys in use were fetched less than {@code maxStaleness} ago ({@code jwt.jwks-max-staleness},
 * default 24 hours), {@code DOWN} before the first fetch and after that (requests then answer 503).
 * A probe that finds no usable keys asks the resolver for a fetch first, as a request would, within
 * the resolver's rate limit ({@code jwt.jwks-refetch-interval}), so the health recovers, and a
 * service whose readiness waits on it gets its keys, without a request. Details: {@code url}
 * (scheme, host, port and path only: never a user, password or query), {@code keys} (how many
 * keys), {@code fetchedAt}, {@code ageSeconds}, {@code maxStaleness}, {@code fetches} (attempts
 * since start).
 *
 * <p>Thread safety: thread safe (as the resolver).
 */
public final class JwksHealthIndicator implements HealthIndicator {
    private final RemoteJwksKeyResolver resolver;
    private final RemoteJwks settings;
    private final Clock clock;

    /** {@code settings}: the configuration's {@code keys.remote} (its URL and maximum staleness). */
    public JwksHealthIndicator(RemoteJwksKeyResolver resolver, RemoteJwks settings, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Health health() {
        if (!usable(resolver.fetchedAt(), clock.instant())) {
            try {
                resolver.refresh(); // rate limited by the resolver; a failure is logged there
            } catch (RuntimeException e) {
                // the fetch failed: still DOWN, as below
            }
        }
        Instant now = clock.instant();
        Instant fetchedAt = resolver.fetchedAt();
        Health.Builder health = usable(fetchedAt, now) ? Health.up() : Health.down();
        if (settings.url() != null) {
            health.withDetail("url", shown(settings.url()));
        }
        health.withDetail("keys", resolver.verificationKeys().size());
        if (fetchedAt != null) {
            health.withDetail("fetchedAt", fetchedAt.toString())
                    .withDetail("ageSeconds", Duration.between(fetchedAt, now).toSeconds());
        }
        return health.withDetail("maxStaleness", settings.maxStaleness().toString())
                .withDetail("fetches", resolver.fetchCount())
                .build();
    }

    private boolean usable(Instant fetchedAt, Instant now) {
        return fetchedAt != null && now.isBefore(fetchedAt.plus(settings.maxStaleness()));
    }

    /** The URL without user information, query or fragment ({@link RemoteJwksKeyResolver#shown}). */
    static String shown(URI url) {
        return RemoteJwksKeyResolver.shown(url);
    }
}
