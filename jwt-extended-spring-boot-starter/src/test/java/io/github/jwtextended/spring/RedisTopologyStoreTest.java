package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.redis.ClusterDeployment;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.redis.RedisTestSupport;
import io.github.jwtextended.redis.SentinelDeployment;
import io.github.jwtextended.revocation.RevocationStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code jwt.revocation.store=redis} on a Redis Cluster and on a Sentinel-managed Redis of the
 * test's own (real redis-server processes), configured with nothing but Spring Boot's own
 * {@code spring.data.redis.cluster.nodes} or {@code spring.data.redis.sentinel.*} settings: a token
 * revoked through one application is refused, over HTTP, by a second one on the same settings.
 */
class RedisTopologyStoreTest {
    private final String prefix = "jwt-starter-topology:" + UUID.randomUUID() + ":";

    private static String nodes(List<RedisServerProcess> processes) {
        return processes.stream().map(p -> "127.0.0.1:" + p.port()).collect(Collectors.joining(","));
    }

    @Test
    void clusterFromBootsClusterNodes() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (ClusterDeployment cluster = new ClusterDeployment()) {
            revokedThroughOneSeenByTheOther("redis-cluster://" + nodes(cluster.nodes()),
                    "spring.data.redis.cluster.nodes=" + nodes(cluster.nodes()));
        }
    }

    @Test
    void sentinelFromBootsSentinelSettings() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        try (SentinelDeployment sentinel = new SentinelDeployment(1)) {
            revokedThroughOneSeenByTheOther("redis://sentinel " + SentinelDeployment.PRIMARY_NAME + "/2",
                    "spring.data.redis.sentinel.master=" + SentinelDeployment.PRIMARY_NAME,
                    "spring.data.redis.sentinel.nodes=" + nodes(sentinel.sentinels()), "spring.data.redis.database=2");
        }
    }

    /**
     * Boot's {@code spring.data.redis.password} is the data nodes' password behind the Sentinels,
     * {@code spring.data.redis.sentinel.password} the Sentinel's own ({@code requirepass}), a
     * different one: each asks for its own and gets it; without either the start fails, naming no
     * password. With {@code jwt.redis.url}, the Sentinel's password is {@code jwt.redis.sentinel-password}.
     */
    @Test
    void sentinelWithItsOwnPasswordAndTheDataNodesPassword() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        String password = "fake-only:test@pw/" + UUID.randomUUID();
        String sentinelPassword = "fake-sentinel:pw@" + UUID.randomUUID();
        try (RedisServerProcess primary = new RedisServerProcess(false, List.of("--requirepass", password));
                RedisServerProcess sentinel = RedisServerProcess.sentinel(List.of(
                        "sentinel monitor guarded 127.0.0.1 " + primary.port() + " 1", "sentinel auth-pass guarded " + password,
                        "requirepass \"" + sentinelPassword + "\""))) {
            String[] boot = {"spring.data.redis.sentinel.master=guarded", "spring.data.redis.sentinel.nodes=" + nodes(List.of(sentinel)),
                    "jwt.redis.key-prefix=" + prefix};
            assertThatThrownBy(() -> RedisStoreTest.start(append(boot, "spring.data.redis.sentinel.password=" + sentinelPassword)).close())
                    .as("the primary refuses a store without its password").hasStackTraceContaining("NOAUTH");
            assertThatThrownBy(() -> RedisStoreTest.start(append(boot, "spring.data.redis.password=" + password)).close())
                    .as("the Sentinel refuses a store without its own password").hasStackTraceContaining("could not connect")
                    .satisfies(e -> assertThat(RedisStoreTest.stackTrace(e).contains(password)).as("the password in the refusal").isFalse());
            assertThatThrownBy(() -> RedisStoreTest.start(append(append(boot, "spring.data.redis.password=" + password),
                    "spring.data.redis.sentinel.password=" + password)).close())
                    .as("the data nodes' password is not the Sentinel's").hasStackTraceContaining("could not connect")
                    .satisfies(e -> assertThat(RedisStoreTest.stackTrace(e).contains(password)).as("the password in the refusal").isFalse());
            revokedThroughOneSeenByTheOther("redis://sentinel guarded/0", "spring.data.redis.sentinel.master=guarded",
                    "spring.data.redis.sentinel.nodes=" + nodes(List.of(sentinel)), "spring.data.redis.password=" + password,
                    "spring.data.redis.sentinel.password=" + sentinelPassword);
            String url = "redis-sentinel://:" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "@" + nodes(List.of(sentinel))
                    + "/0#guarded";
            revokedThroughOneSeenByTheOther("redis://sentinel guarded/0", "jwt.redis.url=" + url,
                    "jwt.redis.sentinel-password=" + sentinelPassword);
        }
    }

    private static String[] append(String[] settings, String more) {
        String[] all = java.util.Arrays.copyOf(settings, settings.length + 1);
        all[settings.length] = more;
        return all;
    }

    /** Two applications on {@code bootSettings}; their store is on {@code where} (its description, no password). */
    private void revokedThroughOneSeenByTheOther(String where, String... bootSettings) throws Exception {
        String[] properties = append(bootSettings, "jwt.redis.key-prefix=" + prefix);
        try (ConfigurableApplicationContext first = RedisStoreTest.start(properties);
                ConfigurableApplicationContext second = RedisStoreTest.start(properties)) {
            assertThat(first.getBean(RevocationStore.class)).isInstanceOf(RedisRevocationStore.class)
                    .hasToString("RedisRevocationStore[" + where + ", strict]");
            JwtManager m = first.getBean(JwtManager.class);
            String token = m.createAccessToken("gina");
            String other = m.createAccessToken("gina");
            assertThat(RedisStoreTest.post(second, token).statusCode()).isEqualTo(200);
            m.revoke(token);
            RedisStoreTest.assertRevokedOverHttp(second, token);
            assertThat(RedisStoreTest.post(second, other).statusCode()).as("another token of the same identity").isEqualTo(200);
        }
    }
}
