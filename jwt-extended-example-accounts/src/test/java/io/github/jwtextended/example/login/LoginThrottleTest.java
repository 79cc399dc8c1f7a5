package io.github.jwtextended.example.login;

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
            t.failed(t.admit(UUID.randomUUID().toString(), "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255)));
            String name = UUID.randomUUID().toString();
            t.succeeded(t.admit(name, "192.0.2.1"), name, "192.0.2.1");
        }
        assertThat(t.size()).isLessThanOrEqualTo(2000);
        assertThat(t.knownSize()).isLessThanOrEqualTo(1000);
    }

    @Test
    void attemptsAtOnceCannotOutrunTheCount() throws Exception {
        LoginThrottle t = new LoginThrottle(1000, 0, Duration.ofMinutes(5), clock, 100);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger reached = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < 8; n++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 200; i++) {
                    LoginThrottle.Attempt a = t.admit("victim", "a");
                    if (a.retryAfter > 0) {
                        refused.incrementAndGet();
                        continue;
                    }
                    admitted.incrementAndGet();
                    if (t.failed(a) != null) {
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
        assertThat(admitted.get()).as("exactly the limit is admitted").isEqualTo(1000);
        assertThat(refused.get()).isEqualTo(600);
        assertThat(reached.get()).as("logged once").isEqualTo(1);
        assertThat(t.admit("victim", "b").retryAfter).isEqualTo(300);
    }

    @Test
    void successesAndOutagesAreTakenBack() {
        LoginThrottle t = new LoginThrottle(2, 0, Duration.ofMinutes(5), clock, 100);
        for (int i = 0; i < 10; i++) {
            t.cancel(t.admit("u", "a"));
        }
        t.failed(t.admit("u", "a"));
        t.succeeded(t.admit("u", "b"), "u", "b");
        t.failed(t.admit("u", "c"));
        assertThat(t.admit("u", "d").retryAfter).as("two failures: blocked").isEqualTo(300);
        assertThat(t.admit("u", "b").retryAfter).as("b logged in before: exempt").isZero();
        clock.advance(Duration.ofSeconds(300));
        assertThat(t.admit("u", "d").retryAfter).as("window over").isZero();
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
