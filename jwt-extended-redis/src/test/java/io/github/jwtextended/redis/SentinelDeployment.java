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
 * can kill or pause. {@link #url()} is the {@code redis-sentinel://} URL of the store (with the
 * data nodes' password, when they ask one; the Sentinels' own password cannot be in it).
 *
 * <p>Thread safety: not thread safe; one test drives it.
 */
public final class SentinelDeployment implements AutoCloseable {
    public static final String PRIMARY_NAME = "jwtprimary";
    private static final Duration DOWN_AFTER = Duration.ofSeconds(1);

    private final List<RedisServerProcess> servers = new ArrayList<>();
    private final List<RedisServerProcess> sentinels = new ArrayList<>();
    /** The data nodes' password (null: none). */
    private final String dataPassword;
    /** The Sentinels' own password, {@code requirepass} (null: none). */
    private final String sentinelPassword;

    /** Starts the primary, {@code replicas} replicas of it and three Sentinels, and waits until they all know each other. */
    public SentinelDeployment(int replicas) throws IOException, InterruptedException {
        this(replicas, null, null);
    }

    /**
     * As {@link #SentinelDeployment(int)}, the data nodes asking {@code dataPassword} ({@code
     * requirepass}, {@code masterauth}, the Sentinels' {@code auth-pass}) and the Sentinels asking
     * {@code sentinelPassword} of every client ({@code requirepass}) and of each other
     * ({@code sentinel sentinel-pass}); null for none.
     */
    public SentinelDeployment(int replicas, String dataPassword, String sentinelPassword) throws IOException, InterruptedException {
        this.dataPassword = dataPassword;
        this.sentinelPassword = sentinelPassword;
        try {
            List<String> auth = dataPassword == null ? List.of() : List.of("--requirepass", dataPassword, "--masterauth", dataPassword);
            RedisServerProcess primary = new RedisServerProcess(false, auth);
            servers.add(primary);
            for (int i = 0; i < replicas; i++) {
                List<String> args = new ArrayList<>(List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port())));
                args.addAll(auth);
                servers.add(new RedisServerProcess(false, args));
            }
            for (int i = 0; i < 3; i++) {
                List<String> config = new ArrayList<>(List.of(
                        "sentinel monitor " + PRIMARY_NAME + " 127.0.0.1 " + primary.port() + " 2",
                        "sentinel down-after-milliseconds " + PRIMARY_NAME + " " + DOWN_AFTER.toMillis(),
                        "sentinel failover-timeout " + PRIMARY_NAME + " 5000",
                        "sentinel parallel-syncs " + PRIMARY_NAME + " 1"));
                if (dataPassword != null) {
                    config.add("sentinel auth-pass " + PRIMARY_NAME + " " + dataPassword);
                }
                if (sentinelPassword != null) {
                    config.add("requirepass \"" + sentinelPassword + "\"");
                    config.add("sentinel sentinel-pass \"" + sentinelPassword + "\"");
                }
                sentinels.add(RedisServerProcess.sentinel(config));
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
        String login = dataPassword == null ? "" : ":" + dataPassword + "@";
        return "redis-sentinel://" + login + hosts + "/0#" + PRIMARY_NAME;
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
            String problem = withSentinel(s.port(), sentinelPassword, c -> {
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
                return withSentinel(s.port(), sentinelPassword, ask);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last != null ? last : new IllegalStateException("no Sentinel runs");
    }

    static <T> T withSentinel(int port, String password, Function<RedisSentinelCommands<String, String>, T> ask) {
        RedisURI.Builder uri = RedisURI.Builder.redis("127.0.0.1", port).withTimeout(Duration.ofSeconds(2));
        if (password != null) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        try (StatefulRedisSentinelConnection<String, String> c = client.connectSentinel()) {
            return ask.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    /** Adds a primary to every Sentinel's watch (e.g. a proxied one a test cuts). */
    public void monitor(String name, int port) {
        for (RedisServerProcess s : sentinels) {
            withSentinel(s.port(), sentinelPassword, c -> c.monitor(name, "127.0.0.1", port, 2));
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
