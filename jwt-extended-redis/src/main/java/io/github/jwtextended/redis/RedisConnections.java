package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.ConnectionIntent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Lettuce client and connections of a {@link RedisRevocationStore}, for one Redis (plain, TLS,
 * Sentinel: {@link RedisClient}) or a Redis Cluster ({@link RedisClusterClient}): the connection of
 * writes, the one of checks (its own when writes wait for replicas, since {@code WAIT} blocks its
 * connection), new pub/sub connections, and the connection to the node that takes the writes of the
 * store's keys, on which a write and its {@code WAIT} go together.
 *
 * <p>In a Cluster every key of the store is in one slot (its prefix is a hash tag), so that every
 * script, check and epoch read goes to one node. Lettuce follows the Cluster's topology: every 2 s,
 * and at once on a redirection or on repeated reconnections (at most once a second).
 *
 * <p>Thread safety: thread safe.
 */
final class RedisConnections implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisConnections.class);

    private final String where;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> writeConnection;
    private final StatefulConnection<String, String> readConnection;
    private final RedisClusterCommands<String, String> writes;
    private final RedisClusterCommands<String, String> reads;
    private final Function<AbstractRedisClient, StatefulRedisPubSubConnection<String, String>> subscriber;
    /** The slot of every key (Cluster), or -1 (one Redis). */
    private final int slot;
    /** The pub/sub connections made by {@link #subscribe}, moved with the others when the Sentinels switch the primary. */
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new CopyOnWriteArrayList<>();
    /** What runs when the Sentinels switch the primary (near caches' untrust). */
    private final List<Runnable> switchListeners = new CopyOnWriteArrayList<>();
    /** The Sentinels' announcements of a new primary (null: no Sentinel). */
    private final SentinelSwitchWatch sentinelWatch;

    /**
     * Connects to {@code seeds} (one URI; several, the Cluster's nodes, when {@code cluster});
     * {@code keyOfSlot}: a key (or the hash-tagged prefix) of the slot of every key of the store; {@code separateReads}: checks get a connection of their own. The URIs' timeout becomes
     * {@code handshake} (HELLO, AUTH, SELECT are bounded like a connection attempt), and so does
     * each Sentinel's: a Sentinel that takes the connection and never answers is given up after it
     * (to find the primary, and to listen for switches), not after Lettuce's 60 s default.
     */
    RedisConnections(List<RedisURI> seeds, boolean cluster, String keyOfSlot, ClientOptions options,
                     Duration handshake, boolean separateReads) {
        seeds.forEach(u -> {
            u.setTimeout(handshake);
            u.getSentinels().forEach(sentinel -> sentinel.setTimeout(handshake));
        });
        this.where = describe(seeds, cluster);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                .build();
        StatefulConnection<String, String> w = null;
        StatefulConnection<String, String> r = null;
        try {
            Supplier<StatefulConnection<String, String>> connect;
            if (cluster) {
                RedisClusterClient c = RedisClusterClient.create(resources, seeds);
                c.setOptions(ClusterClientOptions.builder(options)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(Duration.ofSeconds(2))
                                .enableAllAdaptiveRefreshTriggers()
                                .adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
                                .refreshTriggersReconnectAttempts(2)
                                .build())
                        .build());
                this.client = c;
                this.slot = SlotHash.getSlot(keyOfSlot);
                this.subscriber = x -> ((RedisClusterClient) x).connectPubSub(StringCodec.UTF8);
                connect = () -> c.connect(StringCodec.UTF8);
            } else {
                RedisClient c = RedisClient.create(resources, seeds.get(0));
                c.setOptions(options);
                this.client = c;
                this.slot = -1;
                this.subscriber = x -> ((RedisClient) x).connectPubSub(StringCodec.UTF8);
                connect = () -> c.connect(StringCodec.UTF8);
            }
            w = connect.get();
            r = separateReads ? connect.get() : w;
            this.writes = commands(w);
            this.reads = commands(r);
            if (cluster) {
                // Lettuce opens node connections on first use, within the first command's timeout:
                // open the slot's now, within the connection timeout.
                nodeOf((StatefulRedisClusterConnection<String, String>) w, slot);
                nodeOf((StatefulRedisClusterConnection<String, String>) r, slot);
            }
        } catch (RedisException e) {
            abandon(r, w, redisClient()); // the field, read through a method: null when create() failed
            throw new RevocationStoreException("Redis revocation store could not connect to " + where, e);
        }
        this.writeConnection = w;
        this.readConnection = r;
        SentinelSwitchWatch watch = null;
        try {
            if (!cluster && !seeds.get(0).getSentinels().isEmpty()) {
                watch = new SentinelSwitchWatch((RedisClient) client, seeds.get(0), this::primarySwitched);
            }
        } catch (RuntimeException | Error e) {
            // It gives up each Sentinel that does not answer; anything else must not leak the connections.
            abandon(r, w, client);
            throw e;
        }
        this.sentinelWatch = watch;
    }

    /** A start that failed: closes what it opened (either connection may be null; {@code r} may be {@code w}). */
    private void abandon(StatefulConnection<String, String> r, StatefulConnection<String, String> w, AbstractRedisClient c) {
        closeQuietly(r != w ? r : null);
        closeQuietly(w);
        shutdown(c, resources);
    }

    /**
     * The Sentinels named a new primary: every connection of the store still on the old one (which,
     * in a switchover, keeps answering as a primary for seconds) closes itself ({@code CLIENT KILL}
     * of its own id), so that Lettuce reconnects it, asking the Sentinels, to the new primary; near
     * caches stop trusting themselves at once. Non-blocking (runs on Lettuce's event loop).
     */
    private void primarySwitched(String primary) {
        LOG.info("the Sentinels switched the primary of {} to {}: reconnecting", where, primary);
        switchListeners.forEach(Runnable::run);
        List<StatefulConnection<String, String>> all = new ArrayList<>(subscriptions);
        all.add(writeConnection);
        if (readConnection != writeConnection) {
            all.add(readConnection);
        }
        for (StatefulConnection<String, String> c : all) {
            if (c.isOpen()) {
                var commands = ((StatefulRedisConnection<String, String>) c).async();
                commands.clientId().thenCompose(id -> commands.clientKill(KillArgs.Builder.id(id).skipme(false)))
                        .exceptionally(e -> {
                            LOG.debug("closing a connection to the old primary failed (it is closed already?)", e);
                            return null;
                        });
            }
        }
    }

    private static RedisClusterCommands<String, String> commands(StatefulConnection<String, String> c) {
        return c instanceof StatefulRedisClusterConnection<String, String> cluster ? cluster.sync()
                : ((StatefulRedisConnection<String, String>) c).sync();
    }

    /** Where the store's Redis is, never with a password. */
    String where() {
        return where;
    }

    boolean cluster() {
        return slot >= 0;
    }

    /** The slot of every key of the store (Cluster), or -1 (one Redis). */
    int slot() {
        return slot;
    }

    AbstractRedisClient redisClient() {
        return client;
    }

    /** The commands of writes (in a Cluster, routed to the node of each key's slot). */
    RedisClusterCommands<String, String> writes() {
        return writes;
    }

    /** The commands of checks and loads. */
    RedisClusterCommands<String, String> reads() {
        return reads;
    }

    /**
     * The commands of the node that takes the writes of the store's slot now: a write and the
     * {@code WAIT} after it must go over one connection. One Redis: the write connection itself.
     */
    RedisClusterCommands<String, String> writeNode() {
        if (!cluster()) {
            return writes;
        }
        return nodeOf((StatefulRedisClusterConnection<String, String>) writeConnection, slot).sync();
    }

    /** The connection of {@code c} to the primary of {@code slot}: the one Lettuce routes the slot's commands to. */
    private static StatefulRedisConnection<String, String> nodeOf(StatefulRedisClusterConnection<String, String> c, int slot) {
        RedisClusterNode primary = c.getPartitions().getMasterBySlot(slot);
        if (primary == null) {
            throw new RedisException("no Cluster node serves slot " + slot + " now");
        }
        return c.getConnection(primary.getUri().getHost(), primary.getUri().getPort(), ConnectionIntent.WRITE);
    }

    /**
     * The commands that read every key of the store (SCAN): in a Cluster those of the node that
     * serves the store's slot, the only one that holds its keys (a cluster-wide SCAN would also
     * ask nodes that are down, or hold no slot). One Redis: the checks' commands.
     */
    RedisClusterCommands<String, String> keysNode() {
        if (!cluster()) {
            return reads;
        }
        return nodeOf((StatefulRedisClusterConnection<String, String>) readConnection, slot).sync();
    }

    /** A new pub/sub connection (in a Cluster, to one node: PUBLISH reaches every node). */
    StatefulRedisPubSubConnection<String, String> subscribe() {
        StatefulRedisPubSubConnection<String, String> c = subscriber.apply(client);
        subscriptions.removeIf(s -> !s.isOpen());
        subscriptions.add(c);
        return c;
    }

    /**
     * Runs {@code action} whenever another node, or a failing one, serves the store's slot as
     * primary in Lettuce's view of the Cluster (failover, resharding), or when the Sentinels switch
     * the primary; null for one Redis (nothing to watch). Changes elsewhere in the Cluster (another
     * shard's failover, a replica that joins or leaves) do not concern the store's keys and are let
     * pass. Must not block.
     */
    Disposable onTopologyChange(Runnable action) {
        if (cluster()) {
            return resources.eventBus().get()
                    .filter(e -> e instanceof ClusterTopologyChangedEvent t
                            && !Objects.equals(slotServer(t.before(), slot), slotServer(t.after(), slot)))
                    .subscribe(e -> action.run());
        }
        if (sentinelWatch == null) {
            return null;
        }
        switchListeners.add(action);
        return () -> switchListeners.remove(action);
    }

    /**
     * The node that serves {@code slot} as primary in {@code view}: its id, address, and whether it
     * is failing; null when no node serves it.
     */
    static String slotServer(List<RedisClusterNode> view, int slot) {
        for (RedisClusterNode n : view) {
            if (n.getRole().isUpstream() && n.hasSlot(slot)) {
                boolean failing = n.is(RedisClusterNode.NodeFlag.FAIL) || n.is(RedisClusterNode.NodeFlag.EVENTUAL_FAIL);
                return n.getNodeId() + "@" + n.getUri().getHost() + ":" + n.getUri().getPort() + (failing ? " failing" : "");
            }
        }
        return null;
    }

    /** The URL's host, port, database and TLS, never its password. */
    static String describe(List<RedisURI> seeds, boolean cluster) {
        RedisURI first = seeds.get(0);
        if (cluster) {
            List<String> hosts = new ArrayList<>();
            seeds.forEach(u -> hosts.add(u.getHost() + ":" + u.getPort()));
            return (first.isSsl() ? RedisUrls.TLS_CLUSTER : RedisUrls.CLUSTER) + String.join(",", hosts);
        }
        String host = first.getSentinels().isEmpty() ? first.getHost() + ":" + first.getPort()
                : "sentinel " + first.getSentinelMasterId();
        return (first.isSsl() ? "rediss://" : "redis://") + host + "/" + first.getDatabase();
    }

    @Override
    public void close() {
        if (sentinelWatch != null) {
            sentinelWatch.close();
        }
        if (readConnection != writeConnection) {
            closeQuietly(readConnection);
        }
        closeQuietly(writeConnection);
        shutdown(client, resources);
    }

    private static void closeQuietly(StatefulConnection<String, String> c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.debug("closing a Redis connection failed", e);
        }
    }

    private static void shutdown(AbstractRedisClient client, ClientResources resources) {
        if (client != null) {
            try {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            } catch (RuntimeException e) {
                LOG.debug("shutting the Redis client down failed", e);
            }
        }
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            LOG.debug("shutting the Redis client resources down failed", e);
        }
    }
}
