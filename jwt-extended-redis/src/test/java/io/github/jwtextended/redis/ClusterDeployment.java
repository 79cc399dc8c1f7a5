package io.github.jwtextended.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A Redis Cluster of the test's own on loopback: three primaries with one replica each (or more), every node
 * a child process on free ports (client and cluster bus) that the test can kill. A node is failed
 * after 1 s without answer ({@code cluster-node-timeout}), so a killed primary's replica takes over
 * within a few seconds. {@link #url()} is the store's {@code redis-cluster://} URL.
 *
 * <p>Thread safety: not thread safe; one test drives it.
 */
public final class ClusterDeployment implements AutoCloseable {
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(1);
    private static final int PRIMARIES = 3;

    private final List<RedisServerProcess> nodes = new ArrayList<>();
    private final int replicas;

    /** Starts six nodes, makes them a cluster (redis-cli --cluster create) and waits until it is ok everywhere. */
    public ClusterDeployment() throws IOException, InterruptedException {
        this(1);
    }

    /** The same with {@code replicas} replicas of each primary. */
    public ClusterDeployment(int replicas) throws IOException, InterruptedException {
        this.replicas = replicas;
        try {
            for (int i = 0; i < PRIMARIES * (1 + replicas); i++) {
                nodes.add(new RedisServerProcess(false, nodeArgs()));
            }
            create();
            awaitOk(Duration.ofSeconds(30));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void create() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(cli(), "--cluster", "create"));
        for (RedisServerProcess n : nodes) {
            cmd.add("127.0.0.1:" + n.port());
        }
        cmd.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("redis-cli --cluster create failed: " + out);
        }
    }

    /** A one-node Cluster (every slot on one server), for a test to kill. */
    public static RedisServerProcess singleNode() throws IOException, InterruptedException {
        RedisServerProcess n = new RedisServerProcess(false, nodeArgs());
        try {
            ask(n.port(), c -> c.clusterAddSlotsRange(io.lettuce.core.Range.create(0, 16383)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!clusterOk(n.port())) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("one-node Cluster not ok");
                }
                Thread.sleep(50);
            }
            return n;
        } catch (IOException | InterruptedException | RuntimeException e) {
            try {
                n.close();
            } catch (Exception ignored) {
                // reporting the first failure
            }
            throw e;
        }
    }

    private static List<String> nodeArgs() throws IOException {
        return List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-port", Integer.toString(RedisServerProcess.freePort()),
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                "--cluster-replica-validity-factor", "0");
    }

    static String cli() {
        String server = RedisServerProcess.program();
        return server == null ? "redis-cli" : server.replace("redis-server", "redis-cli");
    }

    /** The store's URL: every node as a seed. */
    public String url() {
        StringJoiner hosts = new StringJoiner(",");
        for (RedisServerProcess n : nodes) {
            hosts.add("127.0.0.1:" + n.port());
        }
        return "redis-cluster://" + hosts;
    }

    public List<RedisServerProcess> nodes() {
        return nodes;
    }

    /** The running node that serves {@code key}'s slot as primary now, as its running peers see it. */
    public RedisServerProcess primaryOf(String key) {
        int slot = SlotHash.getSlot(key);
        for (RedisServerProcess n : nodes) {
            if (!n.running()) {
                continue;
            }
            String line = ask(n.port(), c -> c.clusterNodes()).lines()
                    .filter(l -> l.contains("myself") && l.contains("master") && !l.contains("fail"))
                    .findFirst().orElse(null);
            if (line != null && servesSlot(line, slot)) {
                return n;
            }
        }
        throw new IllegalStateException("no running primary serves slot " + slot);
    }

    /** The running replica of {@code primary}. */
    public RedisServerProcess replicaOf(RedisServerProcess primary) {
        String id = ask(primary.port(), c -> c.clusterMyId());
        for (RedisServerProcess n : nodes) {
            if (n != primary && n.running()) {
                String info = ask(n.port(), c -> c.clusterNodes()).lines().filter(l -> l.contains("myself")).findFirst().orElse("");
                if (info.contains("slave " + id)) {
                    return n;
                }
            }
        }
        throw new IllegalStateException("no running replica of " + primary.port());
    }

    /**
     * Moves {@code slot} and its keys from its primary to {@code target} (another primary), as a
     * resharding does: IMPORTING on the target, MIGRATING on the source, MIGRATE of every key, then
     * the slot's new owner told to every primary.
     */
    public void moveSlot(int slot, RedisServerProcess source, RedisServerProcess target) {
        String sourceId = ask(source.port(), c -> c.clusterMyId());
        String targetId = ask(target.port(), c -> c.clusterMyId());
        ask(target.port(), c -> c.clusterSetSlotImporting(slot, sourceId));
        ask(source.port(), c -> c.clusterSetSlotMigrating(slot, targetId));
        ask(source.port(), c -> {
            List<String> keys;
            while (!(keys = c.clusterGetKeysInSlot(slot, 100)).isEmpty()) {
                c.migrate("127.0.0.1", target.port(), 0, 5000, io.lettuce.core.MigrateArgs.Builder.keys(keys));
            }
            return null;
        });
        for (RedisServerProcess n : List.of(target, source)) {
            ask(n.port(), c -> c.clusterSetSlotNode(slot, targetId));
        }
        for (RedisServerProcess n : nodes) {
            if (n.running() && n != target && n != source && isPrimary(n)) {
                ask(n.port(), c -> c.clusterSetSlotNode(slot, targetId));
            }
        }
    }

    private static boolean isPrimary(RedisServerProcess n) {
        return "master".equals(String.valueOf(ask(n.port(), c -> c.role()).get(0)));
    }

    /** A running primary other than {@code not}. */
    public RedisServerProcess anotherPrimary(RedisServerProcess not) {
        return nodes.stream().filter(n -> n != not && n.running() && isPrimary(n)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no other primary"));
    }

    /** Whether a CLUSTER NODES line lists {@code slot} among its ranges. */
    static boolean servesSlot(String line, int slot) {
        String[] f = line.split(" ");
        for (int i = 8; i < f.length; i++) {
            if (f[i].startsWith("[")) {
                continue; // a slot being migrated
            }
            String[] range = f[i].split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            if (slot >= from && slot <= to) {
                return true;
            }
        }
        return false;
    }

    /** Waits until another running node than {@code old} serves {@code key}'s slot as primary, and returns it. */
    public RedisServerProcess awaitNewPrimaryOf(String key, RedisServerProcess old, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                RedisServerProcess p = primaryOf(key);
                if (p != old && clusterOk(p.port())) {
                    return p;
                }
            } catch (RuntimeException e) {
                // no primary for the slot yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no new primary for " + key + " within " + within);
    }

    /** Waits until every running node says {@code cluster_state:ok}, knows every node, and every replica's link is up. */
    public void awaitOk(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = problem();
            if (last == null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Redis Cluster not ok within " + within + ": " + last);
    }

    private String problem() {
        for (RedisServerProcess n : nodes) {
            if (!n.running()) {
                continue;
            }
            try {
                if (!clusterOk(n.port())) {
                    return "cluster_state not ok on " + n.port();
                }
                String info = ask(n.port(), c -> c.info("replication"));
                if (info.contains("role:slave") && !info.contains("master_link_status:up")) {
                    return "replica " + n.port() + " not in sync";
                }
                long known = ask(n.port(), c -> c.clusterNodes()).lines().filter(l -> !l.isBlank()).count();
                if (known != nodes.size()) {
                    return n.port() + " knows " + known + " nodes";
                }
            } catch (RuntimeException e) {
                return n.port() + ": " + e.getMessage();
            }
        }
        return null;
    }

    private static boolean clusterOk(int port) {
        return ask(port, c -> c.clusterInfo()).contains("cluster_state:ok");
    }

    /** Asks the node on {@code port} something over a connection of its own. */
    static <T> T ask(int port, Function<RedisCommands<String, String>, T> question) {
        RedisClient client = RedisClient.create(RedisURI.Builder.redis("127.0.0.1", port).withTimeout(Duration.ofSeconds(2)).build());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return question.apply(c.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }

    @Override
    public void close() {
        for (RedisServerProcess n : nodes) {
            try {
                n.close();
            } catch (Exception e) {
                // the others still go
            }
        }
    }
}
