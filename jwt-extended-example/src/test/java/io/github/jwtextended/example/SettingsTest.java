package io.github.jwtextended.example;

import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.example.storage.DatabaseUrl;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.Setting;
import io.github.jwtextended.config.Settings;
import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {
    final Path dir = TestServers.tempDir("jwt-example-settings");

    @AfterEach
    void clean() {
        TestServers.delete(dir);
    }

    Map<String, String> env(String... kv) {
        Map<String, String> env = new HashMap<>();
        env.put("DATA_DIR", dir.toString());
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return env;
    }

    @Test
    void defaults() {
        ServerSettings s = ServerSettings.from(Map.of());
        // The settings both servers read: CommonSettingsTest.
        assertThat(s.common()).usingRecursiveComparison().isEqualTo(CommonSettings.from(name -> null));
        assertThat(s.common().dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(s.secretGiven()).isFalse();
        JwtConfig c = s.jwtConfig("generated-key-".repeat(8));
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.COOKIES, TokenLocation.HEADERS);
        assertThat(c.access().expires()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.csrf().protect()).isTrue();
    }

    @Test
    void flaskNamesAreRead() {
        ServerSettings s = ServerSettings.from(env("JWT_SECRET_KEY", "k".repeat(40), "JWT_TOKEN_LOCATION", "headers",
                "JWT_ACCESS_TOKEN_EXPIRES", "300", "JWT_REFRESH_TOKEN_EXPIRES", "604800", "JWT_COOKIE_SECURE", "true",
                "JWT_COOKIE_SAMESITE", "Strict", "JWT_COOKIE_CSRF_PROTECT", "false", "JWT_SESSION_COOKIE", "false"));
        assertThat(s.secretGiven()).isTrue();
        JwtConfig c = s.jwtConfig(null);
        assertThat(c.tokenLocations()).containsExactly(TokenLocation.HEADERS);
        assertThat(c.access().expires()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.refresh().expires()).isEqualTo(Duration.ofDays(7));
        assertThat(c.cookies().secure()).isTrue();
        assertThat(c.cookies().sameSite()).isEqualTo("Strict");
        assertThat(c.csrf().protect()).isFalse();
        assertThat(c.cookies().session()).isFalse();
    }

    @Test
    void theReadmeTableListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (String key : io.github.jwtextended.config.FlaskConfig.knownKeys()) {
            assertThat(readme).as(key).contains("| `" + key + "` |");
        }
        // A default the table shows as a value is the core's (from its mapping table), or this server's own.
        for (Setting s : Settings.all()) {
            Matcher row = Pattern.compile("\\| `" + s.flaskKey() + "` \\| `([^`]*)`").matcher(readme);
            if (row.find() && s.defaultText() != null) {
                assertThat(row.group(1)).as(s.flaskKey()).isEqualTo(ServerSettings.DEFAULTS.getOrDefault(s.flaskKey(), s.defaultText()));
            }
        }
        for (Map.Entry<String, String> e : ServerSettings.DEFAULTS.entrySet()) {
            assertThat(readme).as(e.getKey()).contains("| `" + e.getKey() + "` |");
            if (!e.getValue().isEmpty()) {
                assertThat(readme).as(e.getKey()).contains("| `" + e.getKey() + "` | `" + e.getValue() + "`");
            }
        }
    }

    @Test
    void postgresUrls() {
        DatabaseUrl t = ServerSettings.from(env("DATABASE_URL",
                "postgresql://app:s%40cret@db.example:6543/auth?sslmode=require")).common().database();
        assertThat(t.isPostgres()).isTrue();
        assertThat(t.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/auth?sslmode=require");
        assertThat(t.user()).isEqualTo("app");
        assertThat(t.password()).isEqualTo("s@cret");
        assertThat(t.toString()).isEqualTo("PostgreSQL db.example:6543/auth").doesNotContain("cret");
        DatabaseUrl j = ServerSettings.from(env("DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2")).common().database();
        assertThat(j.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=hunter2");
        assertThat(j.toString()).isEqualTo("PostgreSQL 127.0.0.1:5432/test");
        assertThat(ServerSettings.from(env("DATABASE_URL", "postgres://u@h/db")).common().database().jdbcUrl())
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void badSettingsAreOneLineNamingTheSetting() {
        String[][] cases = {
                {"PORT", "http", "PORT must be a whole number between 0 and 65535"},
                {"HOST", " ", "HOST must not be empty"},
                {"DEMO_USERS", "maybe", "DEMO_USERS must be true or false"},
                {"DATABASE_URL", "mysql://root@localhost/db", "DATABASE_URL must be a PostgreSQL URL"},
                {"JWT_COOKIE_SECURE", "sometimes", "JWT_COOKIE_SECURE must be true or false"},
                {"JWT_ACCESS_TOKEN_EXPIRES", "15m", "JWT_ACCESS_TOKEN_EXPIRES must be a number of seconds"},
                {"JWT_TOKEN_LOCATION", "cookies,body", "JWT_TOKEN_LOCATION can only contain"},
                {"JWT_COOKIE_SAMESITE", "Relaxed", "JWT_COOKIE_SAMESITE must be Lax, Strict or None"},
                {"JWT_SECRET_KEY", "short", "JWT_SECRET_KEY is 5 bytes; HS256 needs at least 32 bytes"},
                {"JWT_ALGORITHM", "none", "JWT_ALGORITHM cannot be 'none'"},
                {"JWT_TYPO_SETTING", "1", "Unknown setting JWT_TYPO_SETTING"},
                {"REDIS_URL", "http://:hunter2@cache:6379", "REDIS_URL must be redis://[[user]:password@]host:port/database"},
                {"REDIS_SENTINEL_PASSWORD", "hunter2", "REDIS_SENTINEL_PASSWORD is for a redis-sentinel:// REDIS_URL"},
                {"LOGIN_RATE_LIMIT_PER_USERNAME", "-1", "LOGIN_RATE_LIMIT_PER_USERNAME must be a whole number between 0 and 10000"},
                {"LOGIN_ALLOWED_ORIGINS", "https://app.example.test/login", "LOGIN_ALLOWED_ORIGINS must be a comma-separated list of origins"},
        };
        for (String[] k : cases) {
            assertThatThrownBy(() -> ServerSettings.from(env(k[0], k[1]))).as(k[0] + "=" + k[1])
                    .isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith(k[2])
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> ServerSettings.from(env("REDIS_URL", "redis://cache:6379/0", "REDIS_SENTINEL_PASSWORD", "hunter2")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> ServerSettings.from(env("JWT_SECRET_KEY", "tooshort-secret-hunter2")))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void mainStopsWithOneLineAndExitCode2() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[0], env("PORT", "http", "DEMO_USERS", "true"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("jwt-extended-example: invalid setting: PORT must be a whole number between 0 and 65535\n");
        assertThat(Files.exists(dir.resolve("jwt-secret.key"))).as("nothing created before the settings are checked").isFalse();

        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"frobnicate"}, env(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err2, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err2.toString(StandardCharsets.UTF_8)).startsWith("jwt-extended-example: unknown command frobnicate");

        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertThat(Main.run(new String[] {"help"}, env(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(help, true, StandardCharsets.UTF_8), new PrintStream(err2, true, StandardCharsets.UTF_8))).isZero();
        assertThat(help.toString(StandardCharsets.UTF_8)).contains("JWT_TOKEN_LOCATION=cookies,headers").contains("PORT=5000");
    }

    @Test
    void aPortInUseIsASettingError() {
        Server first = TestServers.start(TestServers.baseEnv(dir.resolve("a")));
        try {
            Map<String, String> env = TestServers.baseEnv(dir.resolve("b"));
            env.put("PORT", String.valueOf(first.port()));
            Server second = new Server(ServerSettings.from(env));
            assertThatThrownBy(second::start).isInstanceOf(SettingsException.class)
                    .hasMessage("PORT " + first.port() + " on HOST 127.0.0.1 cannot be used (already in use, or not an address of this machine)");
        } finally {
            first.stop();
        }
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithoutCredentials() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[0], env("PORT", "0", "DATABASE_CONNECT_TIMEOUT", "1", "DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:1/none"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("jwt-extended-example: cannot connect to the database (PostgreSQL 127.0.0.1:1/none)")
                .doesNotContain("hunter2");
    }
}
