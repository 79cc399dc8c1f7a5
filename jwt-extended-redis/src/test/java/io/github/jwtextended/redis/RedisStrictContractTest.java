package io.github.jwtextended.redis;

import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RefreshRotationContract;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The shared contract on a real Redis, strict mode (every check asks Redis). */
class RedisStrictContractTest extends RefreshRotationContract {
    final List<AutoCloseable> open = new ArrayList<>();
    String url;
    String prefix;

    @BeforeEach
    void redis() {
        url = redisUrl();
        prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    }

    @AfterEach
    void closeAll() throws Exception {
        if (!open.isEmpty()) {
            deleteKeys();
        }
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    boolean nearCache() {
        return false;
    }

    /** The Redis of the contract: the shared test Redis here, the test's own deployment in subclasses. */
    String redisUrl() {
        return RedisTestSupport.urlOrSkip();
    }

    /** What the deployment needs besides the URL (e.g. the certificate authority). */
    RedisRevocationStore.Builder configure(RedisRevocationStore.Builder b) {
        return b;
    }

    void deleteKeys() {
        RedisTestKeys.delete(url, prefix);
    }

    RedisRevocationStore store(String redisUrl) {
        RedisRevocationStore s = configure(RedisRevocationStore.builder(redisUrl)).keyPrefix(prefix).clock(clock)
                .nearCache(nearCache()).build();
        open.add(s);
        return s;
    }

    @Override
    protected RevocationStore newStore() {
        return store(url);
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected RevocationStore secondInstance() {
        return store(url);
    }

    @Override
    protected RevocationStore unreachableStore() {
        return cutOffStore();
    }

    /** A store that connected, then lost its Redis (a proxy in between, cut). */
    RedisRevocationStore cutOffStore() {
        try {
            RedisURI uri = RedisRevocationStore.parseUrl(url);
            TcpProxy proxy = new TcpProxy(uri.getHost(), uri.getPort());
            open.add(proxy);
            String viaProxy = url.replaceFirst("@?" + java.util.regex.Pattern.quote(uri.getHost()) + ":" + uri.getPort(),
                    (url.contains("@") ? "@" : "") + "127.0.0.1:" + proxy.port());
            RedisRevocationStore s = store(viaProxy);
            proxy.cut();
            return s;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
