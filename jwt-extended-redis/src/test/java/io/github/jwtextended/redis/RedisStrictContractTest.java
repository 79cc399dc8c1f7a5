package io.github.jwtextended.redis;

import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.SessionRecords;
import io.github.jwtextended.revocation.SessionRecordsContract;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared contract on a real Redis, strict mode (every check asks Redis). */
class RedisStrictContractTest extends SessionRecordsContract {
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
        boolean any = !open.isEmpty();
        for (AutoCloseable c : open) {
            c.close();
        }
        if (any) {
            deleteKeys(); // after closing: an open store would take the deleted keys for a Redis that lost its data
        }
    }

    boolean nearCache() {
        return false;
    }

    /** The test's own deployment (subclasses), or null: the shared test Redis. */
    ContractDeployment deployment() {
        return null;
    }

    /** The Redis of the contract: the shared test Redis, or the test's own deployment. */
    String redisUrl() {
        return deployment() == null ? RedisTestSupport.urlOrSkip() : deployment().url();
    }

    /** What the deployment needs besides the URL (e.g. the certificate authority). */
    RedisRevocationStore.Builder configure(RedisRevocationStore.Builder b) {
        return b;
    }

    void deleteKeys() {
        if (deployment() == null) { // a deployment of the test's own goes at the end, with its keys
            RedisTestKeys.delete(url, prefix);
        }
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
        if (deployment() != null) {
            return deployment().cutOff(this);
        }
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

    @Test
    void sessionKeysLiveAsLongAsTheirFamilyAndEndedOnesKeepNoClient() {
        RedisRevocationStore s = store(url);
        SessionRecords r = s.sessions().orElseThrow();
        RefreshRotation rotation = s.rotation().orElseThrow();
        var redis = s.commands();
        r.start("fam-a", "kim", "a0", "Firefox on Linux", T0.plusSeconds(100));
        r.start("fam-b", "kim", "b0", "Safari on iOS", T0.plusSeconds(50));
        assertThat(redis.pttl(s.sessionKey("kim"))).as("the longest family's").isBetween(99_000L, 100_000L);
        rotation.rotate("fam-b", "b0", "b1", T0.plusSeconds(500), Duration.ZERO);
        assertThat(redis.pttl(s.sessionKey("kim"))).as("extended by a rotation").isBetween(499_000L, 500_000L);

        assertThat(redis.hget(s.familyKey("fam-a"), "client")).isEqualTo("Firefox on Linux");
        assertThat(r.revoke("kim", "fam-a", T0.plusSeconds(100))).isTrue();
        assertThat(redis.hget(s.familyKey("fam-a"), "client")).as("dropped when ended").isNull();
        assertThat(redis.smembers(s.sessionKey("kim"))).containsExactly("fam-b");
        rotation.rotate("fam-b", "not-current", "x", T0.plusSeconds(500), Duration.ZERO);
        assertThat(redis.hget(s.familyKey("fam-b"), "client")).as("dropped at reuse").isNull();
        assertThat(redis.exists(s.sessionKey("kim"))).as("no session left").isZero();
    }
}
