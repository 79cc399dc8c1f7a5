package io.github.jwtextended.example.http;

import io.github.jwtextended.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LoginThrottle} alone: bounded memory under random keys, exact counts under concurrency; client address keys. */
class LoginThrottleTest {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void randomUsernamesAndAddressesCannotGrowItBeyondItsBound() {
        LoginThrottle t = new LoginThrottle(5, 20, Duration.ofMinutes(5), clock, 1000);
        for (int i = 0; i < 100_000; i++) {
            t.failure(UUID.randomUUID().toString(), "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            t.success(UUID.randomUUID().toString(), "192.0.2.1");
        }
        assertThat(t.size()).isLessThanOrEqualTo(2000);
        assertThat(t.knownSize()).isLessThanOrEqualTo(1000);
    }

    @Test
    void concurrentFailuresAreAllCounted() throws Exception {
        LoginThrottle t = new LoginThrottle(1000, 0, Duration.ofMinutes(5), clock, 100);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger reached = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 125; i++) {
                    if (t.failure("victim", "a") != null) {
                        reached.incrementAndGet();
                    }
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertThat(reached.get()).as("1000 failures reach the limit of 1000 exactly once").isEqualTo(1);
        assertThat(t.usernameRetryAfter("victim", "b")).isEqualTo(300);
    }

    @Test
    void clientAddressKeys() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("2001:db8:1:2::1")).isEqualTo(ClientAddress.key("[2001:db8:1:2:ffff::9]"));
        assertThat(ClientAddress.key("2001:db8:1:2::1")).isNotEqualTo(ClientAddress.key("2001:db8:1:3::1"));
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.key("evil.example.com")).as("never resolved").isEqualTo("evil.example.com");
        assertThat(ClientAddress.key("x".repeat(500))).hasSize(64);
    }
}
