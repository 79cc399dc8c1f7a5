package io.github.jwtextended.example.settings;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The settings both example servers read: names, defaults, values and refusals. */
class CommonSettingsTest {
    private static CommonSettings settings(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return CommonSettings.from(env::get);
    }

    @Test
    void theDefaultsAreListedInTheOrderOfTheDocumentation() {
        assertThat(List.copyOf(CommonSettings.DEFAULTS.entrySet())).containsExactly(
                Map.entry("HOST", "127.0.0.1"),
                Map.entry("PORT", "5000"),
                Map.entry("DATA_DIR", "./data"),
                Map.entry("DATABASE_URL", ""),
                Map.entry("DEMO_USERS", "false"),
                Map.entry("DATABASE_POOL_SIZE", "10"),
                Map.entry("DATABASE_CONNECT_TIMEOUT", "10"),
                Map.entry("REVOCATION_PURGE_INTERVAL", "3600"),
                Map.entry("REDIS_URL", ""),
                Map.entry("REDIS_TLS_CA_FILE", ""),
                Map.entry("REDIS_SENTINEL_PASSWORD", ""),
                Map.entry("REDIS_SENTINEL_USERNAME", ""),
                Map.entry("REDIS_MIN_REPLICAS_ACK", "0"),
                Map.entry("REDIS_REPLICA_ACK_TIMEOUT_MS", "500"),
                Map.entry("REVOCATION_NEAR_CACHE", "true"),
                Map.entry("REVOCATION_NEAR_CACHE_STALENESS_MS", "1000"),
                Map.entry("REVOCATION_TIMEOUT_MS", "250"),
                Map.entry("REVOCATION_FAIL_OPEN", "false"),
                Map.entry("REFRESH_TOKEN_ROTATION", "true"),
                Map.entry("REFRESH_REUSE_GRACE_SECONDS", "10"),
                Map.entry("REFRESH_MAX_SESSION_SECONDS", "0"),
                Map.entry("IMPLICIT_REFRESH_WINDOW_SECONDS", "0"),
                Map.entry("REFRESH_TOKEN_IN_BODY", "true"),
                Map.entry("METRICS_TOKEN", ""),
                Map.entry("LOGIN_RATE_LIMIT_PER_USERNAME", "5"),
                Map.entry("LOGIN_RATE_LIMIT_PER_ADDRESS", "20"),
                Map.entry("LOGIN_RATE_LIMIT_WINDOW_SECONDS", "300"),
                Map.entry("TRUST_X_FORWARDED_FOR", "false"),
                Map.entry("LOGIN_ALLOWED_ORIGINS", ""),
                Map.entry("TRUSTED_PROXIES", ""));
    }

    @Test
    void nothingSetIsTheDefaults() {
        CommonSettings s = settings();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(5000);
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.database().isPostgres()).isFalse();
        assertThat(s.database().toString()).isEqualTo("SQLite " + Path.of("data").toAbsolutePath().resolve("jwt-extended.db"));
        assertThat(s.demoUsers()).isFalse();
        assertThat(s.poolSize()).isEqualTo(10);
        assertThat(s.connectTimeout()).hasSeconds(10);
        assertThat(s.purgeInterval()).hasSeconds(3600);
        assertThat(s.redisUrl()).isNull();
        assertThat(s.redisTlsCaFile()).isNull();
        assertThat(s.redisSentinel()).isNull();
        assertThat(s.redisMinReplicasAck()).isZero();
        assertThat(s.redisReplicaAckTimeout()).hasMillis(500);
        assertThat(s.nearCache()).isTrue();
        assertThat(s.nearCacheStaleness()).hasMillis(1000);
        assertThat(s.revocationTimeout()).hasMillis(250);
        assertThat(s.failOpen()).isFalse();
        assertThat(s.rotation()).isTrue();
        assertThat(s.reuseGrace()).hasSeconds(10);
        assertThat(s.maxSession()).isNull();
        assertThat(s.implicitRefreshWindow()).isZero();
        assertThat(s.refreshTokenInBody()).isTrue();
        assertThat(s.metricsToken()).as("metrics off").isNull();
        assertThat(s.login().perUsername()).isEqualTo(5);
        assertThat(s.login().perAddress()).isEqualTo(20);
        assertThat(s.login().window()).hasSeconds(300);
        assertThat(s.login().trustForwardedFor()).isFalse();
        assertThat(s.login().allowedOrigins()).isEmpty();
        assertThat(s.login().proxies()).isEqualTo(io.github.jwtextended.example.login.TrustedProxies.NONE);
    }

    @Test
    void valuesAreReadTrimmedAndNormalised() {
        CommonSettings s = settings("HOST", " 0.0.0.0 ", "PORT", "0", "DATA_DIR", "/tmp/x/../y", "DEMO_USERS", "YES",
                "DATABASE_POOL_SIZE", "3", "REDIS_URL", " redis://cache:6379/0 ", "REVOCATION_NEAR_CACHE", "off",
                "REDIS_MIN_REPLICAS_ACK", " 1 ", "REDIS_REPLICA_ACK_TIMEOUT_MS", "250",
                "REVOCATION_TIMEOUT_MS", "1000", "REVOCATION_FAIL_OPEN", "on", "REFRESH_TOKEN_ROTATION", "0",
                "REFRESH_REUSE_GRACE_SECONDS", "30", "REFRESH_MAX_SESSION_SECONDS", "86400", "IMPLICIT_REFRESH_WINDOW_SECONDS", "60",
                "REFRESH_TOKEN_IN_BODY", "false",                "LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "7",
                "LOGIN_RATE_LIMIT_WINDOW_SECONDS", "60", "TRUST_X_FORWARDED_FOR", "yes",
                "LOGIN_ALLOWED_ORIGINS", " HTTPS://App.Example.com:443 , http://localhost:3000,");
        assertThat(s.host()).isEqualTo("0.0.0.0");
        assertThat(s.port()).isZero();
        assertThat(s.dataDir()).isEqualTo(Path.of("/tmp/y"));
        assertThat(s.demoUsers()).isTrue();
        assertThat(s.poolSize()).isEqualTo(3);
        assertThat(s.redisUrl()).isEqualTo("redis://cache:6379/0");
        assertThat(s.redisMinReplicasAck()).isEqualTo(1);
        assertThat(s.redisReplicaAckTimeout()).hasMillis(250);
        assertThat(s.nearCache()).isFalse();
        assertThat(s.revocationTimeout()).hasMillis(1000);
        assertThat(s.failOpen()).isTrue();
        assertThat(s.rotation()).isFalse();
        assertThat(s.reuseGrace()).hasSeconds(30);
        assertThat(s.maxSession()).isEqualTo(Duration.ofDays(1));
        assertThat(s.implicitRefreshWindow()).hasSeconds(60);
        assertThat(s.refreshTokenInBody()).isFalse();
        assertThat(s.login().perUsername()).isZero();
        assertThat(s.login().perAddress()).isEqualTo(7);
        assertThat(s.login().window()).hasSeconds(60);
        assertThat(s.login().trustForwardedFor()).isTrue();
        assertThat(s.login().proxies()).isEqualTo(io.github.jwtextended.example.login.TrustedProxies.ONE_HOP);
        assertThat(s.login().allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
    }

    @Test
    void redisUrlTakesEveryDeploymentsForm() {
        for (String url : new String[] {"redis://:pw@cache:6379/0", "rediss://cache:6380/0", "redis-sentinel://s1:26379,s2:26379/0#primary",
                "redis-cluster://:pw@n1:7000,n2:7001,n3:7002", "rediss-cluster://n1:7000"}) {
            assertThat(settings("REDIS_URL", url).redisUrl()).isEqualTo(url);
        }
        assertThatThrownBy(() -> settings("REDIS_URL", "redis-cluster://:hunter2@n1:7000/3"))
                .hasMessageStartingWith("REDIS_URL must be").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    /**
     * The Sentinels' own password (and user) go with a Sentinel {@code REDIS_URL} only; the password
     * is taken as given, never shown, and never repeated in a refusal.
     */
    @Test
    void theSentinelsOwnCredentialsGoWithASentinelUrl() {
        String password = " fake s3ntinel:pw@ ";
        String url = "redis-sentinel://:data-pw@s1:26379,s2:26379/0#primary";
        SentinelCredentials c = settings("REDIS_URL", url, "REDIS_SENTINEL_PASSWORD", password, "REDIS_SENTINEL_USERNAME", " watcher ")
                .redisSentinel();
        assertThat(c.user()).isEqualTo("watcher");
        assertThat(java.util.Arrays.equals(c.password(), password.toCharArray())).as("the password as given").isTrue();
        assertThat(c.toString()).doesNotContain("s3ntinel").doesNotContain("watcher");
        assertThat(settings("REDIS_URL", url, "REDIS_SENTINEL_PASSWORD", password).toString()).doesNotContain("s3ntinel");
        assertThat(settings("REDIS_URL", "rediss-sentinel://s1:26379/0#primary", "REDIS_SENTINEL_PASSWORD", password)
                .redisSentinel().user()).as("the Sentinels' default user").isNull();
        assertThat(settings("REDIS_URL", url, "REDIS_SENTINEL_PASSWORD", " ", "REDIS_SENTINEL_USERNAME", "watcher").redisSentinel())
                .as("no password, nothing sent").isNull();
        for (String[] other : new String[][] {{}, {"REDIS_URL", "redis://:data-pw@cache:6379/0"}, {"REDIS_URL", "redis-cluster://n1:7000"}}) {
            String[] kv = java.util.Arrays.copyOf(other, other.length + 2);
            kv[other.length] = "REDIS_SENTINEL_PASSWORD";
            kv[other.length + 1] = password;
            assertThatThrownBy(() -> settings(kv)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("REDIS_SENTINEL_PASSWORD is for a redis-sentinel:// REDIS_URL")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3ntinel").doesNotContain("data-pw"));
        }
    }

    @Test
    void theRedisCertificateAuthorityFileIsAReadableFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path ca = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(settings("REDIS_TLS_CA_FILE", " " + ca + " ").redisTlsCaFile()).isEqualTo(ca.toAbsolutePath());
        assertThatThrownBy(() -> settings("REDIS_TLS_CA_FILE", dir.toString()))
                .hasMessage("REDIS_TLS_CA_FILE must be a readable PEM file of certificate authorities, or be unset");
    }

    @Test
    void badValuesAreRefusedInOneLineNamingTheSettingWithoutTheValue() {
        String[][] cases = {
                {"PORT", "http", "PORT must be a whole number between 0 and 65535"},
                {"PORT", "70000", "PORT must be a whole number between 0 and 65535"},
                {"HOST", " ", "HOST must not be empty"},
                {"DATA_DIR", "", "DATA_DIR must not be empty"},
                {"DEMO_USERS", "maybe", "DEMO_USERS must be true or false"},
                {"DATABASE_POOL_SIZE", "0", "DATABASE_POOL_SIZE must be a whole number between 1 and 100"},
                {"DATABASE_CONNECT_TIMEOUT", "601", "DATABASE_CONNECT_TIMEOUT must be a whole number between 1 and 600"},
                {"REVOCATION_PURGE_INTERVAL", "-5", "REVOCATION_PURGE_INTERVAL must be a whole number between 1 and 604800"},
                {"REDIS_URL", "http://:hunter2@x", "REDIS_URL must be redis://[[user]:password@]host:port/database (rediss:// for TLS,"
                        + " redis-sentinel://host:port/database#master for Sentinel, redis-cluster://host:port,host:port for a Cluster), or be unset"},
                {"REDIS_URL", "cache:6379", "REDIS_URL must be redis://"},
                {"REDIS_MIN_REPLICAS_ACK", "-1", "REDIS_MIN_REPLICAS_ACK must be a whole number between 0 and 100"},
                {"REDIS_REPLICA_ACK_TIMEOUT_MS", "0", "REDIS_REPLICA_ACK_TIMEOUT_MS must be a whole number between 10 and 60000"},
                {"REDIS_TLS_CA_FILE", "/no/such/ca.pem", "REDIS_TLS_CA_FILE must be a readable PEM file of certificate authorities, or be unset"},
                {"REVOCATION_NEAR_CACHE", "sometimes", "REVOCATION_NEAR_CACHE must be true or false"},
                {"REVOCATION_NEAR_CACHE_STALENESS_MS", "9", "REVOCATION_NEAR_CACHE_STALENESS_MS must be a whole number between 10 and 60000"},
                {"REVOCATION_TIMEOUT_MS", "5", "REVOCATION_TIMEOUT_MS must be a whole number between 10 and 60000"},
                {"REVOCATION_FAIL_OPEN", "maybe", "REVOCATION_FAIL_OPEN must be true or false"},
                {"REFRESH_TOKEN_ROTATION", "perhaps", "REFRESH_TOKEN_ROTATION must be true or false"},
                {"REFRESH_REUSE_GRACE_SECONDS", "301", "REFRESH_REUSE_GRACE_SECONDS must be a whole number between 0 and 300"},
                {"REFRESH_MAX_SESSION_SECONDS", "-1", "REFRESH_MAX_SESSION_SECONDS must be a whole number between 0 and 2147483647"},
                {"IMPLICIT_REFRESH_WINDOW_SECONDS", "86401", "IMPLICIT_REFRESH_WINDOW_SECONDS must be a whole number between 0 and 86400"},
                {"REFRESH_TOKEN_IN_BODY", "sometimes", "REFRESH_TOKEN_IN_BODY must be true or false"},
                {"LOGIN_RATE_LIMIT_PER_USERNAME", "-1", "LOGIN_RATE_LIMIT_PER_USERNAME must be a whole number between 0 and 10000"},
                {"LOGIN_RATE_LIMIT_PER_ADDRESS", "lots", "LOGIN_RATE_LIMIT_PER_ADDRESS must be a whole number between 0 and 1000000"},
                {"LOGIN_RATE_LIMIT_WINDOW_SECONDS", "0", "LOGIN_RATE_LIMIT_WINDOW_SECONDS must be a whole number between 1 and 86400"},
                {"TRUST_X_FORWARDED_FOR", "perhaps", "TRUST_X_FORWARDED_FOR must be true or false"},
                {"METRICS_TOKEN", "hunter2 hunter2", "METRICS_TOKEN must be a bearer token (letters, digits and - . _ ~ + /,"
                        + " then optional = padding), or be unset"},
                {"METRICS_TOKEN", "hunter2\nX-Injected: 1", "METRICS_TOKEN must be a bearer token"},
                {"LOGIN_ALLOWED_ORIGINS", "https://app.example.com/login", "LOGIN_ALLOWED_ORIGINS must be a comma-separated list of"
                        + " origins such as https://app.example.com (scheme, host and optional port; no path)"},
                {"LOGIN_ALLOWED_ORIGINS", "null", "LOGIN_ALLOWED_ORIGINS must be a comma-separated list of origins"},
                {"TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal", "TRUSTED_PROXIES must be a comma-separated list of IP addresses"
                        + " or CIDR ranges such as 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32 (entry 2 is not)"},
        };
        for (String[] k : cases) {
            assertThatThrownBy(() -> settings(k[0], k[1])).as(k[0] + "=" + k[1])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(k[2])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("hunter2"));
        }
        assertThatThrownBy(() -> settings("TRUSTED_PROXIES", "10.0.0.0/8", "TRUST_X_FORWARDED_FOR", "true"))
                .hasMessageStartingWith("TRUSTED_PROXIES and TRUST_X_FORWARDED_FOR=true are not set together");
        assertThat(settings("TRUSTED_PROXIES", "10.0.0.0/8", "TRUST_X_FORWARDED_FOR", "false").login().proxies().networks()).hasSize(1);
        assertThatThrownBy(() -> settings("DATABASE_URL", "mysql://root:hunter2@db/x"))
                .hasMessageStartingWith("DATABASE_URL must be a PostgreSQL URL").hasMessageNotContaining("hunter2");
    }

    @Test
    void postgresUrls() {
        assertThat(settings("DATABASE_URL", "postgres://u@h/db").database().jdbcUrl()).isEqualTo("jdbc:postgresql://h/db");
        assertThat(settings("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2").database()
                .toString()).isEqualTo("PostgreSQL 127.0.0.1:5432/test");
    }

    /** A reader lists the defaults it was given, in the order read: a setting is declared in one place. */
    @Test
    void aReaderRemembersEveryDefaultInTheOrderRead() {
        SettingReader r = new SettingReader(Map.of("B", "7")::get);
        assertThat(r.integer("B", 1, 0, 10)).isEqualTo(7);
        assertThat(r.bool("A", true)).isTrue();
        assertThat(r.text("C", "x")).isEqualTo("x");
        assertThat(List.copyOf(r.defaults().entrySet())).containsExactly(Map.entry("B", "1"), Map.entry("A", "true"), Map.entry("C", "x"));
    }
}
