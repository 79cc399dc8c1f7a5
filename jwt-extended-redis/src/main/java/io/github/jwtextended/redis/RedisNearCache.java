package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationIndex;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The near cache of a {@link RedisRevocationStore}: every live revocation in memory, kept current
 * by the store's pub/sub channel. Trusted only while (1) it has loaded every key after its last
 * (re)subscription and (2) its connection answered a heartbeat PING within the last
 * {@code 2 x heartbeat + timeout}; otherwise the store checks Redis directly.
 *
 * <p>Thread safety: thread safe; pub/sub messages arrive on Lettuce's event loop, the heartbeat
 * and resynchronisation run on one daemon thread of their own.
 */
final class RedisNearCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisNearCache.class);
    private static final long FOREVER = RevocationIndex.FOREVER;
    private static final int BATCH = 500;

    private final RedisRevocationStore store;
    private final RedisConnections connections;
    private final StatefulRedisPubSubConnection<String, String> pubsub;
    private final ScheduledExecutorService scheduler;
    private final RevocationIndex index = new RevocationIndex();
    /**
     * Trust and its generation in one word, so that no interleaving separates them: the generation
     * (a count of the reasons to stop trusting: disconnects, missed heartbeats) times two, plus one
     * while synced. A resync trusts the cache only through one compare-and-set from the generation
     * it started in, so an untrust at any moment after that start (which always moves the
     * generation) wins.
     */
    private final AtomicLong state = new AtomicLong();
    private final long staleAfterNanos;
    private final RedisConnectionStateListener stateListener;
    private volatile long lastHeartbeatNanos;
    private volatile boolean closed;
    /** Whether the cache has been trusted once: from then on it holds every live revocation. */
    private volatile boolean everSynced;
    /** How many of the losses of Redis's data the store saw this cache has written back. */
    private long lossesWrittenBack;
    /** Runs just before a resync marks the cache synced: tests force a disconnect at that instant. */
    volatile Runnable beforeTrusting = () -> { };

    RedisNearCache(RedisRevocationStore store, RedisConnections connections, Duration heartbeat) {
        this.store = store;
        this.connections = connections;
        this.staleAfterNanos = heartbeat.multipliedBy(2).plus(store.timeout()).toNanos();
        this.stateListener = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == pubsub) {
                    untrust("subscription connection lost");
                }
            }
        };
        connections.redisClient().addListener(stateListener);
        this.pubsub = connections.subscribe();
        pubsub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                onMessage(message);
            }
        });
        pubsub.sync().subscribe(store.channel());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jwt-redis-near-cache");
            t.setDaemon(true);
            return t;
        });
        resync(generation());
        lastHeartbeatNanos = System.nanoTime();
        long every = heartbeat.toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::sweep, 10, 10, TimeUnit.SECONDS);
    }

    /** Whether checks may be answered from memory now: never once closed, even if a resync in flight then succeeds. */
    boolean trusted() {
        return !closed && synced() && System.nanoTime() - lastHeartbeatNanos < staleAfterNanos;
    }

    boolean isRevoked(RevocationCheck check) {
        return index.isRevoked(check, store.clock().millis());
    }

    void applyFamilyRevoked(String family, String until) {
        long u = RedisRevocationStore.FOREVER.equals(until) ? FOREVER : RedisRevocationStore.parse(until);
        index.revokeFamily(family, u);
    }

    void applyRevoked(String jti, String until) {
        long u = RedisRevocationStore.FOREVER.equals(until) ? FOREVER : RedisRevocationStore.parse(until);
        index.revoke(jti, u);
    }

    void applyNotBefore(String identity, String value) {
        int sep = value.indexOf(':');
        if (sep < 0) {
            return;
        }
        String keep = value.substring(sep + 1);
        index.revokeAllIssuedBefore(identity, RedisRevocationStore.parse(value.substring(0, sep)),
                RedisRevocationStore.FOREVER.equals(keep) ? FOREVER : RedisRevocationStore.parse(keep));
    }

    /** "r UNTIL JTI", "f UNTIL FAMILY" or "n NOTBEFORE KEEP IDENTITY" (the id last: it may hold spaces). */
    private void onMessage(String message) {
        try {
            if (message.startsWith("r ")) {
                String[] p = message.split(" ", 3);
                applyRevoked(p[2], p[1]);
            } else if (message.startsWith("f ")) {
                String[] p = message.split(" ", 3);
                applyFamilyRevoked(p[2], p[1]);
            } else if (message.startsWith("n ")) {
                String[] p = message.split(" ", 4);
                applyNotBefore(p[3], p[1] + ":" + p[2]);
            }
        } catch (RuntimeException e) {
            LOG.warn("ignored an unreadable revocation message on the channel");
        }
    }

    void untrust(String why) {
        long was = state.getAndUpdate(s -> ((s >>> 1) + 1) << 1);
        if ((was & 1) == 1) {
            if (!closed) {
                LOG.warn("revocation near cache not trusted ({}): checks go to Redis until it has resynchronised", why);
            }
        }
    }

    void heartbeat() {
        if (closed) {
            return;
        }
        long g = generation();
        try {
            pubsub.sync().ping();
        } catch (RuntimeException e) {
            untrust("no answer to the heartbeat");
            return;
        }
        if (synced()) {
            try {
                if (store.epoch().read(store.commands()) == RedisEpoch.Status.LOST) {
                    store.epoch().handleLoss(store.commands(), everSynced);
                    untrust("Redis lost its data");
                    return;
                }
            } catch (RuntimeException e) {
                untrust("no answer to the epoch check");
                return;
            }
        }
        if (!synced()) {
            try {
                if (!resync(g)) {
                    return; // lost touch while loading: the next heartbeat tries again
                }
                LOG.info("revocation near cache resynchronised ({})", index);
            } catch (RuntimeException e) {
                LOG.debug("near cache resynchronisation failed; will retry", e);
                return;
            }
        }
        lastHeartbeatNanos = System.nanoTime();
    }

    /**
     * Loads every revocation key; the subscription is already up, so nothing written meanwhile is
     * missed. When Redis lost its data since the cache was last trusted, first writes back every
     * live revocation it holds (it held all of them). Marks the cache synced, and returns true,
     * only if it has not stopped trusting itself since generation {@code g} (read before the load
     * began) whatever the interleaving, and only if Redis is not being restored by others, unless
     * the cache held a complete copy itself (a cache first loaded during a restore may miss what
     * others have yet to write back).
     */
    private boolean resync(long g) {
        boolean complete = everSynced;
        RedisEpoch epoch = store.epoch();
        try {
            RedisClusterCommands<String, String> redis = store.commands();
            if (epoch.read(redis) == RedisEpoch.Status.LOST) {
                epoch.handleLoss(redis, complete);
            }
            long losses = epoch.losses();
            if (complete && losses > lossesWrittenBack) {
                int written = store.writeBack(index);
                lossesWrittenBack = losses;
                LOG.warn("revocation near cache wrote back the {} live revocations it holds to Redis, which had lost them", written);
            }
            RedisClusterCommands<String, String> keys = store.keyCommands();
            load(keys, store.revokedKey(""), (key, value) -> applyRevoked(key, value));
            load(keys, store.nbfKey(""), (key, value) -> applyNotBefore(key, value));
            load(keys, store.familyRevokedKey(""), (key, value) -> applyFamilyRevoked(key, value));
            RedisEpoch.Status after = epoch.read(redis);
            if (after == RedisEpoch.Status.LOST) {
                epoch.handleLoss(redis, complete);
                return false; // lost again while loading: the next heartbeat writes back and loads again
            }
            if (after == RedisEpoch.Status.RESTORING && !complete) {
                return false; // others may still be writing back what this copy lacks
            }
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not load the revocations", e);
        }
        beforeTrusting.run();
        boolean trusted = state.compareAndSet(g << 1, (g << 1) | 1);
        if (trusted) {
            everSynced = true;
        }
        return trusted;
    }

    private boolean synced() {
        return (state.get() & 1) == 1;
    }

    private interface Sink {
        void put(String id, String value);
    }

    private static void load(RedisClusterCommands<String, String> redis, String keyPrefix, Sink sink) {
        ScanArgs args = ScanArgs.Builder.matches(globEscape(keyPrefix) + "*").limit(BATCH);
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, args);
            List<String> keys = page.getKeys();
            if (!keys.isEmpty()) {
                for (KeyValue<String, String> kv : redis.mget(keys.toArray(new String[0]))) {
                    if (kv.hasValue()) {
                        sink.put(kv.getKey().substring(keyPrefix.length()), kv.getValue());
                    }
                }
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    static String globEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private void sweep() {
        index.sweep(store.clock().millis());
    }

    /** Whether the cache held a complete copy once, and so writes back what it holds after a loss. */
    boolean writesBack() {
        return everSynced;
    }

    /** How many reasons to stop trusting the cache it has been given. */
    long generation() {
        return state.get() >>> 1;
    }

    /** Entries held (for tests and metrics). */
    int size() {
        return index.size();
    }

    /**
     * How long ago the cache was last known current (its last answered heartbeat while synced, or
     * resynchronisation; its start before either): grows while Redis is gone.
     */
    Duration staleness() {
        return Duration.ofNanos(System.nanoTime() - lastHeartbeatNanos);
    }

    @Override
    public void close() {
        closed = true;
        untrust("closed");
        scheduler.shutdownNow();
        connections.redisClient().removeListener(stateListener);
        try {
            pubsub.close();
        } catch (RuntimeException e) {
            LOG.debug("closing the subscription failed", e);
        }
    }
}
