package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.cluster.event.ClusterTopologyChangedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Failovers, and a loss of data, in a Redis Cluster of the test's own (three primaries, a replica each): the store
 * follows the promoted replica by itself (Lettuce refreshes the topology), fails closed meanwhile
 * (an exception, never "not revoked" for a revoked token), and the near cache stops trusting
 * itself, reloads every key and only then answers from memory again.
 */
class RedisClusterFailoverTest {
    final List<AutoCloseable> open = new ArrayList<>();
    final String prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    ClusterDeployment cluster;

    @BeforeEach
    void start() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        cluster = new ClusterDeployment();
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        cluster.close();
    }

    RedisRevocationStore store(boolean nearCache, int replicasAck) {
        RedisRevocationStore s = RedisRevocationStore.builder(cluster.url()).keyPrefix(prefix).nearCache(nearCache)
                .minReplicasAck(replicasAck).replicaAckTimeout(Duration.ofSeconds(1)).build();
        open.add(s);
        return s;
    }

    static RevocationCheck jti(String jti) {
        return RevocationCheck.of(jti, null, null, null);
    }

    static boolean exists(RedisServerProcess node, String key) {
        long n = ClusterDeployment.ask(node.port(), c -> c.exists(key));
        return n == 1;
    }

    static void await(java.util.function.BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void aKilledPrimaryIsReplacedByItsReplicaAndTheNearCacheReloadsBeforeTrustingItselfAgain() throws Exception {
        RedisRevocationStore acked = store(false, 1);
        RedisRevocationStore cached = store(true, 0);
        RedisNearCache cache = cached.localCache();
        acked.revoke("before", Instant.now().plusSeconds(300));
        String key = acked.revokedKey("before");
        RedisServerProcess old = cluster.primaryOf(key);
        // A key the near cache can only learn by reading Redis (no message is published for it), on the replica too.
        String until = Long.toString(Instant.now().plusSeconds(300).toEpochMilli());
        long copies = ClusterDeployment.ask(old.port(), c -> {
            c.set(acked.revokedKey("unannounced"), until);
            return c.waitForReplication(1, 5000);
        });
        assertThat(copies).isEqualTo(1L);
        assertThat(cache.trusted()).isTrue();
        assertThat(cache.isRevoked(jti("unannounced"))).as("not in memory: nothing announced it").isFalse();
        long generation = cache.generation();

        assertThat(cached.isHealthy()).isTrue();
        FailoverWatch w = FailoverWatch.watch(List.of(acked, cached), "before", "never", () -> {
            try {
                old.kill();
                assertThat(cached.isHealthy()).as("the slot's primary is gone").isFalse();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        RedisServerProcess promoted = cluster.awaitNewPrimaryOf(key, old, Duration.ofSeconds(20));
        System.out.printf("Cluster, primary SIGKILLed: %d failed checks from %d ms to %d ms, right again from %d ms, %d wrong%n",
                w.failures(), w.firstFailureMs(), w.lastFailureMs(), w.recoveredMs(), w.wrong());
        assertThat(w.wrong()).as("never 'not revoked' for the revoked token, never 'revoked' for another").isZero();
        assertThat(w.failures()).as("the outage shows as failures (503)").isPositive();
        assertThat(cache.generation()).as("the near cache stopped trusting itself").isGreaterThan(generation);
        await(cache::trusted, Duration.ofSeconds(5));
        assertThat(cache.trusted()).as("trusted again").isTrue();
        assertThat(cached.isHealthy()).isTrue();
        assertThat(cache.isRevoked(jti("unannounced"))).as("it reloaded every key before trusting itself").isTrue();
        NearCache view = cached.nearCache().orElseThrow();
        assertThat(view.cachedAnswer(jti("never"))).as("answers from memory again").isFalse();

        // The promoted replica has no replica of its own: a write that must be confirmed fails (503), never succeeds.
        assertThatThrownBy(() -> acked.revoke("unconfirmed", Instant.now().plusSeconds(300)))
                .isInstanceOf(RevocationStoreException.class).hasMessageContaining("0 of 1 replica(s)");
        // The old primary comes back as the promoted one's replica: confirmed writes work again, and reach memory.
        old.start();
        cluster.awaitOk(Duration.ofSeconds(30));
        acked.revoke("after", Instant.now().plusSeconds(300));
        assertThat(exists(promoted, acked.revokedKey("after"))).isTrue();
        await(() -> cache.isRevoked(jti("after")), Duration.ofSeconds(1));
        assertThat(cache.isRevoked(jti("after"))).as("pub/sub works after the failover").isTrue();
        // The rejoining node is a replica: the slot keeps its primary and the near cache its trust. Should Lettuce
        // adopt the restarted node's own view for a moment (it claims the slot until the Cluster corrects it),
        // the slot would seem to change hands, and the near cache would reload once more before trusting itself.
        await(cache::trusted, Duration.ofSeconds(5));
        assertThat(cache.trusted()).isTrue();
    }

    /**
     * A manual failover (CLUSTER FAILOVER on the replica): no connection drops, but the topology
     * changes, and the near cache reloads before trusting itself again.
     */
    @Test
    void aManualFailoverMakesTheNearCacheReloadBeforeTrustingItselfAgain() throws Exception {
        RedisRevocationStore cached = store(true, 0);
        RedisRevocationStore writer = store(false, 1);
        RedisNearCache cache = cached.localCache();
        writer.revoke("announced", Instant.now().plusSeconds(300));
        String key = writer.revokedKey("announced");
        RedisServerProcess old = cluster.primaryOf(key);
        RedisServerProcess replica = cluster.replicaOf(old);
        long generation = cache.generation();

        // Every check meanwhile: "revoked" for the revoked token, "not revoked" for another, or a failure (503).
        long[] wrong = {0};
        long[] failures = {0};
        failOver(replica, () -> cache.generation() > generation && cache.trusted(), () -> {
            try {
                if (!cached.isRevoked("announced") || cached.isRevoked("never")) {
                    wrong[0]++;
                }
            } catch (RevocationStoreException e) {
                failures[0]++;
            }
        });
        System.out.printf("Cluster manual failover: %d failed checks, %d wrong%n", failures[0], wrong[0]);
        assertThat(cluster.awaitNewPrimaryOf(key, old, Duration.ofSeconds(20))).isSameAs(replica);
        assertThat(wrong[0]).isZero();
        assertReloadedAndLearning(cache, generation, writer, replica);
    }

    /**
     * A failover of another shard (a manual CLUSTER FAILOVER of a primary that does not serve the
     * store's slot) changes the topology Lettuce sees, but not the node that holds the store's keys:
     * the near cache stays trusted and answers from memory throughout, without a reload.
     */
    @Test
    void aFailoverOfAnotherShardLeavesTheNearCacheTrusted() throws Exception {
        RedisRevocationStore cached = store(true, 0);
        RedisNearCache cache = cached.localCache();
        cached.revoke("announced", Instant.now().plusSeconds(300));
        RedisServerProcess ours = cluster.primaryOf(cached.revokedKey("announced"));
        RedisServerProcess other = cluster.anotherPrimary(ours);
        RedisServerProcess otherReplica = cluster.replicaOf(other);
        String otherLine = myselfLine(other);
        int otherSlot = IntStream.range(0, 16384).filter(s -> ClusterDeployment.servesSlot(otherLine, s)).findFirst().orElseThrow();
        AtomicInteger seen = new AtomicInteger();
        var events = cached.connections().redisClient().getResources().eventBus().get()
                .filter(e -> e instanceof ClusterTopologyChangedEvent t
                        && !Objects.equals(RedisConnections.slotServer(t.before(), otherSlot), RedisConnections.slotServer(t.after(), otherSlot)))
                .subscribe(e -> seen.incrementAndGet());
        open.add(events::dispose);
        await(cache::trusted, Duration.ofSeconds(5));
        long generation = cache.generation();

        failOver(otherReplica, () -> seen.get() > 0, () ->
                assertThat(cached.nearCache().orElseThrow().cachedAnswer(jti("announced"))).as("from memory throughout").isTrue());
        assertThat(seen.get()).as("Lettuce saw the other shard's new primary").isPositive();
        assertThat(cache.generation()).as("no reload: the store's slot kept its primary").isEqualTo(generation);
        assertThat(cache.trusted()).isTrue();
        assertThat(cluster.primaryOf(cached.revokedKey("announced"))).isSameAs(ours);
    }

    /**
     * Asks {@code replica} to take over from its primary (a manual CLUSTER FAILOVER) and runs
     * {@code turn} every 5 ms until {@code done}, for 30 s at most. A manual failover not done
     * within its own timeout (a busy machine) is given up by Redis: it is asked again every 5 s.
     */
    static void failOver(RedisServerProcess replica, java.util.function.BooleanSupplier done, Runnable turn)
            throws InterruptedException {
        ClusterDeployment.ask(replica.port(), c -> c.clusterFailover(false));
        long asked = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            if (System.nanoTime() - asked > 5_000_000_000L) {
                if (!"master".equals(String.valueOf(ClusterDeployment.ask(replica.port(), c -> c.role()).get(0)))) {
                    ClusterDeployment.ask(replica.port(), c -> c.clusterFailover(false));
                }
                asked = System.nanoTime();
            }
            turn.run();
            Thread.sleep(5);
        }
    }

    static String myselfLine(RedisServerProcess node) {
        return ClusterDeployment.ask(node.port(), c -> c.clusterNodes()).lines().filter(l -> l.contains("myself")).findFirst().orElseThrow();
    }

    /** A store with a short restore window. */
    RedisRevocationStore forgetful(boolean nearCache) {
        RedisRevocationStore s = RedisRevocationStore.builder(cluster.url()).keyPrefix(prefix).nearCache(nearCache)
                .restoreWindow(Duration.ofSeconds(2)).build();
        open.add(s);
        return s;
    }

    /**
     * A Redis that forgets, in a Cluster: the shard that serves the store's slot (its primary and its
     * replica, without persistence) is killed and started again empty, keeping its Cluster identity
     * (nodes.conf), so the Cluster serves the slot again with no data. The epoch lives in that slot,
     * so it tells exactly this loss: the strict instance B never answers "not revoked" for a revoked
     * token, and answers "revoked" again once the near-cache instance A, which kept answering from
     * memory, has written its revocations back.
     */
    @Test
    void theShardOfTheStoresSlotRestartedEmptyIsDetectedAndRestoredFromANearCache() throws Exception {
        RedisRevocationStore a = forgetful(true);
        RedisRevocationStore b = forgetful(false);
        Instant exp = Instant.now().plusSeconds(600);
        a.revoke("logged-out", exp);
        a.revokeAllIssuedBefore("everywhere", Instant.now(), exp);
        List<RevocationCheck> revoked = List.of(RevocationCheck.ofJti("logged-out"),
                RevocationCheck.of("other", "everywhere", Instant.now().minusSeconds(5), exp));
        for (RevocationCheck c : revoked) {
            assertThat(RedisDataLossTest.answer(b, c)).isEqualTo("revoked");
        }
        RedisServerProcess primary = cluster.primaryOf(a.revokedKey("x"));
        RedisServerProcess replica = cluster.replicaOf(primary);
        primary.kill();
        replica.kill();
        primary.start(); // the same ports and Cluster identity, no data
        replica.start();
        cluster.awaitOk(Duration.ofSeconds(30));

        List<String> seenByB = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean restored = false;
        while (!restored && System.nanoTime() < deadline) {
            restored = true;
            for (RevocationCheck c : revoked) {
                String got = RedisDataLossTest.answer(b, c);
                seenByB.add(got);
                assertThat(got).as("B on a revoked token").isNotEqualTo("not revoked");
                assertThat(RedisDataLossTest.answer(a, c)).as("A, from memory").isEqualTo("revoked");
                restored &= got.equals("revoked");
            }
            Thread.sleep(20);
        }
        System.out.printf("Cluster shard restarted empty: B answered %d times 503 before the write-back%n",
                seenByB.stream().filter("503"::equals).count());
        assertThat(restored).as("A wrote its revocations back into the slot").isTrue();
        assertThat(b.epoch().losses()).as("B saw the loss").isPositive();
        long present = ClusterDeployment.ask(cluster.primaryOf(a.revokedKey("x")).port(), c -> c.exists(a.revokedKey("logged-out")));
        assertThat(present).as("written back on the slot's primary").isEqualTo(1L);
    }

    /**
     * A resharding moves the store's slot, with its keys, to another primary: checks never answer
     * wrong meanwhile (a failure, 503, at most), the near cache stops trusting itself at the
     * topology change, reloads from the new owner, and learns what is written there.
     */
    @Test
    void aReshardingOfTheStoresSlotMakesTheNearCacheReloadFromItsNewPrimary() throws Exception {
        RedisRevocationStore cached = store(true, 0);
        RedisRevocationStore strict = store(false, 0);
        RedisNearCache cache = cached.localCache();
        strict.revoke("before", Instant.now().plusSeconds(300));
        String key = strict.revokedKey("before");
        RedisServerProcess source = cluster.primaryOf(key);
        RedisServerProcess target = cluster.anotherPrimary(source);
        await(() -> cache.isRevoked(jti("before")), Duration.ofSeconds(1));
        long generation = cache.generation();

        java.util.concurrent.CompletableFuture<Void> move = new java.util.concurrent.CompletableFuture<>();
        FailoverWatch w = FailoverWatch.watch(List.of(strict, cached), "before", "never", () -> new Thread(() -> {
            try {
                cluster.moveSlot(strict.slot(), source, target);
                move.complete(null);
            } catch (RuntimeException e) {
                move.completeExceptionally(e);
            }
        }).start(), false);
        move.get(30, java.util.concurrent.TimeUnit.SECONDS);
        System.out.printf("Cluster resharding of the store's slot: %d failed checks, %d wrong%n", w.failures(), w.wrong());
        assertThat(w.wrong()).isZero();
        assertThat(cluster.primaryOf(key)).isSameAs(target);
        assertReloadedAndLearning(cache, generation, strict, target);
    }

    /**
     * The near cache stopped trusting itself since {@code generation} (a topology change), trusts
     * itself again, and learns a revocation written through {@code writer}, which lands on
     * {@code primary}, the slot's new owner.
     */
    static void assertReloadedAndLearning(RedisNearCache cache, long generation, RedisRevocationStore writer,
                                          RedisServerProcess primary) throws InterruptedException {
        await(() -> cache.generation() > generation && cache.trusted(), Duration.ofSeconds(10));
        assertThat(cache.generation()).as("the topology change made the cache stop trusting itself").isGreaterThan(generation);
        assertThat(cache.trusted()).as("trusted again").isTrue();
        await(() -> {
            try {
                writer.revoke("on-new-primary", Instant.now().plusSeconds(300));
                return true;
            } catch (RevocationStoreException e) {
                return false; // the old primary is still becoming a replica
            }
        }, Duration.ofSeconds(10));
        assertThat(exists(primary, writer.revokedKey("on-new-primary"))).as("written on the slot's new primary").isTrue();
        await(() -> cache.isRevoked(jti("on-new-primary")), Duration.ofSeconds(1));
        assertThat(cache.isRevoked(jti("on-new-primary"))).as("learned through pub/sub").isTrue();
    }
}
