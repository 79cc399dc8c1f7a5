package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sample reads the example server's settings by the same names, defaults and refusals. */
class SampleSettingsTest {
    private static SampleSettings settings(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return SampleSettings.from(env::get);
    }

    private static void refused(String key, String value, String message) {
        assertThatThrownBy(() -> settings(key, value)).isInstanceOf(SampleSettings.Invalid.class).hasMessage(message);
    }

    @Test
    void defaultsAreTheExampleServers() {
        SampleSettings s = settings();
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(5000);
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.database().isPostgres()).isFalse();
        assertThat(s.demoUsers()).isFalse();
        assertThat(s.poolSize()).isEqualTo(10);
        assertThat(s.revocationTimeout()).hasMillis(250);
        assertThat(s.redisUrl()).isNull();
        assertThat(s.rotation()).isTrue();
        assertThat(s.reuseGrace()).hasSeconds(10);
        assertThat(s.login().perUsername()).isEqualTo(5);
        assertThat(s.login().perAddress()).isEqualTo(20);
        assertThat(s.login().window()).hasSeconds(300);
        assertThat(s.login().trustForwardedFor()).isFalse();
        assertThat(s.login().allowedOrigins()).isEmpty();
        assertThat(SampleSettings.DEFAULTS.keySet()).contains("HOST", "PORT", "DATA_DIR", "DATABASE_URL", "DEMO_USERS",
                "REDIS_URL", "REVOCATION_TIMEOUT_MS", "REFRESH_TOKEN_ROTATION", "IMPLICIT_REFRESH_WINDOW_SECONDS",
                "LOGIN_RATE_LIMIT_PER_USERNAME", "LOGIN_RATE_LIMIT_PER_ADDRESS", "LOGIN_RATE_LIMIT_WINDOW_SECONDS",
                "TRUST_X_FORWARDED_FOR", "LOGIN_ALLOWED_ORIGINS");
    }

    @Test
    void loginDefenceSettingsAreReadAsTheExampleReadsThem() {
        SampleSettings s = settings("LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "7",
                "LOGIN_RATE_LIMIT_WINDOW_SECONDS", "60", "TRUST_X_FORWARDED_FOR", "yes",
                "LOGIN_ALLOWED_ORIGINS", " HTTPS://App.Example.com:443 , http://localhost:3000,");
        assertThat(s.login().perUsername()).isZero();
        assertThat(s.login().perAddress()).isEqualTo(7);
        assertThat(s.login().window()).hasSeconds(60);
        assertThat(s.login().trustForwardedFor()).isTrue();
        assertThat(s.login().allowedOrigins()).containsExactly("https://app.example.com", "http://localhost:3000");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        refused("PORT", "http", "PORT must be a whole number between 0 and 65535");
        refused("PORT", "70000", "PORT must be a whole number between 0 and 65535");
        refused("HOST", " ", "HOST must not be empty");
        refused("DEMO_USERS", "maybe", "DEMO_USERS must be true or false");
        refused("DATABASE_POOL_SIZE", "0", "DATABASE_POOL_SIZE must be a whole number between 1 and 100");
        refused("REVOCATION_TIMEOUT_MS", "5", "REVOCATION_TIMEOUT_MS must be a whole number between 10 and 60000");
        refused("REDIS_URL", "http://:hunter2@x", "REDIS_URL must be redis://[[user]:password@]host:port/database (rediss:// for TLS,"
                + " redis-sentinel://host:port/database#master for Sentinel), or be unset");
        assertThatThrownBy(() -> settings("DATABASE_URL", "mysql://root:hunter2@db/x"))
                .hasMessageStartingWith("DATABASE_URL must be a PostgreSQL URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> settings("IMPLICIT_REFRESH_WINDOW_SECONDS", "60"))
                .hasMessageStartingWith("IMPLICIT_REFRESH_WINDOW_SECONDS is not supported by the Spring Boot sample");
        assertThat(settings("IMPLICIT_REFRESH_WINDOW_SECONDS", "0").rotation()).isTrue();
        refused("LOGIN_RATE_LIMIT_PER_USERNAME", "-1", "LOGIN_RATE_LIMIT_PER_USERNAME must be a whole number between 0 and 10000");
        refused("LOGIN_RATE_LIMIT_PER_ADDRESS", "many", "LOGIN_RATE_LIMIT_PER_ADDRESS must be a whole number between 0 and 1000000");
        refused("LOGIN_RATE_LIMIT_WINDOW_SECONDS", "0", "LOGIN_RATE_LIMIT_WINDOW_SECONDS must be a whole number between 1 and 86400");
        refused("TRUST_X_FORWARDED_FOR", "sometimes", "TRUST_X_FORWARDED_FOR must be true or false");
        refused("LOGIN_ALLOWED_ORIGINS", "https://app.example.com/login", "LOGIN_ALLOWED_ORIGINS must be a comma-separated list of"
                + " origins such as https://app.example.com (scheme, host and optional port; no path)");
    }

    /** A bad or unknown JWT_* variable stops the start naming it (the starter's check, through relaxed binding). */
    @Test
    void badJwtVariablesStopTheStart(@TempDir Path dir) {
        Map<String, String> env = FlowContract.baseEnv(dir);
        env.put("JWT_COOKIE_SECURE", "maybe");
        assertThatThrownBy(() -> SampleServers.context(env).close()).hasStackTraceContaining("JWT_COOKIE_SECURE must be true or false");
        env.remove("JWT_COOKIE_SECURE");
        env.put("JWT_ACCESS_TOKEN_EXPIRE", "60");
        assertThatThrownBy(() -> SampleServers.context(env).close()).hasStackTraceContaining("JWT_ACCESS_TOKEN_EXPIRE");
    }
}
