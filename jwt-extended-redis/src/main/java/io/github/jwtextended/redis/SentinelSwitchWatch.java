package io.github.jwtextended.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Listens to every Sentinel's {@code +switch-master} announcements ({@code <name> <old ip> <old
 * port> <new ip> <new port>}) and, when the Sentinels switch the store's primary, runs the action
 * once per new primary (each Sentinel announces it). In a switchover ({@code SENTINEL FAILOVER})
 * the old primary keeps answering, as a primary, for seconds after the Sentinels named the new
 * one: connections left on it would read and write there. A Sentinel that does not answer at start
 * is not listened to (the others are; Lettuce reconnects the ones that answered). Each Sentinel is
 * sent the credentials of its own URI (the store's Sentinel credentials, if any), not the data nodes'.
 *
 * <p>Thread safety: thread safe; the action runs on Lettuce's event loop and must not block.
 */
final class SentinelSwitchWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SentinelSwitchWatch.class);
    static final String SWITCH_MASTER = "+switch-master";

    private final List<StatefulRedisPubSubConnection<String, String>> sentinels = new ArrayList<>();
    private final AtomicReference<String> lastPrimary = new AtomicReference<>("");

    SentinelSwitchWatch(RedisClient client, RedisURI uri, Consumer<String> onSwitch) {
        String name = uri.getSentinelMasterId();
        RedisPubSubAdapter<String, String> listener = new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                String[] p = message.split(" ");
                if (SWITCH_MASTER.equals(channel) && p.length == 5 && p[0].equals(name)) {
                    String primary = p[3] + ":" + p[4];
                    if (!primary.equals(lastPrimary.getAndSet(primary))) {
                        onSwitch.accept(primary);
                    }
                }
            }
        };
        for (RedisURI sentinel : uri.getSentinels()) {
            try {
                StatefulRedisPubSubConnection<String, String> c = client.connectPubSub(StringCodec.UTF8, sentinel);
                sentinels.add(c);
                c.addListener(listener);
                c.sync().subscribe(SWITCH_MASTER);
            } catch (RedisException e) {
                LOG.info("Redis Sentinel {}:{} did not answer (or refused the Sentinel credentials): its primary switches are not listened to",
                        sentinel.getHost(), sentinel.getPort());
            }
        }
    }

    @Override
    public void close() {
        for (StatefulRedisPubSubConnection<String, String> c : sentinels) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing a Sentinel subscription failed", e);
            }
        }
    }
}
