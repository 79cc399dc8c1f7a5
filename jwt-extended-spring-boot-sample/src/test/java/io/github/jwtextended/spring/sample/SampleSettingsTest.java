package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.flow.FlowContract;
import io.github.jwtextended.example.settings.CommonSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sample reads the example server's settings by the same names, defaults and refusals (the
 * shared {@link CommonSettings}; their own test is CommonSettingsTest), and refuses what it cannot do.
 */
class SampleSettingsTest {
    private static CommonSettings settings(String... kv) {
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
        CommonSettings s = settings();
        assertThat(s).usingRecursiveComparison().isEqualTo(CommonSettings.from(name -> null));
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(5000);
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.revocationTimeout()).hasMillis(250);
        assertThat(s.login().perUsername()).isEqualTo(5);
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        refused("PORT", "http", "PORT must be a whole number between 0 and 65535");
        refused("HOST", " ", "HOST must not be empty");
        refused("REDIS_URL", "http://:hunter2@x", "REDIS_URL must be redis://[[user]:password@]host:port/database (rediss:// for TLS,"
                + " redis-sentinel://host:port/database#master for Sentinel, redis-cluster://host:port,host:port for a Cluster), or be unset");
        assertThatThrownBy(() -> settings("DATABASE_URL", "mysql://root:hunter2@db/x")).isInstanceOf(SampleSettings.Invalid.class)
                .hasMessageStartingWith("DATABASE_URL must be a PostgreSQL URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> settings("IMPLICIT_REFRESH_WINDOW_SECONDS", "60")).isInstanceOf(SampleSettings.Invalid.class)
                .hasMessageStartingWith("IMPLICIT_REFRESH_WINDOW_SECONDS is not supported by the Spring Boot sample");
        assertThat(settings("IMPLICIT_REFRESH_WINDOW_SECONDS", "0").rotation()).isTrue();
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
