package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that forgets, in a Cluster: the shard that serves the store's slot (its primary and its
 * replica, without persistence) is killed and started again empty, keeping its Cluster identity
 * (nodes.conf), so the Cluster serves the slot again with no data. The epoch lives in that slot, so
 * it tells exactly this loss: the strict instance B never answers "not revoked" for a revoked
 * token, and answers "revoked" again once the near-cache instance A, which kept answering from
 * memory, has written its revocations back.
 */
class RedisClusterDataLossTest {
    final List<AutoCloseable> open = new ArrayList<>();
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

    RedisRevocationStore store(boolean nearCache) {
        RedisRevocationStore s = RedisRevocationStore.builder(cluster.url()).nearCache(nearCache)
                .restoreWindow(Duration.ofSeconds(2)).build();
        open.add(s);
        return s;
    }

    @Test
    void theShardOfTheStoresSlotRestartedEmptyIsDetectedAndRestoredFromANearCache() throws Exception {
        RedisRevocationStore a = store(true);
        RedisRevocationStore b = store(false);
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
}
