package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sentinels that ask a password of their own ({@code requirepass}), different from the data nodes'
 * (in the URL): one deployment of the test's own (a primary, a replica, three Sentinels that
 * authenticate to each other) for every test. With {@code sentinelPassword} the store finds the
 * primary, revokes, checks, and follows a switchover at the Sentinels' announcement (its
 * {@code +switch-master} subscriptions authenticate too); without it, or with a wrong one, the
 * start fails with a message that names no password; an ACL user of the Sentinels is sent with its
 * name. The passwords here are fake.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisSentinelPasswordTest {
    private static final String DATA_PASSWORD = "fake-data-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SENTINEL_PASSWORD = "fake-sentinel-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> open = new ArrayList<>();
    private final String prefix = "jwt-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private SentinelDeployment sentinel;

    @BeforeAll
    void start() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        sentinel = new SentinelDeployment(1, DATA_PASSWORD, SENTINEL_PASSWORD);
    }

    @AfterEach
    void closeStores() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
        open.clear();
    }

    @AfterAll
    void stop() {
        if (sentinel != null) {
            sentinel.close();
        }
    }

    private RedisRevocationStore store(boolean nearCache) {
        RedisRevocationStore s = RedisRevocationStore.builder(sentinel.url()).keyPrefix(prefix).nearCache(nearCache)
                .sentinelPassword(SENTINEL_PASSWORD.toCharArray()).build();
        open.add(s);
        return s;
    }

    /** A connection straight to the data server on {@code port}, with the data nodes' password. */
    private StatefulRedisConnection<String, String> raw(int port) {
        RedisClient client = RedisClient.create(RedisURI.Builder.redis("127.0.0.1", port).withPassword(DATA_PASSWORD.toCharArray()).build());
        open.add(client::shutdown);
        StatefulRedisConnection<String, String> c = client.connect();
        open.add(c);
        return c;
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void withoutTheSentinelsPasswordOrWithAWrongOneTheStartFailsNamingNoPassword() {
        String missing = "missing";
        String wrong = "fake-wrong-" + UUID.randomUUID().toString().substring(0, 8);
        for (char[] given : new char[][] {null, wrong.toCharArray()}) {
            RedisRevocationStore.Builder b = RedisRevocationStore.builder(sentinel.url()).keyPrefix(prefix)
                    .connectTimeout(Duration.ofMillis(500));
            if (given != null) {
                b.sentinelPassword(given);
            }
            String which = given == null ? missing : "wrong";
            assertThatThrownBy(b::build).as("%s Sentinel password", which).isInstanceOf(RevocationStoreException.class)
                    .satisfies(e -> {
                        String all = stackTrace(e);
                        assertThat(all.contains(SENTINEL_PASSWORD) || all.contains(DATA_PASSWORD) || all.contains(wrong))
                                .as("a password in the refusal (%s Sentinel password)", which).isFalse();
                    });
        }
    }

    /** Sentinel credentials with a URL that names no Sentinel: refused when set, without repeating them. */
    @Test
    void theSentinelsPasswordIsRefusedForAUrlThatIsNotASentinelOne() {
        for (String url : List.of("redis://127.0.0.1:6379/0", "redis-cluster://127.0.0.1:7000,127.0.0.1:7001")) {
            assertThatThrownBy(() -> RedisRevocationStore.builder(url).sentinelCredentials("watcher", SENTINEL_PASSWORD.toCharArray()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("redis-sentinel://")
                    .satisfies(e -> assertThat(e.getMessage().contains(SENTINEL_PASSWORD)).as("the password in the refusal").isFalse());
        }
        assertThatThrownBy(() -> RedisRevocationStore.builder(sentinel.url()).sentinelPassword(new char[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A user of the Sentinels' ACL (a name and its password) instead of their default user: the
     * store sends both ({@code AUTH name password}) for the lookup and the switch watch, and starts;
     * the same password sent for the default user is refused.
     */
    @Test
    void anAclUserOfTheSentinelsIsSentWithItsName() {
        String user = "jwt-watcher";
        String password = "fake-acl-" + UUID.randomUUID().toString().substring(0, 8);
        for (RedisServerProcess s : sentinel.sentinels()) {
            String ok = SentinelDeployment.withSentinel(s.port(), SENTINEL_PASSWORD, c -> c.dispatch(CommandType.ACL,
                    new StatusOutput<>(StringCodec.UTF8), new CommandArgs<>(StringCodec.UTF8)
                            .add("SETUSER").add(user).add("on").add(">" + password).add("~*").add("&*").add("+@all")));
            assertThat(ok).isEqualTo("OK");
        }
        RedisRevocationStore s = RedisRevocationStore.builder(sentinel.url()).keyPrefix(prefix)
                .sentinelCredentials(user, password.toCharArray()).build();
        open.add(s);
        s.revoke("acl", Instant.now().plusSeconds(60));
        assertThat(s.isRevoked("acl")).isTrue();
        assertThatThrownBy(() -> RedisRevocationStore.builder(sentinel.url()).keyPrefix(prefix)
                .connectTimeout(Duration.ofMillis(500)).sentinelPassword(password.toCharArray()).build())
                .as("the ACL user's password as the default user's").isInstanceOf(RevocationStoreException.class)
                .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(password));
    }

    /**
     * With the Sentinels' password the store starts, revokes and checks, and, at a switchover
     * ({@code SENTINEL FAILOVER}, asked with the password), moves at the Sentinels' announcement:
     * the near cache stops trusting itself within a second of the new primary being named (the
     * old primary keeps answering as a primary for seconds: only the authenticated
     * {@code +switch-master} subscriptions can tell it that soon) and learns a revocation written on
     * the new primary.
     */
    @Test
    void withTheSentinelsPasswordTheStoreWorksAndFollowsASwitchover() throws Exception {
        RedisRevocationStore strict = store(false);
        RedisRevocationStore cached = store(true);
        assertThat(strict.toString()).doesNotContain(SENTINEL_PASSWORD).doesNotContain(DATA_PASSWORD);
        strict.revoke("before", Instant.now().plusSeconds(300));
        assertThat(strict.isRevoked("before")).isTrue();
        assertThat(strict.isRevoked("other")).isFalse();
        RedisNearCache cache = cached.localCache();
        long learnBy = System.nanoTime() + 1_000_000_000L;
        while (!cache.isRevoked(RevocationCheck.of("before", null, null, null)) && System.nanoTime() < learnBy) {
            Thread.sleep(2);
        }
        assertThat(cached.isRevoked("before")).isTrue();

        int oldPrimary = sentinel.primaryPort();
        var primary = raw(oldPrimary).sync();
        primary.set(prefix + "fence", "1");
        assertThat(primary.waitForReplication(1, 5000)).as("the replica confirms").isEqualTo(1L);
        long generation = cache.generation();
        sentinel.failover();
        int newPrimary = sentinel.awaitPrimaryOtherThan(oldPrimary, Duration.ofSeconds(10));
        long untrustBy = System.nanoTime() + 1_000_000_000L;
        while (cache.generation() == generation && System.nanoTime() < untrustBy) {
            Thread.sleep(2);
        }
        assertThat(cache.generation()).as("the announcement, heard over an authenticated subscription, untrusted the near cache")
                .isGreaterThan(generation);

        RedisRevocationStore writer = store(false);
        writer.revoke("on-new-primary", Instant.now().plusSeconds(300));
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:on-new-primary")).as("written on the new primary").isEqualTo(1L);
        RevocationCheck check = RevocationCheck.of("on-new-primary", null, null, null);
        long by = System.nanoTime() + 1_000_000_000L;
        while (!cache.isRevoked(check) && System.nanoTime() < by) {
            Thread.sleep(2);
        }
        assertThat(cache.isRevoked(check)).as("the near cache listens on the new primary").isTrue();
        long reconnectedBy = System.nanoTime() + 3_000_000_000L;
        while (true) { // its connection was closed at the announcement: Lettuce reconnects it within its backoff
            try {
                strict.revoke("after", Instant.now().plusSeconds(300));
                break;
            } catch (RevocationStoreException e) {
                if (System.nanoTime() > reconnectedBy) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
        assertThat(raw(newPrimary).sync().exists(prefix + "revoked:after")).as("the strict store moved too").isEqualTo(1L);
        assertThat(strict.isRevoked("before")).as("replicated before the switch").isTrue();
    }
}
