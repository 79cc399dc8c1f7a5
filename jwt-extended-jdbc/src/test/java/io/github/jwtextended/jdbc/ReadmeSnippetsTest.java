package io.github.jwtextended.jdbc;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.ReadmeSnippets;
import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.jdbc.readme.PostgresRevocations;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The README's code is {@code readme/PostgresRevocations.java}, imports included, and does on a
 * real PostgreSQL what the README says: tables created, a revocation refused, expired rows purged,
 * and every check bounded by the timeout while the database hangs.
 */
class ReadmeSnippetsTest {
    private static final Path SOURCE = Path.of("src/test/java/io/github/jwtextended/jdbc/readme/PostgresRevocations.java");

    @Test
    void theReadmesCodeIsCompiled() {
        ReadmeSnippets.assertCompiled(Path.of("README.md"), Map.of("jdbc-postgres", SOURCE));
    }

    @Test
    void theReadmesCodeWorksOnPostgres() throws Exception {
        PGSimpleDataSource admin = PostgresTestSupport.dataSourceOrSkip();
        Matcher m = Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(PostgresTestSupport.url());
        Assumptions.assumeTrue(m.find(), "a jdbc:postgresql://host:port/ URL");
        String schema = "jwt_readme_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try (TcpProxy proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))) {
            String url = PostgresTestSupport.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/")
                    + (PostgresTestSupport.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
            try (PostgresRevocations revocations = new PostgresRevocations(TestKeys.config().build(), url)) {
                assertThat(tables(admin, schema)).as("createTable()").contains("revoked_tokens", "revoked_identities", "refresh_families");
                JwtManager jwt = revocations.jwt();
                String token = jwt.createAccessToken("alice");
                Jwt verified = jwt.verifyRequest(FakeRequest.get().bearer(token), Guard.required());
                jwt.revoke(verified);
                assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(token), Guard.required()))
                        .isInstanceOf(RevokedTokenException.class);

                Jwt shortLived = jwt.revoke(jwt.createAccessToken("carol", TokenOptions.defaults().withExpiresIn(Duration.ofSeconds(1))));
                Thread.sleep(Math.max(0, Duration.between(Instant.now(), shortLived.expiresAt().plusMillis(50)).toMillis()));
                assertThat(revocations.purgeExpired()).as("the expired token's row only").isEqualTo(1);
                assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(token), Guard.required()))
                        .isInstanceOf(RevokedTokenException.class);

                String live = jwt.createAccessToken("bob");
                proxy.freeze();
                for (int i = 0; i < 3; i++) {
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(live), Guard.required()))
                            .isInstanceOf(StoreUnavailableException.class);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertThat(ms).as("check %d while the database hangs: the 250 ms deadline, plus scheduling", i).isLessThan(750);
                }
                proxy.restore();
            }
        } finally {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static java.util.List<String> tables(PGSimpleDataSource admin, String schema) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = admin.getConnection(); ResultSet rs = c.getMetaData().getTables(null, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }
}
