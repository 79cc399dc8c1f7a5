package io.github.jwtextended.spring;

import io.github.jwtextended.redis.RedisRevocationStore;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The Redis store's URL built from Spring Boot's {@code spring.data.redis.*} settings, in the order
 * Boot chooses its own connection: Sentinel ({@code sentinel.master} + {@code sentinel.nodes}:
 * {@code redis-sentinel://}), else Cluster ({@code cluster.nodes}: {@code redis-cluster://}), else
 * one Redis ({@code url}, else {@code host}/{@code port}/{@code database}). As in Boot, the data
 * nodes' credentials are {@code username}/{@code password} (those of {@code url} when it is set),
 * the database is {@code database} (that of {@code url}), and {@code ssl.enabled} (or a
 * {@code rediss://} {@code url}) means TLS, to the Sentinels too. A Cluster has database 0 only
 * (Boot ignores {@code database} there, and so does this).
 *
 * <p>The Sentinels' own credentials ({@code sentinel.username}/{@code sentinel.password}) are not
 * in the URL (a {@code redis-sentinel://} URL's credentials are the data nodes'): {@link
 * #sentinelLogin} gives them for the store's {@code sentinelCredentials}. What a Redis URL cannot
 * say is refused, naming the settings and never their values: an IPv6 address among several nodes
 * (Lettuce's URL parser takes one only). User and password are percent-encoded.
 *
 * <p>{@code url} is read by the store's own parser ({@link RedisRevocationStore#parseUrl}, Lettuce's),
 * so that the starter takes a URL exactly when the store does and reads the same user, password,
 * database ({@code /2}, or Lettuce's {@code ?database=2}, which wins) and TLS from it; as in Boot,
 * only {@code redis://} and {@code rediss://} are taken there. Every URL handed to the store,
 * {@code jwt.redis.url} too, is {@linkplain #checked checked} here first.
 *
 * <p>Thread safety: stateless.
 */
final class SpringDataRedisUrl {
    private static final String P = "spring.data.redis.";

    private SpringDataRedisUrl() {
    }

    /** The URL (checked to be one the store takes). */
    static String of(Binder binder) {
        List<String> sentinelSettings = new ArrayList<>();
        for (String s : List.of("sentinel.master", "sentinel.nodes", "sentinel.username", "sentinel.password")) {
            // Set and not blank (Boot takes a blank password for none), nodes also as an indexed list.
            if (text(binder, P + s) != null || s.endsWith("nodes") && !nodes(binder, s).isEmpty()) {
                sentinelSettings.add(P + s);
            }
        }
        if (!sentinelSettings.isEmpty()) {
            return checked(sentinel(binder), P + "sentinel.*");
        }
        List<String> clusterNodes = nodes(binder, "cluster.nodes");
        if (!clusterNodes.isEmpty()) {
            Login login = login(binder);
            return checked((login.ssl ? "rediss-cluster://" : "redis-cluster://") + login.userInfo()
                    + hosts(clusterNodes, P + "cluster.nodes"), P + "cluster.nodes");
        }
        String url = text(binder, P + "url");
        if (url != null) {
            return checked(url, P + "url");
        }
        Login login = login(binder);
        String host = binder.bind(P + "host", String.class).orElse("localhost");
        int port = binder.bind(P + "port", Integer.class).orElse(6379);
        return checked((login.ssl ? "rediss://" : "redis://") + login.userInfo() + bracketed(unbracketed(host))
                + ':' + port + '/' + login.database, P + "*");
    }

    private static String sentinel(Binder binder) {
        String master = text(binder, P + "sentinel.master");
        List<String> nodes = nodes(binder, "sentinel.nodes");
        if (master == null || nodes.isEmpty()) {
            throw new JwtSettingsException("jwt.revocation.store=redis: " + P + "sentinel.master and " + P
                    + "sentinel.nodes (host:port,...) are both needed for Redis Sentinel");
        }
        Login login = login(binder);
        return (login.ssl ? "rediss-sentinel://" : "redis-sentinel://") + login.userInfo() + hosts(nodes, P + "sentinel.nodes")
                + '/' + login.database + '#' + encode(master);
    }

    /**
     * The Sentinels' own credentials, Boot's {@code sentinel.username}/{@code sentinel.password}, for
     * the store's {@code sentinelCredentials} when {@link #of} built a Sentinel URL; null when no
     * (or a blank) {@code sentinel.password} is set: a user without a password is not sent, as for
     * the data nodes. The password is taken as it is (not trimmed).
     */
    static SentinelLogin sentinelLogin(Binder binder) {
        String password = binder.bind(P + "sentinel.password", String.class).orElse(null);
        if (password == null || password.isBlank()) {
            return null;
        }
        return new SentinelLogin(text(binder, P + "sentinel.username"), password.toCharArray());
    }

    /** The Sentinels' user (null: their default user) and password; {@code toString} shows neither. */
    record SentinelLogin(String user, char[] password) {
        @Override
        public String toString() {
            return "SentinelLogin[user, password hidden]";
        }
    }

    /** The data nodes' credentials, database and TLS: {@code url}'s when it is set, as Boot takes them. */
    private static Login login(Binder binder) {
        boolean ssl = binder.bind(P + "ssl.enabled", Boolean.class).orElse(false);
        String url = text(binder, P + "url");
        if (url == null) {
            return new Login(binder.bind(P + "username", String.class).orElse(null), binder.bind(P + "password", String.class).orElse(null),
                    binder.bind(P + "database", Integer.class).orElse(0), ssl);
        }
        RedisURI u = parsedUrl(url);
        RedisCredentials credentials = u.getCredentialsProvider().resolveCredentials().block();
        String user = credentials == null ? null : credentials.getUsername();
        char[] password = credentials == null ? null : credentials.getPassword();
        return new Login(user, password == null ? null : new String(password), u.getDatabase(), ssl || u.isSsl());
    }

    /**
     * {@code spring.data.redis.url} as the store reads it (Lettuce's parser): a user alone is a
     * password, as in Lettuce and Boot. Refused, naming the setting and never the URL (it may hold a
     * password), when the store would refuse it or it is not {@code redis://} or {@code rediss://}.
     */
    private static RedisURI parsedUrl(String url) {
        if (url.startsWith("redis://") || url.startsWith("rediss://")) {
            try {
                return RedisRevocationStore.parseUrl(url);
            } catch (IllegalArgumentException e) {
                // refused below; the parser's message never holds the URL, but it is not needed either
            }
        }
        throw new JwtSettingsException(P + "url is not a Redis URL: redis://[[user]:password@]host:port/database (rediss:// for TLS)");
    }

    /**
     * {@code url} when the store takes it ({@link RedisRevocationStore#isUrl}), else a refusal naming
     * {@code from}, the setting(s) it came from, and never the URL (it may hold a password).
     */
    static String checked(String url, String from) {
        if (!RedisRevocationStore.isUrl(url)) {
            throw new JwtSettingsException(from + " is not a Redis URL: " + RedisRevocationStore.URL_FORMS);
        }
        return url;
    }

    /** {@code host:port,...} of the URL; an IPv6 address ({@code ::1:7000} or {@code [::1]:7000}) in brackets. */
    private static String hosts(List<String> nodes, String setting) {
        StringJoiner hosts = new StringJoiner(",");
        for (String node : nodes) {
            int colon = node.lastIndexOf(':');
            String host = colon > 0 ? unbracketed(node.substring(0, colon)) : "";
            String port = node.substring(colon + 1);
            if (host.isEmpty() || !port.matches("[0-9]{1,5}")) {
                throw new JwtSettingsException("jwt.revocation.store=redis: " + setting + " lists host:port pairs");
            }
            if (host.contains(":") && nodes.size() > 1) {
                throw new JwtSettingsException("jwt.revocation.store=redis: " + setting + " has an IPv6 address among several"
                        + " nodes, which the store's URL cannot list (Lettuce's URL parser); name those nodes by host name");
            }
            hosts.add(bracketed(host) + ':' + port);
        }
        return hosts.toString();
    }

    private static List<String> nodes(Binder binder, String setting) {
        return binder.bind(P + setting, Bindable.listOf(String.class)).orElse(List.of()).stream()
                .map(String::trim).filter(n -> !n.isEmpty()).toList();
    }

    private static String text(Binder binder, String setting) {
        String v = binder.bind(setting, String.class).orElse(null);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String bracketed(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The data nodes' user and password (a user without a password is not sent, as before), database and TLS. */
    private record Login(String user, String password, int database, boolean ssl) {
        String userInfo() {
            if (password == null || password.isEmpty()) {
                return "";
            }
            return (user == null || user.isEmpty() ? "" : encode(user)) + ':' + encode(password) + '@';
        }

        @Override
        public String toString() {
            return "Login[user, password hidden]";
        }
    }
}
