package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.Setting;
import io.github.jwtextended.config.Settings;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The auto-configuration itself: properties in their relaxed forms, store choice, callback beans, body replay. */
class AutoConfigurationTest {
    private static final String SECRET = "spring-test-only-secret-key-long-enough-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({App.Routes.class, App.Guarded.class})
    static class App {
        @Bean
        UserLookup users() {
            return (header, claims) -> "user:" + claims.get("sub");
        }

        /** A class-level guard; a method's own annotation wins. */
        @RestController
        @JwtRequired(locations = TokenLocation.HEADERS)
        static class Guarded {
            @org.springframework.web.bind.annotation.GetMapping("/class-guarded")
            Map<String, Object> classGuarded(@JwtIdentity String id) {
                return Map.of("id", id);
            }

            @org.springframework.web.bind.annotation.GetMapping("/method-optional")
            @JwtRequired(optional = true)
            Map<String, Object> methodOptional(io.github.jwtextended.token.Jwt jwt) {
                return Map.of("present", jwt.isPresent());
            }
        }

        @RestController
        static class Routes {
            @PostMapping("/json")
            @JwtRequired
            Map<String, Object> json(@RequestBody Map<String, Object> body, @JwtIdentity String id, @CurrentUser String user) {
                Map<String, Object> out = new TreeMap<>();
                out.put("id", id);
                out.put("user", user);
                out.put("keys", new java.util.TreeSet<>(body.keySet()));
                return out;
            }
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> env, String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
        return new SpringApplicationBuilder(App.class).environment(environment)
                .properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off", "logging.level.root=warn",
                        "spring.jmx.enabled=false")
                .properties(properties).run();
    }

    private static String noDataSource() {
        return "spring.autoconfigure.exclude=org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
    }

    /**
     * Kebab-case, camelCase and flask's environment names all reach the core's settings; the
     * revocation store is in memory by default; callback beans are picked up; a JSON body the
     * verifier read is still bound by {@code @RequestBody}.
     */
    @Test
    void propertiesInEveryFormConfigureTheManager() throws Exception {
        try (ConfigurableApplicationContext ctx = start(
                Map.of("JWT_SECRET_KEY", SECRET, "JWT_ACCESS_TOKEN_EXPIRES", "120"),
                noDataSource(), "jwt.token-location=json,headers", "jwt.cookieSecure=true", "jwt.header_type=Token")) {
            JwtManager m = ctx.getBean(JwtManager.class);
            assertThat(m.config().tokenLocations()).containsExactly(TokenLocation.JSON, TokenLocation.HEADERS);
            assertThat(m.config().cookies().secure()).isTrue();
            assertThat(m.config().header().type()).isEqualTo("Token");
            assertThat(m.config().access().expires()).isEqualTo(Duration.ofSeconds(120));
            assertThat(ctx.getBean(RevocationStore.class)).isInstanceOf(InMemoryRevocationStore.class);

            int port = ConformanceApp.port(ctx);
            String token = m.createAccessToken("alice");
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"access_token\":\"" + token + "\",\"other\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo("{\"id\":\"alice\",\"keys\":[\"access_token\",\"other\"],\"user\":\"user:alice\"}");

            m.revoke(token);
            HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json"))
                    .header("Authorization", "Token " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        }
    }

    /**
     * With every pooled connection taken (as while the database hangs), a JDBC check fails within
     * {@code jwt.revocation.timeout}, not after the pool's own wait (HikariCP: 30 s by default).
     */
    @Test
    void aJdbcCheckFailsWithinTheTimeoutWhenThePoolHasNoConnection(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (ConfigurableApplicationContext ctx = start(Map.of(), "jwt.secret-key=" + SECRET, "jwt.revocation.store=jdbc",
                "jwt.revocation.timeout=200ms", "spring.datasource.url=" + url, "spring.datasource.hikari.maximum-pool-size=2")) {
            RevocationStore store = ctx.getBean(RevocationStore.class);
            assertThat(store.isRevoked("before")).isFalse();
            javax.sql.DataSource ds = ctx.getBean(javax.sql.DataSource.class);
            try (var c1 = ds.getConnection(); var c2 = ds.getConnection()) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> store.isRevoked("during"))
                        .isInstanceOf(io.github.jwtextended.revocation.RevocationStoreException.class);
                assertThat(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                        .as("ms until the check failed (timeout 200)").isLessThan(700);
            }
            Thread.sleep(300); // the abandoned check gets its connection and ends
            assertThat(store.isRevoked("after")).as("recovers when connections are free again").isFalse();
        }
    }

    /**
     * {@code jwt.revocation.near-cache=true}: checks from memory; another instance's revocation (a
     * second context on the same database) is seen within the staleness bound.
     */
    @Test
    void jdbcNearCacheSeesAnotherInstancesRevocationWithinTheBound(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        String[] props = {"jwt.secret-key=" + SECRET, "jwt.revocation.store=jdbc", "spring.datasource.url=" + url,
                "jwt.revocation.near-cache=true", "jwt.revocation.near-cache-staleness=200ms"};
        try (ConfigurableApplicationContext a = start(Map.of(), props); ConfigurableApplicationContext b = start(Map.of(), props)) {
            RevocationStore storeA = a.getBean(RevocationStore.class);
            assertThat(storeA).isInstanceOf(DeadlineRevocationStore.class);
            assertThat(storeA.nearCache()).as("the JDBC store's, through the deadline").hasValueSatisfying(
                    nearCache -> assertThat(nearCache.trusted()).as("loaded at start").isTrue());
            JwtManager ma = a.getBean(JwtManager.class);
            JwtManager mb = b.getBean(JwtManager.class);
            String token = ma.createAccessToken("carol");
            assertThat(ma.decodeToken(token).identityAsString()).isEqualTo("carol");
            mb.revoke(token);
            long start = System.nanoTime();
            while (!storeA.isRevoked(ma.decodeToken(token).jti())) {
                assertThat(System.nanoTime() - start).as("seen within the bound").isLessThan(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(200));
                Thread.sleep(5);
            }
        }
        try (ConfigurableApplicationContext bad = start(Map.of(), "jwt.secret-key=" + SECRET, "jwt.revocation.store=jdbc",
                "spring.datasource.url=" + url, "jwt.revocation.near-cache=true", "jwt.revocation.near-cache-staleness=1ms")) {
            org.assertj.core.api.Assertions.fail("a 1 ms staleness bound must stop the start");
        } catch (RuntimeException e) {
            assertThat(e).hasStackTraceContaining("jwt.revocation.near-cache-staleness must be at least 4ms");
        }
    }

    /** {@code jwt.revocation.store=jdbc} stores revocations through the application's DataSource. */
    @Test
    void jdbcStoreOnTheApplicationsDataSource(@TempDir Path dir) throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        try (ConfigurableApplicationContext ctx = start(Map.of(), "jwt.secret-key=" + SECRET, "jwt.revocation.store=jdbc",
                "spring.datasource.url=" + url)) {
            assertThat(ctx.getBean(RevocationStore.class)).isInstanceOfSatisfying(DeadlineRevocationStore.class, bounded -> {
                assertThat(bounded.toString()).startsWith("DeadlineRevocationStore[JdbcRevocationStore[");
                assertThat(bounded.rotation()).as("the JDBC store's capabilities").isPresent();
                assertThat(bounded.purge()).isPresent();
                assertThat(bounded.nearCache()).as("strict by default").isEmpty();
            });
            JwtManager m = ctx.getBean(JwtManager.class);
            String token = m.createAccessToken("bob");
            m.revoke(token);
            try (var c = java.sql.DriverManager.getConnection(url);
                 var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM revoked_tokens")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ConformanceApp.port(ctx) + "/json"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).isEqualTo("{\"msg\":\"Token has been revoked\"}");
        }
    }

    /** {@code @JwtRequired} on a class guards its methods; a method's own annotation replaces the class's. */
    @Test
    void classAnnotationsAndMethodOverrides() throws Exception {
        try (ConfigurableApplicationContext ctx = start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET,
                "jwt.token-location=cookies,headers")) {
            JwtManager m = ctx.getBean(JwtManager.class);
            String base = "http://127.0.0.1:" + ConformanceApp.port(ctx);
            String token = m.createAccessToken("carol");
            HttpResponse<String> header = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/class-guarded"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(header.body()).isEqualTo("{\"id\":\"carol\"}");
            HttpResponse<String> cookie = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/class-guarded"))
                    .header("Cookie", "access_token_cookie=" + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cookie.statusCode()).as("the class's locations: headers only").isEqualTo(401);
            assertThat(cookie.body()).isEqualTo("{\"msg\":\"Missing Authorization Header\"}");
            HttpResponse<String> optional = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/method-optional")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(optional.statusCode()).isEqualTo(200);
            assertThat(optional.body()).isEqualTo("{\"present\":false}");
        }
    }

    /**
     * A bad setting stops the start naming it as the application gave it: a property as the
     * property (whatever relaxed form it was written in), an environment variable as the variable,
     * a setting not given at all as its property.
     */
    @Test
    void aBadSettingStopsTheStartNamingItAsGiven() {
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.cookie-secure=maybe").close())
                .hasStackTraceContaining("jwt.cookie-secure must be true or false");
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.cookie_samesite=Relaxed").close())
                .hasStackTraceContaining("jwt.cookie-samesite must be Lax, Strict or None");
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.token-location=headers,body").close())
                .hasStackTraceContaining("jwt.token-location can only contain");
        assertThatThrownBy(() -> start(Map.of(), noDataSource()).close())
                .hasStackTraceContaining("jwt.secret-key must be set when using symmetric algorithm \"HS256\"");
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=short").close())
                .hasStackTraceContaining("jwt.secret-key is 5 bytes; HS256 needs at least 32 bytes");

        assertThatThrownBy(() -> start(Map.of("JWT_SECRET_KEY", SECRET, "JWT_COOKIE_SECURE", "maybe"), noDataSource()).close())
                .hasStackTraceContaining("JWT_COOKIE_SECURE must be true or false");
        assertThatThrownBy(() -> start(Map.of("JWT_SECRET_KEY", "short"), noDataSource()).close())
                .hasStackTraceContaining("JWT_SECRET_KEY is 5 bytes");
        assertThatThrownBy(() -> start(Map.of("JWT_SECRET_KEY", SECRET, "JWT_TOKEN_LOCATION", "body"), noDataSource()).close())
                .hasStackTraceContaining("JWT_TOKEN_LOCATION can only contain");
        // The environment variable wins over a property (Spring's precedence), and is named.
        assertThatThrownBy(() -> start(Map.of("JWT_SECRET_KEY", SECRET, "JWT_COOKIE_SAMESITE", "Relaxed"), noDataSource(),
                "jwt.cookie-samesite=Lax").close())
                .hasStackTraceContaining("JWT_COOKIE_SAMESITE must be Lax, Strict or None");
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=short").close())
                .satisfies(e -> assertThat(new JwtSettingsFailureAnalyzer().analyze(e).getDescription())
                        .isEqualTo("jwt-extended: jwt.secret-key is 5 bytes; HS256 needs at least 32 bytes (RFC 7518 section 3.2)."
                                + " Use a random key, e.g. 64 hex characters"));
    }

    /**
     * An unknown {@code jwt.*} key stops the start naming it, from properties and from the
     * environment alike (a misspelt setting must not be silently ignored); the starter's own keys
     * are accepted; JVM system properties, which other tools share, only warn.
     */
    @Test
    void unknownJwtKeysStopTheStart() {
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.cookie-secur=true").close())
                .hasStackTraceContaining("Unknown jwt-extended setting jwt.cookie-secur (JWT_COOKIE_SECUR)");
        assertThatThrownBy(() -> start(Map.of("JWT_SECRET_KEY", SECRET, "JWT_ACCESS_TOKEN_EXPIRE", "60"), noDataSource()).close())
                .hasStackTraceContaining("JWT_ACCESS_TOKEN_EXPIRE");
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.revocation.stor=jdbc").close())
                .hasStackTraceContaining("jwt.revocation.stor (JWT_REVOCATION_STOR)");
        try (ConfigurableApplicationContext ctx = start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET,
                "jwt.revocation.store=memory", "jwt.revocation.timeout=100ms", "jwt.redis.key-prefix=unused:")) {
            assertThat(ctx.getBean(JwtManager.class)).isNotNull();
        }
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET, "jwt.cookie-secur=true").close())
                .satisfies(e -> {
                    var analysis = new JwtSettingsFailureAnalyzer().analyze(e);
                    assertThat(analysis).as("reported without a stack trace").isNotNull();
                    assertThat(analysis.getDescription()).startsWith("jwt-extended: Unknown jwt-extended setting jwt.cookie-secur");
                });
        System.setProperty("jwt.some-other-tool", "x");
        try (ConfigurableApplicationContext ctx = start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET)) {
            assertThat(ctx.getBean(JwtManager.class)).as("system properties only warn").isNotNull();
        } finally {
            System.clearProperty("jwt.some-other-tool");
        }
    }

    @Test
    void relaxedNamesMapToFlaskNames() {
        assertThat(JwtSpringSettings.flaskName("secret-key")).isEqualTo("JWT_SECRET_KEY");
        assertThat(JwtSpringSettings.flaskName("secretKey")).isEqualTo("JWT_SECRET_KEY");
        assertThat(JwtSpringSettings.flaskName("secret.key")).isEqualTo("JWT_SECRET_KEY");
        assertThat(JwtSpringSettings.flaskName("access-csrf-header-name")).isEqualTo("JWT_ACCESS_CSRF_HEADER_NAME");
        // The core's mapping table names each setting's property; the starter reads every one of them back.
        for (Setting setting : Settings.all()) {
            assertThat(JwtSpringSettings.flaskName(setting.springName().substring("jwt.".length())))
                    .as(setting.springName()).isEqualTo(setting.flaskKey());
        }
    }

    /** The keys are read and checked with the other settings: a bad key stops the start as a bad setting does. */
    @Test
    void aKeyThatCannotBeReadStopsTheStartNamingIt(@TempDir Path dir) {
        assertThatThrownBy(() -> start(Map.of(), noDataSource(), "jwt.algorithm=ES256",
                "jwt.jwks-file=" + dir.resolve("missing.json")).close())
                .satisfies(e -> assertThat(new JwtSettingsFailureAnalyzer().analyze(e).getDescription())
                        .isEqualTo("jwt-extended: jwt.jwks-file cannot be read"));
    }
    /** The keys are read and checked once, at start: the manager signs and verifies with the very resolver the check made. */
    @Test
    void theManagerUsesTheKeysReadAtStart() {
        try (ConfigurableApplicationContext ctx = start(Map.of(), noDataSource(), "jwt.secret-key=" + SECRET)) {
            JwtSpringSettings.Keys keys = ctx.getBean(JwtSpringSettings.Keys.class);
            assertThat(keys.resolver()).isNotNull();
            assertThat(ctx.getBean(JwtManager.class).keyResolver()).isSameAs(keys.resolver());
        }
        // A remote JWKS is only checked at start (nothing to read): the manager makes its resolver on its own clock.
        try (ConfigurableApplicationContext ctx = start(Map.of(), noDataSource(), "jwt.algorithm=RS256",
                "jwt.jwks-url=https://issuer.example.test/.well-known/jwks.json")) {
            assertThat(ctx.getBean(JwtSpringSettings.Keys.class).resolver()).isNull();
            assertThat(ctx.getBean(JwtManager.class).keyResolver()).isNotNull();
        }
    }
}
