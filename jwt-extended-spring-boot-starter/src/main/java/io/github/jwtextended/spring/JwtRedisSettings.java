package io.github.jwtextended.spring;

import io.github.jwtextended.redis.RedisRevocationStore;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * The Redis revocation store of {@code jwt.revocation.store=redis}, on the application's Redis: the
 * URL is {@code jwt.redis.url} when set, else built from Spring Boot's own connection settings
 * ({@link SpringDataRedisUrl}: Sentinel {@code spring.data.redis.sentinel.*}, the Sentinels' own
 * {@code sentinel.username}/{@code sentinel.password} passed to the store's
 * {@code sentinelCredentials}, as are {@code jwt.redis.sentinel-username}/{@code sentinel-password}
 * with a {@code jwt.redis.url}; Cluster
 * {@code spring.data.redis.cluster.nodes}, or one Redis, {@code spring.data.redis.url} or
 * {@code host}, {@code port}, {@code username}, {@code password}, {@code database},
 * {@code ssl.enabled}; Boot's defaults {@code localhost:6379}, database 0).
 *
 * <p>The store opens its own Lettuce connection to that Redis rather than borrowing the
 * application's {@code RedisConnectionFactory}: it needs commands that fail at once while the
 * connection is down and a short timeout ({@code jwt.revocation.timeout}, default 250 ms) so that a
 * check fails closed in time, plus a pub/sub connection for the near cache; the application's
 * connection keeps its own options and is not slowed by revocation checks.
 *
 * <p>Thread safety: stateless.
 */
final class JwtRedisSettings {
    private JwtRedisSettings() {
    }

    /** Connects the store (fails the start with {@code RevocationStoreException} when Redis is unreachable). */
    static RedisRevocationStore store(Environment env) {
        Binder binder = Binder.get(env);
        RedisRevocationStore.Builder b = RedisRevocationStore.builder(url(env))
                .timeout(JwtAutoConfiguration.revocationTimeout(env))
                .nearCache(binder.bind("jwt.redis.near-cache", Boolean.class).orElse(false));
        binder.bind("jwt.redis.key-prefix", String.class).ifBound(b::keyPrefix);
        binder.bind("jwt.redis.tls-ca-file", String.class).ifBound(f -> b.tlsCaFile(java.nio.file.Path.of(f)));
        binder.bind("jwt.redis.min-replicas-ack", Integer.class).ifBound(b::minReplicasAck);
        binder.bind("jwt.redis.replica-ack-timeout", Duration.class).ifBound(b::replicaAckTimeout);
        SpringDataRedisUrl.SentinelLogin sentinels = sentinelLogin(binder);
        if (sentinels != null) {
            b.sentinelCredentials(sentinels.user(), sentinels.password());
        }
        return b.build();
    }

    /**
     * The Sentinels' own credentials: with {@code jwt.redis.url}, {@code jwt.redis.sentinel-username}/
     * {@code jwt.redis.sentinel-password} (refused, naming the setting, unless the URL is a Sentinel
     * one); else Boot's {@code spring.data.redis.sentinel.username}/{@code password}. Null: none.
     */
    static SpringDataRedisUrl.SentinelLogin sentinelLogin(Binder binder) {
        String own = ownUrl(binder);
        if (own == null) {
            return SpringDataRedisUrl.sentinelLogin(binder);
        }
        String password = binder.bind("jwt.redis.sentinel-password", String.class).orElse(null);
        if (password == null || password.isBlank()) {
            return null;
        }
        if (!RedisRevocationStore.isSentinelUrl(own)) {
            throw new JwtSettingsException("jwt.redis.sentinel-password is for a redis-sentinel:// jwt.redis.url, which it is not");
        }
        String user = binder.bind("jwt.redis.sentinel-username", String.class).orElse(null);
        return new SpringDataRedisUrl.SentinelLogin(user == null || user.isBlank() ? null : user.trim(), password.toCharArray());
    }

    /** The Redis URL the settings name (see the class comment). */
    static String url(Environment env) {
        Binder binder = Binder.get(env);
        String own = ownUrl(binder);
        return own != null ? SpringDataRedisUrl.checked(own, "jwt.redis.url") : SpringDataRedisUrl.of(binder);
    }

    /** {@code jwt.redis.url}, trimmed; null when unset or blank. */
    private static String ownUrl(Binder binder) {
        String own = binder.bind("jwt.redis.url", String.class).orElse(null);
        return own == null || own.isBlank() ? null : own.trim();
    }
}
