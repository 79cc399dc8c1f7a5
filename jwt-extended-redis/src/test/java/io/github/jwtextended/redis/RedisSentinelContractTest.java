package io.github.jwtextended.redis;

import io.github.jwtextended.fixtures.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared contract through Sentinel ({@code redis-sentinel://...#name}), strict and with the
 * near cache, on a primary, a replica and three Sentinels of the test's own. The outage case asks
 * the Sentinels for another primary they watch through a proxy, then cuts the proxy.
 */
class RedisSentinelContractTest extends RedisStrictContractTest {
    static SentinelDeployment sentinel;
    static final AtomicInteger CUT = new AtomicInteger();

    @BeforeAll
    static void startSentinel() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        sentinel = new SentinelDeployment(1);
    }

    @AfterAll
    static void stopSentinel() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    static final ContractDeployment DEPLOYMENT = new ContractDeployment() {
        @Override
        public String url() {
            return sentinel.url();
        }

        @Override
        public RedisRevocationStore cutOff(RedisStrictContractTest test) {
            return RedisSentinelContractTest.cutOff(test, test.open);
        }
    };

    @Override
    ContractDeployment deployment() {
        return DEPLOYMENT;
    }

    /** A store on a primary the Sentinels watch through a proxy, then the proxy cut. */
    static RedisRevocationStore cutOff(RedisStrictContractTest test, List<AutoCloseable> open) {
        try {
            RedisServerProcess lonely = new RedisServerProcess(false);
            open.add(lonely);
            TcpProxy proxy = new TcpProxy("127.0.0.1", lonely.port());
            open.add(proxy);
            String name = "cut" + CUT.incrementAndGet();
            sentinel.monitor(name, proxy.port());
            RedisRevocationStore s = test.store(sentinel.url().replace("#" + SentinelDeployment.PRIMARY_NAME, "#" + name));
            proxy.cut();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theStoreWritesToThePrimaryTheSentinelsName() {
        RedisRevocationStore s = store(redisUrl());
        assertThat(s.toString()).contains("sentinel " + SentinelDeployment.PRIMARY_NAME);
        s.revoke(id("on-primary"), T0.plusSeconds(60));
        int primary = sentinel.primaryPort();
        assertThat(((InetSocketAddress) sentinel.addressOf(SentinelDeployment.PRIMARY_NAME)).getPort()).isEqualTo(primary);
        try (var raw = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + primary).connect()) {
            assertThat(raw.sync().exists(prefix + "revoked:" + id("on-primary"))).isEqualTo(1L);
        }
    }

    /** The same through Sentinel with the near cache. */
    @Nested
    class WithNearCache extends RedisNearCacheContractTest {
        @Override
        ContractDeployment deployment() {
            return DEPLOYMENT;
        }
    }
}
