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
            String address = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
            t.failed(t.admit(UUID.randomUUID().toString(), address, null));
            t.failed(t.admit("u", address, UUID.randomUUID().toString()));
        }
        assertThat(t.size()).isLessThanOrEqualTo(3000);
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
                    LoginThrottle.Attempt a = t.admit("victim", "a", null);
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
        assertThat(t.admit("victim", "b", null).retryAfter).isEqualTo(300);
    }

    @Test
    void successesAndOutagesAreTakenBack() {
        LoginThrottle t = new LoginThrottle(2, 0, Duration.ofMinutes(5), clock, 100);
        for (int i = 0; i < 10; i++) {
            t.cancel(t.admit("u", "a", null));
            t.succeeded(t.admit("u", "a", null));
        }
        t.failed(t.admit("u", "a", null));
        t.failed(t.admit("u", "c", null));
        assertThat(t.admit("u", "d", null).retryAfter).as("two failures: blocked").isEqualTo(300);
        clock.advance(Duration.ofSeconds(300));
        assertThat(t.admit("u", "d", null).retryAfter).as("window over").isZero();
    }

    @Test
    void aTrustedDeviceIsCountedAloneAndNeverByTheUsernamesBlock() {
        LoginThrottle t = new LoginThrottle(2, 100, Duration.ofMinutes(5), clock, 100);
        for (int i = 0; i < 30; i++) {
            t.failed(t.admit("u", "attacker-" + i, null));
        }
        assertThat(t.admit("u", "new-network", null).retryAfter).as("untrusted clients: blocked").isEqualTo(300);
        LoginThrottle.Attempt owner = t.admit("u", "new-network", "device-1");
        assertThat(owner.retryAfter).as("the owner's device is not").isZero();
        t.succeeded(owner);
        clock.advance(Duration.ofSeconds(10));
        // Failures with a device count for it alone; at the limit the device itself is refused.
        t.failed(t.admit("u", "x", "device-1"));
        assertThat(t.failed(t.admit("u", "x", "device-1"))).isEqualTo("username");
        assertThat(t.admit("u", "y", "device-1").retryAfter).as("its window began with the login").isEqualTo(290);
        assertThat(t.admit("u", "y", "device-2").retryAfter).as("another device of the user").isZero();
        assertThat(t.admit("other", "y", null).retryAfter).isZero();
        clock.advance(Duration.ofSeconds(300));
        assertThat(t.admit("u", "y", "device-1").retryAfter).as("its window is over").isZero();
    }

    @Test
    void thePerAddressLimitAppliesToTrustedDevicesToo() {
        LoginThrottle t = new LoginThrottle(5, 3, Duration.ofMinutes(5), clock, 100);
        for (int i = 0; i < 3; i++) {
            t.failed(t.admit("u" + i, "a", null));
        }
        assertThat(t.admit("u", "a", "device-1").retryAfter).isEqualTo(300);
        assertThat(t.usesDevices()).isTrue();
        assertThat(new LoginThrottle(0, 3, Duration.ofMinutes(5), clock, 100).usesDevices())
                .as("no per-username limit: nothing for a device cookie to lift").isFalse();
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
