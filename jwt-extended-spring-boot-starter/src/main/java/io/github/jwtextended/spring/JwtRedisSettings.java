package io.github.jwtextended.spring;

import io.github.jwtextended.redis.RedisRevocationStore;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Redis revocation store of {@code jwt.revocation.store=redis}, on the application's Redis: the
 * URL is {@code jwt.redis.url} when set, else Spring Boot's own connection settings
 * ({@code spring.data.redis.url}, or {@code spring.data.redis.host}, {@code port},
 * {@code username}, {@code password}, {@code database}, {@code ssl.enabled}; Boot's defaults
 * {@code localhost:6379}, database 0).
 *
 * <p>The store opens its own Lettuce connection to that Redis rather than borrowing the
 * application's {@code RedisConnectionFactory}: it needs commands that fail at once while the
 * connection is down and a short timeout ({@code jwt.revocation.timeout}, default 250 ms) so that a
 * check fails closed in time, plus a pub/sub connection for the near cache; the application's
 * connection keeps its own options and is not slowed by revocation checks. Sentinel and Cluster
 * settings are not translated: give {@code jwt.redis.url} ({@code redis-sentinel://...}) instead.
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
        return b.build();
    }

    /** The Redis URL the settings name (see the class comment). */
    static String url(Environment env) {
        Binder binder = Binder.get(env);
        String own = binder.bind("jwt.redis.url", String.class).orElse(null);
        if (own != null && !own.isBlank()) {
            return checked(own.trim(), "jwt.redis.url");
        }
        String boot = binder.bind("spring.data.redis.url", String.class).orElse(null);
        if (boot != null && !boot.isBlank()) {
            return checked(boot.trim(), "spring.data.redis.url");
        }
        if (binder.bind("spring.data.redis.sentinel.master", String.class).isBound()
                || binder.bind("spring.data.redis.cluster.nodes", String.class).isBound()) {
            throw new JwtSettingsException("jwt.revocation.store=redis: spring.data.redis.sentinel/cluster settings are not"
                    + " translated; set jwt.redis.url (redis-sentinel://host:port/database#master for Sentinel;"
                    + " Redis Cluster is not supported by the store)");
        }
        String host = binder.bind("spring.data.redis.host", String.class).orElse("localhost");
        int port = binder.bind("spring.data.redis.port", Integer.class).orElse(6379);
        int database = binder.bind("spring.data.redis.database", Integer.class).orElse(0);
        boolean ssl = binder.bind("spring.data.redis.ssl.enabled", Boolean.class).orElse(false);
        String user = binder.bind("spring.data.redis.username", String.class).orElse(null);
        String password = binder.bind("spring.data.redis.password", String.class).orElse(null);
        StringBuilder u = new StringBuilder(ssl ? "rediss://" : "redis://");
        if (password != null && !password.isEmpty()) {
            if (user != null && !user.isEmpty()) {
                u.append(encode(user));
            }
            u.append(':').append(encode(password)).append('@');
        }
        u.append(host.contains(":") ? "[" + host + "]" : host).append(':').append(port).append('/').append(database);
        return checked(u.toString(), "spring.data.redis.*");
    }

    private static String checked(String url, String from) {
        if (!RedisRevocationStore.isUrl(url)) {
            // Never repeats the URL: it may hold a password.
            throw new JwtSettingsException(from + " is not a Redis URL: " + RedisRevocationStore.URL_FORMS);
        }
        return url;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
