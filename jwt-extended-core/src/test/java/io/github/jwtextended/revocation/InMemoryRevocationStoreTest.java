package io.github.jwtextended.revocation;

import io.github.jwtextended.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRevocationStoreTest {


    @Test
    void revokeThenIsRevoked() {
        InMemoryRevocationStore store = new InMemoryRevocationStore(new MutableClock(NOW));
        assertThat(store.isRevoked("a")).isFalse();
        store.revoke("a", NOW.plusSeconds(60));
        assertThat(store.isRevoked("a")).isTrue();
        assertThat(store.isRevoked("b")).isFalse();
        assertThat(store.isRevoked((String) null)).isFalse();
    }

    @Test
    void entriesLeaveAfterTheirExpiry() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock, Duration.ofHours(1));
        store.revoke("a", NOW.plusSeconds(60));
        store.revoke("forever", null);
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.isRevoked("a")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.isRevoked("a")).as("at its expiry the token itself is expired").isFalse();
        assertThat(store.size()).as("not swept yet").isEqualTo(2);
        store.sweep();
        assertThat(store.size()).isEqualTo(1);
        clock.advance(Duration.ofDays(10_000));
        assertThat(store.isRevoked("forever")).isTrue();
    }

    @Test
    void aLaterRevocationKeepsTheLongerExpiry() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock);
        store.revoke("a", NOW.plusSeconds(600));
        store.revoke("a", NOW.plusSeconds(10));
        clock.advance(Duration.ofSeconds(300));
        assertThat(store.isRevoked("a")).isTrue();
    }

    @Test
    void sweepRunsByItselfAfterTheInterval() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock, Duration.ofMinutes(1));
        for (int i = 0; i < 100; i++) {
            store.revoke("t" + i, NOW.plusSeconds(30));
        }
        assertThat(store.size()).isEqualTo(100);
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.isRevoked("t1")).isFalse();
        assertThat(store.size()).isZero();
    }

    @Test
    void concurrentRevokesAndLookupsLoseNothing() throws Exception {
        MutableClock clock = new MutableClock(NOW);
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock, Duration.ofSeconds(1));
        int threads = 8;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int seen = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (id == 0 && i % 500 == 0) {
                            clock.advance(Duration.ofSeconds(2)); // sweeps run concurrently with the others
                        }
                        String jti = id + "-" + i;
                        store.revoke(jti, NOW.plusSeconds(3600));
                        if (store.isRevoked(jti)) seen++;
                        store.isRevoked((id + 1) % threads + "-" + i);
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(perThread);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.size()).isEqualTo(threads * perThread);
        for (int t = 0; t < threads; t++) {
            assertThat(store.isRevoked(t + "-" + (perThread - 1))).isTrue();
        }
    }

    @Test
    void theManagerKeepsALogoutEverywhereForTheLongestLifetimePlusLeeway() {
        MutableClock clock = new MutableClock(NOW);
        InMemoryRevocationStore store = new InMemoryRevocationStore(clock, Duration.ofDays(1));
        io.github.jwtextended.JwtManager m = io.github.jwtextended.JwtManager.builder(io.github.jwtextended.fixtures.TestKeys.config()
                        .access(a -> a.withExpires(Duration.ofHours(2))).refresh(r -> r.withExpires(Duration.ofHours(1))).decode(d -> d.withLeeway(Duration.ofSeconds(10))).build())
                .clock(clock).revocationStore(store).build();
        m.revokeAllFor("u");
        RevocationCheck old = RevocationCheck.of(null, "u", NOW, null);
        clock.advance(Duration.ofHours(2).plusSeconds(9));
        assertThat(store.isRevoked(old)).as("access tokens live 2 h (the longer lifetime) + 10 s leeway").isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.isRevoked(old)).isFalse();
        store.sweep();
        assertThat(store.size()).isZero();

        io.github.jwtextended.JwtManager unlimited = io.github.jwtextended.JwtManager.builder(io.github.jwtextended.fixtures.TestKeys.config()
                        .access(a -> a.withExpires(null)).build()).clock(clock).revocationStore(store).build();
        unlimited.revokeAllFor("v");
        clock.advance(Duration.ofDays(36_500));
        assertThat(store.isRevoked(RevocationCheck.of(null, "v", NOW, null))).as("a lifetime without end: kept forever").isTrue();
    }

    @Test
    void aNewInstanceKnowsNothing() {
        InMemoryRevocationStore a = new InMemoryRevocationStore(new MutableClock(NOW));
        a.revoke("x", null);
        assertThat(new InMemoryRevocationStore(new MutableClock(NOW)).isRevoked("x"))
                .as("single instance, not durable (documented)").isFalse();
    }
}
