package io.github.jwtextended.redis;

import io.github.jwtextended.fixtures.CapturedLog;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis that forgets: on a redis-server of the test's own without snapshots or append-only
 * file, revocations are made through instance A (near cache), then Redis is killed and started
 * again, empty, on the same port. A, a strict instance B running throughout, and instances started
 * afterwards (C strict, D near cache) all end up refusing the revoked tokens: A answers from
 * memory and writes its live revocations back; meanwhile no instance answers "not revoked" from
 * the empty Redis (they fail closed). The start warns about the missing persistence.
 */
class RedisDataLossTest {
    static final Duration WINDOW = Duration.ofSeconds(2);
    final List<AutoCloseable> open = new ArrayList<>();
    RedisServerProcess redis;

    @BeforeEach
    void start() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        redis = keep(new RedisServerProcess(false));
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    RedisRevocationStore store(boolean nearCache) {
        return keep(RedisRevocationStore.builder(redis.url()).nearCache(nearCache).restoreWindow(WINDOW).build());
    }

    RedisCommands<String, String> raw() {
        RedisClient client = RedisClient.create(redis.url());
        open.add(client::shutdown);
        return keep(client.connect()).sync();
    }

    /** The store's answer: "revoked", "not revoked" or "503" (it failed closed). */
    static String answer(RedisRevocationStore s, RevocationCheck check) {
        try {
            return s.isRevoked(check) ? "revoked" : "not revoked";
        } catch (RevocationStoreException e) {
            return "503";
        }
    }

    @Test
    void revocationsAnInstanceHeldSurviveARestartWithoutPersistence() throws Exception {
        AtomicReference<RedisRevocationStore> a = new AtomicReference<>();
        AtomicReference<RedisRevocationStore> b = new AtomicReference<>();
        String startLog = CapturedLog.during(() -> {
            a.set(store(true));
            b.set(store(false));
        });
        assertThat(startLog).as("the start warns of a Redis that keeps nothing")
                .contains("keeps neither snapshots").contains("appendonly");
        Instant now = Instant.now();
        Instant exp = now.plusSeconds(600);
        a.get().revoke("logged-out", exp);
        a.get().revoke("short-lived", now.plusMillis(800));
        a.get().revokeAllIssuedBefore("everywhere", now, exp);
        a.get().rotation().orElseThrow().revokeFamily("family-1", exp);
        RevocationCheck token = RevocationCheck.ofJti("logged-out");
        RevocationCheck oldToken = RevocationCheck.of("other", "everywhere", now.minusSeconds(5), exp);
        RevocationCheck familyToken = RevocationCheck.of("refresh", "someone", now, exp, "family-1");
        RevocationCheck fresh = RevocationCheck.ofJti("never-revoked");
        List<RevocationCheck> revoked = List.of(token, oldToken, familyToken);
        for (RevocationCheck c : revoked) {
            assertThat(answer(b.get(), c)).isEqualTo("revoked");
        }
        Thread.sleep(900); // "short-lived" expires: nothing to write back for it

        List<String> log = new ArrayList<>();
        List<String> seenByB = new ArrayList<>();
        log.add(CapturedLog.during(() -> {
            try {
                redis.kill();
                redis.start(); // the same port, nothing kept
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            long restarted = System.nanoTime();
            // A answers from memory at once; B never says "not revoked" for a revoked token.
            for (RevocationCheck c : revoked) {
                assertThat(answer(a.get(), c)).as("A, just after the restart").isEqualTo("revoked");
            }
            long deadline = restarted + Duration.ofSeconds(15).toNanos();
            while (true) {
                boolean all = true;
                for (RevocationCheck c : revoked) {
                    String got = answer(b.get(), c);
                    seenByB.add(got);
                    assertThat(got).as("B on a revoked token").isNotEqualTo("not revoked");
                    all &= got.equals("revoked");
                    assertThat(answer(a.get(), c)).as("A").isEqualTo("revoked");
                }
                if (all) {
                    break;
                }
                assertThat(System.nanoTime()).as("B refuses every revoked token again").isLessThan(deadline);
                sleep(20);
            }
            System.out.printf("A forgetting Redis: B refused every revoked token again %d ms after the restart "
                    + "(answers meanwhile: %d, of which 503: %d)%n", (System.nanoTime() - restarted) / 1_000_000,
                    seenByB.size(), seenByB.stream().filter("503"::equals).count());
        }));
        assertThat(log.get(0)).as("the loss is logged as an error").contains("ERROR").contains("lost its data")
                .contains("wrote back the 3 live revocations");
        assertThat(log.get(0)).doesNotContain("logged-out").doesNotContain("family-1").doesNotContain("everywhere");

        RedisCommands<String, String> redisNow = raw();
        assertThat(redisNow.exists("jwt:revoked:logged-out", "jwt:nbf:everywhere", "jwt:famrev:family-1"))
                .as("written back").isEqualTo(3L);
        assertThat(redisNow.pttl("jwt:revoked:logged-out")).as("with its remaining lifetime")
                .isBetween(Duration.ofSeconds(500).toMillis(), Duration.ofSeconds(600).toMillis());
        assertThat(redisNow.exists("jwt:revoked:short-lived")).as("an expired revocation is not written back").isZero();

        RedisRevocationStore c = store(false);
        RedisRevocationStore d = store(true);
        for (RevocationCheck check : revoked) {
            assertThat(answer(c, check)).as("C, started after the loss").isIn("revoked", "503");
            assertThat(answer(d, check)).as("D, started after the loss").isIn("revoked", "503");
        }
        sleep(WINDOW.toMillis() + 500);
        for (RevocationCheck check : revoked) {
            assertThat(answer(a.get(), check)).isEqualTo("revoked");
            assertThat(answer(b.get(), check)).isEqualTo("revoked");
            assertThat(answer(c, check)).isEqualTo("revoked");
            assertThat(answer(d, check)).isEqualTo("revoked");
        }
        assertThat(RedisRevocationStoreTest.trusted(d)).as("D trusts its copy once the restore window is over").isTrue();
        for (RedisRevocationStore s : List.of(a.get(), b.get(), c, d)) {
            assertThat(answer(s, fresh)).as("a token never revoked is accepted again").isEqualTo("not revoked");
        }
    }

    @Test
    void aStrictInstanceFailsClosedOnAnEmptyRedisUntilTheRestoreWindowEnds() throws Exception {
        RedisRevocationStore b = store(false);
        RevocationCheck fresh = RevocationCheck.ofJti("never-revoked");
        assertThat(answer(b, fresh)).isEqualTo("not revoked");
        raw().flushall();
        String log = CapturedLog.during(() -> assertThat(answer(b, fresh)).as("just after the loss").isEqualTo("503"));
        assertThat(log).contains("ERROR").contains("lost its data");
        assertThat(answer(b, fresh)).as("within the window").isEqualTo("503");
        sleep(WINDOW.toMillis() + 300);
        assertThat(answer(b, fresh)).as("after the window").isEqualTo("not revoked");
    }

    @Test
    void persistenceSetToAppendOnlyGivesNoWarning() throws Exception {
        raw().configSet("appendonly", "yes");
        String log = CapturedLog.during(() -> store(false));
        assertThat(log).doesNotContain("keeps neither snapshots");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
