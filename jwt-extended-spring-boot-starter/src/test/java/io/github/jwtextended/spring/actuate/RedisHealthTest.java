package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.redis.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;

import java.time.Duration;
import java.util.function.Supplier;

import static io.github.jwtextended.spring.actuate.ActuatorAutoConfigurationTest.RUNNER;
import static io.github.jwtextended.spring.actuate.JwtHealthTest.part;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code revocationStore} health of the starter's Redis store, on a redis-server this test
 * starts: DOWN while Redis hangs or is gone, UP again by itself when it is back; with the near
 * cache, its trust follows.
 */
class RedisHealthTest {

    /** The health, polled until it has {@code status} (at most 20 s: Lettuce reconnects with a back-off). */
    private static Health await(Supplier<Health> health, Status status) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Health h = health.get();
        while (!h.getStatus().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            h = health.get();
        }
        assertThat(h.getStatus()).as("%s", h).isEqualTo(status);
        return h;
    }

    @Test
    void aStrictStoreIsDownWhileRedisHangsOrIsGoneAndUpAgainAfter() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(false)) { // started
            RUNNER.withPropertyValues("jwt.revocation.store=redis", "jwt.redis.url=" + redis.url(), "jwt.revocation.timeout=250ms")
                    .run(context -> {
                        HealthContributor jwt = context.getBean("jwtHealthContributor", HealthContributor.class);
                        Supplier<Health> store = () -> part(jwt, "revocationStore");
                        assertThat(store.get().getDetails()).containsEntry("checks", "store");
                        await(store, Status.UP);

                        redis.pause(); // a hung host: the check's deadline answers
                        Health hung = store.get();
                        assertThat(hung.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(hung.getDetails()).containsEntry("error", "outage");
                        redis.resume();
                        await(store, Status.UP);

                        redis.kill();
                        assertThat(store.get().getStatus()).isEqualTo(Status.DOWN);
                        assertThat(store.get().toString()).doesNotContain("127.0.0.1", String.valueOf(redis.port()));
                        redis.start();
                        await(store, Status.UP);
                    });
        }
    }

    @Test
    void aNearCacheIsTrustedWhileRedisIsThereAndTheStoreDownWhenItIsNot() throws Exception {
        try (RedisServerProcess redis = new RedisServerProcess(false)) { // started
            RUNNER.withPropertyValues("jwt.revocation.store=redis", "jwt.redis.url=" + redis.url(), "jwt.redis.near-cache=true",
                            "jwt.revocation.timeout=250ms")
                    .run(context -> {
                        HealthContributor jwt = context.getBean("jwtHealthContributor", HealthContributor.class);
                        Supplier<Health> store = () -> part(jwt, "revocationStore");
                        Health trusted = await(store, Status.UP);
                        assertThat(trusted.getDetails()).containsEntry("checks", "near cache");
                        assertThat(JwtHealthTest.nearCache(trusted)).containsEntry("trusted", true).containsKeys("size", "stalenessSeconds");

                        redis.kill();
                        Health lost = await(store, Status.DOWN);
                        assertThat(lost.getDetails()).containsEntry("checks", "store");
                        assertThat(JwtHealthTest.nearCache(lost)).containsEntry("trusted", false);

                        redis.start();
                        Health back = await(store, Status.UP);
                        assertThat(back.getDetails()).containsKey("nearCache");
                    });
        }
    }
}
