package io.github.jwtextended.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * A Sentinel-managed Redis of the test's own on loopback: one primary, its replicas and three
 * Sentinels (quorum 2, a primary is down after 1 s without answer), every process a child the test
 * can kill or pause. {@link #url()} is the {@code redis-sentinel://} URL of the store.
 *
 * <p>Thread safety: not thread safe; one test drives it.
 */
public final class SentinelDeployment implements AutoCloseable {
    public static final String PRIMARY_NAME = "jwtprimary";
    private static final Duration DOWN_AFTER = Duration.ofSeconds(1);

    private final List<RedisServerProcess> servers = new ArrayList<>();
    private final List<RedisServerProcess> sentinels = new ArrayList<>();

    /** Starts the primary, {@code replicas} replicas of it and three Sentinels, and waits until they all know each other. */
    public SentinelDeployment(int replicas) throws IOException, InterruptedException {
        try {
            RedisServerProcess primary = new RedisServerProcess(false);
            servers.add(primary);
            for (int i = 0; i < replicas; i++) {
                servers.add(new RedisServerProcess(false, List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port()))));
            }
            for (int i = 0; i < 3; i++) {
                sentinels.add(RedisServerProcess.sentinel(List.of(
                        "sentinel monitor " + PRIMARY_NAME + " 127.0.0.1 " + primary.port() + " 2",
                        "sentinel down-after-milliseconds " + PRIMARY_NAME + " " + DOWN_AFTER.toMillis(),
                        "sentinel failover-timeout " + PRIMARY_NAME + " 5000",
                        "sentinel parallel-syncs " + PRIMARY_NAME + " 1")));
            }
            awaitSettled(replicas, Duration.ofSeconds(30));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The store's URL: every Sentinel, database 0, the primary's name. */
    public String url() {
        StringJoiner hosts = new StringJoiner(",");
        for (RedisServerProcess s : sentinels) {
            hosts.add("127.0.0.1:" + s.port());
        }
        return "redis-sentinel://" + hosts + "/0#" + PRIMARY_NAME;
    }

    public List<RedisServerProcess> sentinels() {
        return sentinels;
    }

    /** The data servers, primary and replicas, in the order started. */
    public List<RedisServerProcess> servers() {
        return servers;
    }

    /** The server the Sentinels name as primary now. */
    public RedisServerProcess primary() {
        int port = primaryPort();
        return servers.stream().filter(s -> s.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("the Sentinels name an unknown primary"));
    }

    /** The primary's port according to the first Sentinel that answers. */
    public int primaryPort() {
        return askSentinel(c -> ((InetSocketAddress) c.getMasterAddrByName(PRIMARY_NAME)).getPort());
    }

    /** Asks the Sentinels to fail over now (a graceful switch, the primary stays up as a replica). */
    public void failover() {
        askSentinel(c -> c.failover(PRIMARY_NAME));
    }

    /** Waits until the Sentinels name another primary than {@code oldPort}, and return its port. */
    public int awaitPrimaryOtherThan(int oldPort, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                int p = primaryPort();
                if (p != oldPort) {
                    return p;
                }
            } catch (RuntimeException e) {
                // a Sentinel busy with the failover: ask again
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no new primary within " + within);
    }

    /**
     * Waits until every Sentinel sees the primary up with {@code replicas} replicas whose link is up
     * and the two other Sentinels: only then can a failover be voted and a replica be chosen.
     */
    public void awaitSettled(int replicas, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = settledProblem(replicas);
            if (last == null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Sentinel deployment not settled within " + within + ": " + last);
    }

    private String settledProblem(int replicas) {
        for (RedisServerProcess s : sentinels) {
            String problem = withSentinel(s.port(), c -> {
                Map<String, String> m = c.master(PRIMARY_NAME);
                if (!"master".equals(m.get("flags"))) {
                    return "primary flags " + m.get("flags");
                }
                if (Integer.parseInt(m.get("num-other-sentinels")) != sentinels.size() - 1) {
                    return "other sentinels " + m.get("num-other-sentinels");
                }
                long good = c.replicas(PRIMARY_NAME).stream()
                        .filter(r -> "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status"))).count();
                return good == replicas ? null : "replicas up " + good;
            });
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private <T> T askSentinel(Function<RedisSentinelCommands<String, String>, T> ask) {
        RuntimeException last = null;
        for (RedisServerProcess s : sentinels) {
            if (!s.running()) {
                continue;
            }
            try {
                return withSentinel(s.port(), ask);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last != null ? last : new IllegalStateException("no Sentinel runs");
    }

    static <T> T withSentinel(int port, Function<RedisSentinelCommands<String, String>, T> ask) {
        RedisClient client = RedisClient.create(RedisURI.Builder.redis("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)).build());
        try (StatefulRedisSentinelConnection<String, String> c = client.connectSentinel()) {
            return ask.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Adds a primary to every Sentinel's watch (e.g. a proxied one a test cuts). */
    public void monitor(String name, int port) {
        for (RedisServerProcess s : sentinels) {
            withSentinel(s.port(), c -> c.monitor(name, "127.0.0.1", port, 2));
        }
    }

    /** The address a Sentinel gives for {@code name} (for tests). */
    public SocketAddress addressOf(String name) {
        return askSentinel(c -> c.getMasterAddrByName(name));
    }

    @Override
    public void close() {
        List<RedisServerProcess> all = new ArrayList<>(sentinels);
        all.addAll(servers);
        for (RedisServerProcess p : all) {
            try {
                p.close();
            } catch (Exception e) {
                // the others still go
            }
        }
    }
}
