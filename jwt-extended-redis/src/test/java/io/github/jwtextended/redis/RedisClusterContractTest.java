package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.revocation.SessionRecords;
import io.github.jwtextended.revocation.SessionRecords.SessionRecord;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared contract on a Redis Cluster ({@code redis-cluster://host:port,...}), strict and with
 * the near cache, on three primaries with a replica each, of the test's own. Every key of a store
 * is in one slot (the prefix is a hash tag), so a check is one MGET to one node and every script
 * runs on one node. The outage case kills a one-node Cluster of its own.
 */
class RedisClusterContractTest extends RedisStrictContractTest {
    static ClusterDeployment cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        cluster = new ClusterDeployment();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static final ContractDeployment DEPLOYMENT = new ContractDeployment() {
        @Override
        public String url() {
            return cluster.url();
        }

        @Override
        public RedisRevocationStore cutOff(RedisStrictContractTest test) {
            return RedisClusterContractTest.cutOff(test, test.open);
        }
    };

    @Override
    ContractDeployment deployment() {
        return DEPLOYMENT;
    }

    /** A store on a one-node Cluster of its own, then that node killed. */
    static RedisRevocationStore cutOff(RedisStrictContractTest test, List<AutoCloseable> open) {
        try {
            RedisServerProcess lonely = ClusterDeployment.singleNode();
            open.add(lonely);
            RedisRevocationStore s = test.store("redis-cluster://127.0.0.1:" + lonely.port());
            lonely.kill();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everyKeyOfTheStoreIsInOneSlotOnItsPrimary() {
        RedisRevocationStore s = store(redisUrl());
        assertThat(s.toString()).contains("redis-cluster://127.0.0.1:").doesNotContain("#");
        s.revoke(id("jti"), T0.plusSeconds(60));
        s.revokeAllIssuedBefore(id("kim"), T0, T0.plusSeconds(60));
        s.sessions().orElseThrow().start(id("fam"), id("kim"), id("a0"), "Firefox", T0.plusSeconds(60));
        s.rotation().orElseThrow().revokeFamily(id("fam"), T0.plusSeconds(60));
        List<String> keys = List.of(s.revokedKey(id("jti")), s.nbfKey(id("kim")), s.familyKey(id("fam")),
                s.familyRevokedKey(id("fam")), s.sessionKey(id("kim")), s.epoch().epochKey(), s.epoch().restoringKey());
        Set<Integer> slots = new HashSet<>();
        keys.forEach(k -> slots.add(SlotHash.getSlot(k)));
        assertThat(slots).as("one slot").containsExactly(s.slot());
        assertThat(s.revokedKey("x")).as("the prefix is a hash tag").startsWith("{" + prefix + "}");
        RedisServerProcess primary = cluster.primaryOf(s.revokedKey(id("jti")));
        List<String> present = new ArrayList<>();
        for (String k : keys.subList(0, 5)) {
            if (ClusterDeployment.ask(primary.port(), c -> c.exists(k)) == 1L) {
                present.add(k);
            }
        }
        assertThat(present).as("on the slot's primary").containsExactlyElementsOf(keys.subList(0, 5));
        assertThat(s.isRevoked(RevocationCheck.of(id("jti"), id("kim"), T0.plusSeconds(1), T0.plusSeconds(60))))
                .as("one MGET over the token's keys and the epoch's").isTrue();
    }

    @Test
    void aPrefixWithAHashTagOfItsOwnIsKeptAsItIs() {
        prefix = "{tenant-" + prefix.substring("jwt-test:".length());
        prefix = prefix.substring(0, prefix.length() - 1) + "}:";
        RedisRevocationStore s = store(redisUrl());
        assertThat(s.revokedKey("x")).isEqualTo(prefix + "revoked:x");
        s.revoke(id("tagged"), T0.plusSeconds(60));
        assertThat(s.isRevoked(id("tagged"))).isTrue();
    }

    /**
     * With {@code minReplicasAck} checks have a connection of their own, and so do session
     * listings: routed by the session set's key to the slot's primary (the script drops ended
     * families, which a replica would refuse), not waiting behind a write blocked in {@code WAIT}.
     */
    @Test
    void sessionsAreListedOnTheSlotsPrimaryWhileAWriteWaitsForItsReplica() throws Exception {
        Duration ackTimeout = Duration.ofSeconds(1);
        RedisRevocationStore s = RedisRevocationStore.builder(redisUrl()).keyPrefix(prefix).clock(clock)
                .minReplicasAck(1).replicaAckTimeout(ackTimeout).build();
        open.add(s);
        SessionRecords sessions = s.sessions().orElseThrow();
        sessions.start(id("fam-a"), id("lee"), id("a1"), "Firefox", T0.plusSeconds(60));
        sessions.start(id("fam-b"), id("lee"), id("b1"), null, T0.plusSeconds(60));
        s.rotation().orElseThrow().revokeFamily(id("fam-b"), T0.plusSeconds(60)); // ended: a listing drops it
        String sessionKey = s.sessionKey(id("lee"));
        RedisServerProcess primary = cluster.primaryOf(sessionKey);
        RedisServerProcess replica = cluster.replicaOf(primary);
        replica.pause();
        try {
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    sessions.start(id("fam-c"), id("lee"), id("c1"), "a phone", T0.plusSeconds(60));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!ClusterDeployment.ask(primary.port(), c -> c.info("clients")).contains("blocked_clients:1\r\n")) {
                assertThat(System.nanoTime()).as("the start waits for the replica").isLessThan(deadline);
                Thread.sleep(5);
            }
            long start = System.nanoTime();
            List<SessionRecord> listed = sessions.list(id("lee"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("Cluster: a session listing during a write blocked in WAIT (ack timeout %d ms): %d ms%n",
                    ackTimeout.toMillis(), ms);
            assertThat(blocked).as("the start still waits for the replica").isNotDone();
            assertThat(ms).as("a listing while a write waits up to 1 s for the replica").isLessThan(250L);
            assertThat(listed).extracting(SessionRecord::family).containsExactlyInAnyOrder(id("fam-a"), id("fam-c"));
            assertThat((boolean) ClusterDeployment.ask(primary.port(), c -> c.sismember(sessionKey, id("fam-b"))))
                    .as("the ended family dropped from the set on the slot's primary").isFalse();
            assertThat(blocked.get(5, TimeUnit.SECONDS)).as("the unconfirmed start still fails")
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("the start of a session");
        } finally {
            replica.resume();
        }
        cluster.awaitOk(Duration.ofSeconds(30));
    }

    /** The same on the Cluster with the near cache. */
    @Nested
    class WithNearCache extends RedisNearCacheContractTest {
        @Override
        ContractDeployment deployment() {
            return DEPLOYMENT;
        }

        /**
         * PUBLISH reaches every node of a Cluster: near caches subscribed on nodes other than the
         * one that took the write (Lettuce puts each subscription on the node with the fewest
         * clients) learn a revocation written through another instance.
         */
        @Test
        void nearCachesSubscribedOnOtherNodesLearnARevocationWrittenThroughAnotherInstance() throws Exception {
            List<RedisRevocationStore> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(store(redisUrl()));
            }
            RedisRevocationStore writer = store(redisUrl());
            String channel = writer.channel();
            RedisServerProcess primary = cluster.primaryOf(writer.revokedKey("x"));
            Set<Integer> subscribedOn = new HashSet<>();
            for (RedisServerProcess n : cluster.nodes()) {
                long subs = ClusterDeployment.ask(n.port(), c -> c.pubsubNumsub(channel)).get(channel);
                if (subs > 0) {
                    subscribedOn.add(n.port());
                }
            }
            assertThat(subscribedOn).as("subscriptions on nodes other than the writes' primary").isNotEmpty()
                    .anyMatch(p -> p != primary.port());
            writer.revoke(id("cluster-wide"), T0.plusSeconds(60));
            for (RedisRevocationStore r : readers) {
                long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                while (!r.localCache().isRevoked(RevocationCheck.of(id("cluster-wide"), null, null, null))
                        && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertThat(r.localCache().isRevoked(RevocationCheck.of(id("cluster-wide"), null, null, null)))
                        .as("in memory through pub/sub").isTrue();
                assertThat(RedisRevocationStoreTest.trusted(r)).isTrue();
            }
        }

        /** A near-cache store on the system clock (the revocations' lifetimes are real instants). */
        RedisRevocationStore systemClockStore() {
            RedisRevocationStore s = RedisRevocationStore.builder(redisUrl()).keyPrefix(prefix).nearCache(true).build();
            open.add(s);
            return s;
        }

        /** The propagation delay to a near cache subscribed on another node than the one that takes the writes. */
        @Test
        void nearCachePropagationDelayAcrossNodes() throws Exception {
            RedisRevocationStore a = systemClockStore();
            RedisServerProcess primary = cluster.primaryOf(a.revokedKey("x"));
            RedisRevocationStore b = null;
            for (int i = 0; i < 6 && b == null; i++) {
                long before = subscribers(primary, a.channel());
                RedisRevocationStore candidate = systemClockStore();
                b = subscribers(primary, a.channel()) == before ? candidate : null;
            }
            assertThat(b).as("a near cache subscribed on another node").isNotNull();
            RedisRevocationStoreTest.assertPropagation(a, b, "Cluster near-cache propagation across nodes");
        }
    }

    static long subscribers(RedisServerProcess node, String channel) {
        return ClusterDeployment.ask(node.port(), c -> c.pubsubNumsub(channel)).get(channel);
    }
}
