package io.github.jwtextended.redis;

import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.revocation.RevocationCheck;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failovers under Sentinel, on a primary, a replica and three Sentinels of the test's own: the
 * store follows the new primary by itself (Lettuce asks the Sentinels again on reconnection), fails
 * closed meanwhile (an exception, never "not revoked" for a revoked token), and the near cache
 * stops trusting itself, reloads from the new primary and only then answers from memory again.
 */
class RedisSentinelFailoverTest {
    final List<AutoCloseable> open = new ArrayList<>();
    final String prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    SentinelDeployment sentinel;

    @BeforeEach
    void start() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        sentinel = new SentinelDeployment(1);
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        sentinel.close();
    }

    RedisRevocationStore store(boolean nearCache) {
        RedisRevocationStore s = RedisRevocationStore.builder(sentinel.url()).keyPrefix(prefix).nearCache(nearCache).build();
        open.add(s);
        return s;
    }

    /** A connection straight to the server on {@code port}. */
    StatefulRedisConnection<String, String> raw(int port) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        open.add(client::shutdown);
        StatefulRedisConnection<String, String> c = client.connect();
        open.add(c);
        return c;
    }

    /** Waits until the replica has every write the primary took so far (a write of its own, then WAIT). */
    void replicated(int primaryPort) {
        var c = raw(primaryPort).sync();
        c.set(prefix + "fence", "1");
        assertThat(c.waitForReplication(1, 5000)).as("the replica confirms").isEqualTo(1L);
    }

    /**
     * A Sentinel that takes connections and never answers (a hung process, a half-open link), listed
     * first: the store asks the next one after its connection timeout, both to find the primary and
     * to listen for switches, and starts within seconds, not after Lettuce's 60 s default per
     * Sentinel.
     */
    @Test
    void aSilentSentinelDelaysTheStartByTheConnectTimeoutOnly() throws Exception {
        TcpProxy silent = new TcpProxy("127.0.0.1", sentinel.sentinels().get(0).port());
        open.add(silent);
        silent.freeze();
        String url = sentinel.url().replace("redis-sentinel://", "redis-sentinel://127.0.0.1:" + silent.port() + ",");
        long started = System.nanoTime();
        RedisRevocationStore s = RedisRevocationStore.builder(url).keyPrefix(prefix).connectTimeout(Duration.ofMillis(500)).build();
        open.add(s);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Sentinel: started past a silent Sentinel in %d ms%n", took.toMillis());
        assertThat(took).as("a silent Sentinel costs the connection timeout, twice at most").isLessThan(Duration.ofSeconds(10));
        s.revoke("a", Instant.now().plusSeconds(60));
        assertThat(s.isRevoked("a")).isTrue();
    }

    @Test
    void aKilledPrimaryIsReplacedAndTheStoresFollowItFailingClosedMeanwhile() throws Exception {
        RedisRevocationStore strict = store(false);
        RedisRevocationStore cached = store(true);
        strict.revoke("before", Instant.now().plusSeconds(300));
        int oldPrimary = sentinel.primaryPort();
        replicated(oldPrimary);
        FailoverWatch w = FailoverWatch.watch(List.of(strict, cached), "before", "never", () -> {
            try {
                sentinel.primary().kill();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("Sentinel, primary SIGKILLed: %d failed checks from %d ms to %d ms, right again from %d ms, %d wrong%n",
                w.failures(), w.firstFailureMs(), w.lastFailureMs(), w.recoveredMs(), w.wrong());
        assertThat(w.wrong()).as("never 'not revoked' for the revoked token, never 'revoked' for another").isZero();
        assertThat(w.failures()).as("the outage shows as failures (503)").isPositive();
        int newPrimary = sentinel.awaitPrimaryOtherThan(oldPrimary, Duration.ofSeconds(10));
        assertThat(newPrimary).isNotEqualTo(oldPrimary);
        strict.revoke("after", Instant.now().plusSeconds(300));
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:after")).as("written on the new primary").isEqualTo(1L);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!cached.isRevoked("after") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(cached.isRevoked("after")).isTrue();
        assertThat(RedisRevocationStoreTest.trusted(cached)).as("the near cache trusts itself again").isTrue();
    }

    /**
     * A switchover (SENTINEL FAILOVER): the Sentinels promote the replica, then, seconds later,
     * turn the old primary into a replica and close its clients' connections; the store follows
     * then. Writes the old primary took in between are lost unless replicas must confirm them.
     */
    @Test
    void aSwitchoverMakesTheNearCacheReloadFromTheNewPrimaryBeforeTrustingItselfAgain() throws Exception {
        RedisRevocationStore cached = store(true);
        RedisNearCache cache = cached.localCache();
        cached.revoke("announced", Instant.now().plusSeconds(300));
        int oldPrimary = sentinel.primaryPort();
        // A key the near cache can only learn by reading Redis (no message is published for it).
        raw(oldPrimary).sync().set(prefix + "revoked:unannounced", Long.toString(Instant.now().plusSeconds(300).toEpochMilli()));
        replicated(oldPrimary);
        RevocationCheck check = RevocationCheck.of("unannounced", null, null, null);
        assertThat(cache.trusted()).isTrue();
        assertThat(cache.isRevoked(check)).as("not in memory: nothing announced it").isFalse();
        long generation = cache.generation();

        FailoverWatch w = FailoverWatch.watch(List.of(cached), "announced", "never", sentinel::failover);
        int newPrimary = sentinel.awaitPrimaryOtherThan(oldPrimary, Duration.ofSeconds(10));
        System.out.printf("Sentinel switchover: %d failed checks from %d ms to %d ms, right again from %d ms, %d wrong%n",
                w.failures(), w.firstFailureMs(), w.lastFailureMs(), w.recoveredMs(), w.wrong());
        assertThat(w.wrong()).isZero();
        assertThat(cache.generation()).as("the switchover dropped the subscription: the cache stopped trusting itself")
                .isGreaterThan(generation);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!cache.trusted() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(cache.trusted()).as("trusted again").isTrue();
        assertThat(cache.isRevoked(check)).as("it reloaded every key before trusting itself: the unannounced one too").isTrue();
        // It listens on the new primary: a revocation written there reaches memory.
        RedisRevocationStore writer = store(false);
        writer.revoke("on-new-primary", Instant.now().plusSeconds(300));
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:on-new-primary")).isEqualTo(1L);
        long by = System.nanoTime() + 1_000_000_000L;
        while (!cache.isRevoked(RevocationCheck.of("on-new-primary", null, null, null)) && System.nanoTime() < by) {
            Thread.sleep(2);
        }
        assertThat(cache.isRevoked(RevocationCheck.of("on-new-primary", null, null, null))).isTrue();
    }

    /**
     * In a switchover the old primary keeps answering as a primary for seconds after the Sentinels
     * named the new one. The store hears the Sentinels' {@code +switch-master} and moves every
     * connection, the near cache's subscription too, to the new primary at once: a revocation
     * written there by an instance that connected since reaches memory within the propagation
     * bound, while the old primary still calls itself a primary.
     */
    @Test
    void onASwitchoverEveryConnectionFollowsTheSentinelsAnnouncementAtOnce() throws Exception {
        RedisRevocationStore cached = store(true);
        RedisNearCache cache = cached.localCache();
        int oldPrimary = sentinel.primaryPort();
        replicated(oldPrimary);
        long generation = cache.generation();
        sentinel.failover();
        int newPrimary = sentinel.awaitPrimaryOtherThan(oldPrimary, Duration.ofSeconds(10));
        long named = System.nanoTime();
        long untrustBy = named + 1_000_000_000L;
        while (cache.generation() == generation && System.nanoTime() < untrustBy) {
            Thread.sleep(2);
        }
        assertThat(cache.generation()).as("the announcement made the near cache stop trusting itself").isGreaterThan(generation);

        RedisRevocationStore writer = store(false);
        writer.revoke("on-new-primary", Instant.now().plusSeconds(300));
        long written = System.nanoTime();
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:on-new-primary")).isEqualTo(1L);
        RevocationCheck check = RevocationCheck.of("on-new-primary", null, null, null);
        long by = written + 1_000_000_000L;
        while (!cache.isRevoked(check) && System.nanoTime() < by) {
            Thread.sleep(2);
        }
        long learnedMs = (System.nanoTime() - written) / 1_000_000;
        String oldRole = String.valueOf(raw(oldPrimary).sync().role().get(0));
        System.out.printf("Sentinel switchover: the near cache learned a write on the new primary in %d ms; the old primary "
                + "says it is a %s %d ms after the Sentinels named the new one%n", learnedMs, oldRole, (System.nanoTime() - named) / 1_000_000);
        assertThat(cache.isRevoked(check)).as("in memory within the propagation bound").isTrue();
        long trustBy = System.nanoTime() + 5_000_000_000L;
        while (!cache.trusted() && System.nanoTime() < trustBy) {
            Thread.sleep(10);
        }
        assertThat(cache.trusted()).as("trusted again, on the new primary").isTrue();
        // The store's own connections moved too: a write goes to the new primary.
        cached.revoke("by-the-cached-store", Instant.now().plusSeconds(300));
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:by-the-cached-store")).isEqualTo(1L);
    }
}
