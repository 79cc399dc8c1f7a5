package io.github.jwtextended.spring;

import io.github.jwtextended.redis.RedisRevocationStore;
import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's URL built from Spring Boot's {@code spring.data.redis.*} Sentinel, Cluster and
 * single-Redis settings: what Boot would connect to, passwords percent-encoded and never in a
 * refusal. The passwords here are fake; assertions on them never print them.
 */
class SpringDataRedisUrlTest {
    private static final String PASSWORD = "fake p@ss:w/rd%";
    private static final String ENCODED = "fake%20p%40ss%3Aw%2Frd%25";

    private static StandardEnvironment env(String... properties) {
        Map<String, Object> map = new HashMap<>();
        for (String p : properties) {
            int eq = p.indexOf('=');
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("test", map));
        return env;
    }

    private static String url(String... properties) {
        return JwtRedisSettings.url(env(properties));
    }

    private static SpringDataRedisUrl.SentinelLogin sentinelLogin(String... properties) {
        return SpringDataRedisUrl.sentinelLogin(Binder.get(env(properties)));
    }

    private static boolean passwordIs(RedisURI uri, String expected) {
        RedisCredentials c = uri.getCredentialsProvider().resolveCredentials().block();
        return c != null && c.getPassword() != null && Arrays.equals(c.getPassword(), expected.toCharArray());
    }

    @Test
    void clusterNodesWithUserPasswordAndTls() {
        String url = url("spring.data.redis.cluster.nodes=10.0.0.1:7000, redis-b.internal:7001",
                "spring.data.redis.username=app", "spring.data.redis.password=" + PASSWORD, "spring.data.redis.ssl.enabled=true",
                "spring.data.redis.database=0");
        assertThat(url.equals("rediss-cluster://app:" + ENCODED + "@10.0.0.1:7000,redis-b.internal:7001"))
                .as("rediss-cluster://app:<encoded password>@10.0.0.1:7000,redis-b.internal:7001").isTrue();
        assertThat(RedisRevocationStore.isUrl(url)).isTrue();
        assertThat(url("spring.data.redis.cluster.nodes=127.0.0.1:7000")).isEqualTo("redis-cluster://127.0.0.1:7000");
        assertThat(url("spring.data.redis.cluster.nodes[0]=c1:7000", "spring.data.redis.cluster.nodes[1]=c2:7001"))
                .as("nodes as a YAML list").isEqualTo("redis-cluster://c1:7000,c2:7001");
    }

    /** A Cluster of one IPv6 seed is bracketed, in either of Boot's spellings; among several, it is refused (the URL parser cannot list it). */
    @Test
    void clusterIpv6Seed() {
        assertThat(url("spring.data.redis.cluster.nodes=::1:7000")).isEqualTo("redis-cluster://[::1]:7000");
        assertThat(url("spring.data.redis.cluster.nodes=[::1]:7000")).isEqualTo("redis-cluster://[::1]:7000");
        assertThat(RedisRevocationStore.isUrl("redis-cluster://[::1]:7000")).isTrue();
        assertThatThrownBy(() -> url("spring.data.redis.cluster.nodes=[::1]:7000,[::1]:7001"))
                .isInstanceOf(JwtSettingsException.class).hasMessageContaining("spring.data.redis.cluster.nodes has an IPv6 address");
        assertThatThrownBy(() -> url("spring.data.redis.cluster.nodes=redis-a"))
                .isInstanceOf(JwtSettingsException.class).hasMessageContaining("spring.data.redis.cluster.nodes lists host:port");
    }

    /** Boot's data-node password and database go into the URL; Lettuce reads them as the data nodes' and sends the Sentinels none. */
    @Test
    void sentinelWithDataPasswordAndDatabase() {
        String url = url("spring.data.redis.sentinel.master=my primary", "spring.data.redis.sentinel.nodes=s1:26379,s2:26380",
                "spring.data.redis.password=" + PASSWORD, "spring.data.redis.database=2");
        assertThat(url.equals("redis-sentinel://:" + ENCODED + "@s1:26379,s2:26380/2#my%20primary"))
                .as("redis-sentinel://:<encoded password>@s1:26379,s2:26380/2#my%20primary").isTrue();
        RedisURI parsed = RedisRevocationStore.parseUrl(url);
        assertThat(passwordIs(parsed, PASSWORD)).as("the data nodes' password").isTrue();
        assertThat(parsed.getSentinelMasterId()).isEqualTo("my primary");
        assertThat(parsed.getDatabase()).isEqualTo(2);
        assertThat(parsed.getSentinels()).hasSize(2).allSatisfy(s ->
                assertThat(s.getCredentialsProvider().resolveCredentials().block().hasPassword()).as("a Sentinel's password").isFalse());
    }

    @Test
    void sentinelOverTlsAndIpv6() {
        String url = url("spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=[::1]:26379",
                "spring.data.redis.ssl.enabled=true");
        assertThat(url).isEqualTo("rediss-sentinel://[::1]:26379/0#mymaster");
        RedisURI parsed = RedisRevocationStore.parseUrl(url);
        assertThat(parsed.isSsl()).isTrue();
        assertThat(parsed.getSentinels()).singleElement().satisfies(s -> assertThat(s.isSsl()).isTrue());
    }

    /**
     * A password for the Sentinels themselves has no place in the URL (whose credentials are the data
     * nodes'): it goes, with the Sentinels' user, to the store's {@code sentinelCredentials}, never
     * into the URL nor a {@code toString}; blank is none, and a user alone is not sent, as in Boot.
     */
    @Test
    void sentinelCredentialsGoToTheStoreNotTheUrl() {
        String[] settings = {"spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=s1:26379",
                "spring.data.redis.password=other", "spring.data.redis.sentinel.username=watcher",
                "spring.data.redis.sentinel.password=" + PASSWORD};
        assertThat(url(settings)).isEqualTo("redis-sentinel://:other@s1:26379/0#mymaster");
        SpringDataRedisUrl.SentinelLogin login = sentinelLogin(settings);
        assertThat(login.user()).isEqualTo("watcher");
        assertThat(Arrays.equals(login.password(), PASSWORD.toCharArray())).as("the Sentinels' password, untrimmed and unencoded").isTrue();
        assertThat(login.toString()).doesNotContain("p@ss").doesNotContain("watcher");
        SpringDataRedisUrl.SentinelLogin defaultUser = sentinelLogin("spring.data.redis.sentinel.master=mymaster",
                "spring.data.redis.sentinel.nodes=s1:26379", "spring.data.redis.sentinel.password=" + PASSWORD);
        assertThat(defaultUser.user()).as("the Sentinels' default user").isNull();
        assertThat(sentinelLogin("spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=s1:26379",
                "spring.data.redis.sentinel.username=watcher")).as("a user without a password is not sent").isNull();
        assertThat(url("spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes[0]=s1:26379",
                "spring.data.redis.sentinel.password=", "spring.data.redis.sentinel.username= "))
                .as("blank Sentinel credentials are none, as in Boot").isEqualTo("redis-sentinel://s1:26379/0#mymaster");
        assertThat(sentinelLogin("spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes[0]=s1:26379",
                "spring.data.redis.sentinel.password= ")).isNull();
        assertThatThrownBy(() -> url("spring.data.redis.sentinel.nodes=s1:26379"))
                .isInstanceOf(JwtSettingsException.class).hasMessageContaining("spring.data.redis.sentinel.master and");
        assertThatThrownBy(() -> url("spring.data.redis.sentinel.password=" + PASSWORD))
                .as("a Sentinel password without Sentinels").isInstanceOf(JwtSettingsException.class)
                .hasMessageContaining("spring.data.redis.sentinel.master and")
                .satisfies(e -> assertThat(e.getMessage().contains("p@ss")).as("the refusal repeats the password").isFalse());
    }

    /**
     * With {@code jwt.redis.url} (Boot's Redis settings unread), the Sentinels' credentials are
     * {@code jwt.redis.sentinel-username}/{@code sentinel-password}, refused with a URL that is not a
     * Sentinel one, naming the setting and never its value.
     */
    @Test
    void theStoresOwnUrlTakesTheStoresOwnSentinelCredentials() {
        SpringDataRedisUrl.SentinelLogin login = JwtRedisSettings.sentinelLogin(Binder.get(env(
                "jwt.redis.url=redis-sentinel://s1:26379/0#mymaster", "jwt.redis.sentinel-username=watcher",
                "jwt.redis.sentinel-password=" + PASSWORD, "spring.data.redis.sentinel.password=ignored")));
        assertThat(login.user()).isEqualTo("watcher");
        assertThat(Arrays.equals(login.password(), PASSWORD.toCharArray())).as("jwt.redis.sentinel-password").isTrue();
        assertThat(JwtRedisSettings.sentinelLogin(Binder.get(env("jwt.redis.url=redis-sentinel://s1:26379/0#mymaster",
                "spring.data.redis.sentinel.password=" + PASSWORD)))).as("Boot's settings are not read with jwt.redis.url").isNull();
        assertThatThrownBy(() -> JwtRedisSettings.sentinelLogin(Binder.get(env("jwt.redis.url=redis://cache:6379/0",
                "jwt.redis.sentinel-password=" + PASSWORD))))
                .isInstanceOf(JwtSettingsException.class).hasMessageContaining("jwt.redis.sentinel-password is for a redis-sentinel://")
                .satisfies(e -> assertThat(e.getMessage().contains("p@ss")).as("the refusal repeats the password").isFalse());
    }

    /** As in Boot, Sentinel wins over Cluster and a URL, whose credentials, database and TLS it takes. */
    @Test
    void sentinelTakesTheUrlsCredentials() {
        String url = url("spring.data.redis.url=rediss://app:" + ENCODED + "@ignored.internal:6379/4",
                "spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=s1:26379",
                "spring.data.redis.cluster.nodes=c1:7000", "spring.data.redis.password=other");
        assertThat(url.equals("rediss-sentinel://app:" + ENCODED + "@s1:26379/4#mymaster"))
                .as("rediss-sentinel://app:<encoded password>@s1:26379/4#mymaster").isTrue();
        assertThatThrownBy(() -> url("spring.data.redis.url=http://:" + ENCODED + "@x", "spring.data.redis.cluster.nodes=c1:7000"))
                .isInstanceOf(JwtSettingsException.class).hasMessageContaining("spring.data.redis.url is not a Redis URL")
                .satisfies(e -> assertThat(e.getMessage().contains("p%40ss")).as("the refusal repeats the password").isFalse());
    }

    /**
     * {@code spring.data.redis.url} is read by the store's own parser (Lettuce's): in every form, the
     * Sentinel URL built from it carries the user, password, database and TLS that the store reads
     * from the URL itself. {@code ?database=} (Lettuce's, which wins over the path) used to be ignored.
     */
    @Test
    void theUrlIsReadAsTheStoreReadsIt() {
        String[] forms = {"redis://alice@ignored:6379", "redis://:" + ENCODED + "@ignored", "redis://app:" + ENCODED + "@ignored/3",
                "redis://app:@ignored/1", "rediss://ignored/2", "redis://ignored?database=3", "redis://ignored/2?database=5",
                "redis://:" + ENCODED + "@[::1]:6380/4", "redis://ignored/", "rediss://app:" + ENCODED + "@ignored:6380/7?timeout=5s"};
        for (String form : forms) {
            RedisURI given = RedisRevocationStore.parseUrl(form);
            RedisURI built = RedisRevocationStore.parseUrl(url("spring.data.redis.url=" + form,
                    "spring.data.redis.sentinel.master=mymaster", "spring.data.redis.sentinel.nodes=s1:26379"));
            String seen = form.replace(ENCODED, "<encoded password>");
            assertThat(sameLogin(built, given)).as("user and password of %s", seen).isTrue();
            assertThat(built.getDatabase()).as("database of %s", seen).isEqualTo(given.getDatabase());
            assertThat(built.isSsl()).as("TLS of %s", seen).isEqualTo(given.isSsl());
        }
        assertThat(url("spring.data.redis.url=redis://ignored?database=3", "spring.data.redis.sentinel.master=mymaster",
                "spring.data.redis.sentinel.nodes=s1:26379")).isEqualTo("redis-sentinel://s1:26379/3#mymaster");
        assertThat(url("spring.data.redis.url=rediss://alice@ignored", "spring.data.redis.cluster.nodes=c1:7000"))
                .as("a user alone is a password, as in Lettuce and Boot").isEqualTo("rediss-cluster://:alice@c1:7000");
    }

    /**
     * What the store's parser refuses is refused as {@code spring.data.redis.url}, never repeating
     * it: a URL without a host or with a port out of range (taken before), a database that is not
     * one, and schemes Boot does not take there.
     */
    @Test
    void aUrlTheStoreRefusesIsRefused() {
        String[] storeRefuses = {"redis://:" + ENCODED + "@", "redis://:" + ENCODED + "@ignored:99999",
                "redis://:" + ENCODED + "@ignored/-1", "redis://:" + ENCODED + "@ignored/two"};
        String[] bootRefuses = {"redis-sentinel://:" + ENCODED + "@s1:26379#mymaster", "http://:" + ENCODED + "@ignored"};
        for (String form : storeRefuses) {
            assertThat(RedisRevocationStore.isUrl(form)).as("the store refuses %s", form.replace(ENCODED, "<encoded password>")).isFalse();
        }
        for (String form : concat(storeRefuses, bootRefuses)) {
            assertThatThrownBy(() -> url("spring.data.redis.url=" + form, "spring.data.redis.sentinel.master=mymaster",
                    "spring.data.redis.sentinel.nodes=s1:26379"))
                    .isInstanceOf(JwtSettingsException.class).hasMessageContaining("spring.data.redis.url is not a Redis URL")
                    .satisfies(e -> assertThat(e.getMessage().contains("p%40ss") || e.getMessage().contains("p@ss"))
                            .as("the refusal repeats the password").isFalse());
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static boolean sameLogin(RedisURI a, RedisURI b) {
        RedisCredentials ca = a.getCredentialsProvider().resolveCredentials().block();
        RedisCredentials cb = b.getCredentialsProvider().resolveCredentials().block();
        return java.util.Objects.equals(ca.getUsername(), cb.getUsername()) && Arrays.equals(ca.getPassword(), cb.getPassword());
    }

    /** One Redis: an IPv6 host (bare or bracketed) and an encoded password, as before. */
    @Test
    void oneRedis() {
        String url = url("spring.data.redis.host=::1", "spring.data.redis.password=" + PASSWORD, "spring.data.redis.database=5");
        assertThat(url.equals("redis://:" + ENCODED + "@[::1]:6379/5")).as("redis://:<encoded password>@[::1]:6379/5").isTrue();
        assertThat(passwordIs(RedisRevocationStore.parseUrl(url), PASSWORD)).as("the password read back").isTrue();
        assertThat(url("spring.data.redis.host=[::1]", "spring.data.redis.port=6380", "spring.data.redis.ssl.enabled=true"))
                .isEqualTo("rediss://[::1]:6380/0");
        assertThat(url()).isEqualTo("redis://localhost:6379/0");
    }
}
