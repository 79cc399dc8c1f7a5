package io.github.jwtextended.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.RedisClusterURIUtil;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * The Redis URLs a {@link RedisRevocationStore} takes: Lettuce's ({@code redis://}, {@code rediss://},
 * {@code redis-sentinel://}) and {@code redis-cluster://} for a Cluster. Refusals never repeat the
 * URL (it may hold a password).
 *
 * <p>Thread safety: stateless.
 */
final class RedisUrls {
    static final String CLUSTER = "redis-cluster://";
    static final String TLS_CLUSTER = "rediss-cluster://";

    private RedisUrls() {
    }

    /** Whether {@code url} names a Redis Cluster. */
    static boolean isCluster(String url) {
        String u = Objects.requireNonNull(url, "url").trim();
        return u.startsWith(CLUSTER) || u.startsWith(TLS_CLUSTER);
    }

    /**
     * The nodes of a {@code redis-cluster://[[user]:password@]host:port[,host:port...]} URL
     * ({@code rediss-cluster://} for TLS): Lettuce's Cluster URL ({@code redis://host:port,host:port})
     * under a scheme of its own, since one seed would otherwise read as one Redis. Database 0 only.
     */
    static List<RedisURI> parseCluster(String url) {
        String u = url.trim();
        boolean tls = u.startsWith(TLS_CLUSTER);
        String rest = u.substring((tls ? TLS_CLUSTER : CLUSTER).length());
        List<RedisURI> seeds;
        String path;
        try {
            URI parsed = URI.create((tls ? "rediss://" : "redis://") + rest);
            path = parsed.getPath();
            seeds = RedisClusterURIUtil.toRedisURIs(parsed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Redis Cluster URL: redis-cluster://[:password@]host:port[,host:port]");
        }
        boolean databaseZero = path == null || path.isEmpty() || "/".equals(path) || "/0".equals(path);
        if (!databaseZero || seeds.isEmpty() || seeds.stream().anyMatch(s -> s.getHost() == null || s.getHost().isEmpty())) {
            throw new IllegalArgumentException("a Redis Cluster URL names one or more host:port and no database other than 0");
        }
        return seeds;
    }

    /** Parses a Redis URL, refusing what is not one with a message that never repeats the password. */
    static RedisURI parse(String url) {
        Objects.requireNonNull(url, "url");
        String u = url.trim();
        if (isCluster(u)) {
            throw new IllegalArgumentException("a Redis Cluster URL names several nodes: give it to builder(url)");
        }
        if (!(u.startsWith("redis://") || u.startsWith("rediss://") || u.startsWith("redis-sentinel://")
                || u.startsWith("rediss-sentinel://"))) {
            throw new IllegalArgumentException("a Redis URL starts with redis://, rediss:// (TLS), redis-sentinel:// or redis-cluster://");
        }
        try {
            return RedisURI.create(u);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a valid Redis URL: redis://[:password@]host[:port][/database]");
        }
    }
}
