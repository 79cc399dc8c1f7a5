package io.github.jwtextended.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.ArrayList;
import java.util.List;

/** Removes the keys a test wrote under its own prefix. Thread safety: stateless. */
final class RedisTestKeys {
    private RedisTestKeys() {
    }

    static void delete(String url, String prefix) {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            List<String> keys = new ArrayList<>();
            ScanIterator.scan(c.sync(), ScanArgs.Builder.matches(RedisNearCache.globEscape(prefix) + "*").limit(500)).forEachRemaining(keys::add);
            if (!keys.isEmpty()) {
                c.sync().del(keys.toArray(new String[0]));
            }
        } catch (RuntimeException e) {
            // best effort: the keys expire anyway
        } finally {
            client.shutdown();
        }
    }
}
