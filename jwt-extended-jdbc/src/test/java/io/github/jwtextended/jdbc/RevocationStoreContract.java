package io.github.jwtextended.jdbc;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every database must do for {@link JdbcRevocationStore}; subclasses bring the database. */
abstract class RevocationStoreContract {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    final MutableClock clock = new MutableClock(T0);

    /** A reachable database, isolated for this test class. */
    abstract DataSource dataSource();

    /** The table name to use (possibly schema-qualified). */
    abstract String table();

    /** A data source whose connections always fail. */
    abstract DataSource brokenDataSource();

    abstract SqlDialect expectedDialect();

    JdbcRevocationStore store() {
        JdbcRevocationStore s = JdbcRevocationStore.builder(dataSource()).table(table()).clock(clock).build();
        s.createTable();
        return s;
    }

    @Test
    void detectsTheDialectFromMetadata() {
        assertThat(store().dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void createTableIsIdempotent() {
        JdbcRevocationStore s = store();
        s.createTable();
        s.createTable();
        s.revoke("idempotent", T0.plusSeconds(60));
        assertThat(s.isRevoked("idempotent")).isTrue();
    }

    @Test
    void revokedIdsAreRevokedOthersAreNot() {
        JdbcRevocationStore s = store();
        s.revoke("a-jti", T0.plusSeconds(60));
        assertThat(s.isRevoked("a-jti")).isTrue();
        assertThat(s.isRevoked("another-jti")).isFalse();
        assertThat(s.isRevoked(null)).isFalse();
    }

    @Test
    void expiredRowsAreIgnoredBeforeAnyPurge() {
        JdbcRevocationStore s = store();
        s.revoke("short", T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(9));
        assertThat(s.isRevoked("short")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(s.isRevoked("short")).as("expiry is exclusive: at exp the token is dead anyway").isFalse();
    }

    @Test
    void upsertKeepsTheLaterExpiry() {
        JdbcRevocationStore s = store();
        s.revoke("twice", T0.plusSeconds(100));
        s.revoke("twice", T0.plusSeconds(50));
        clock.advance(Duration.ofSeconds(70));
        assertThat(s.isRevoked("twice")).as("an earlier expiry must not shorten the revocation").isTrue();
        s.revoke("twice", T0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(100));
        assertThat(s.isRevoked("twice")).as("a later expiry extends it").isTrue();
        clock.advance(Duration.ofSeconds(200));
        assertThat(s.isRevoked("twice")).isFalse();
    }

    @Test
    void nullUntilMeansForever() {
        JdbcRevocationStore s = store();
        s.revoke("forever", null);
        s.revoke("forever", T0.plusSeconds(1));
        clock.advance(Duration.ofDays(365L * 100));
        assertThat(s.isRevoked("forever")).isTrue();
        s.purgeExpired();
        assertThat(s.isRevoked("forever")).as("purging a century later keeps it").isTrue();
    }

    @Test
    void purgeDeletesOnlyExpiredRows() {
        JdbcRevocationStore s = store();
        s.purgeExpired();
        s.revoke("p1", T0.plusSeconds(10));
        s.revoke("p2", T0.plusSeconds(20));
        s.revoke("p3", T0.plusSeconds(30));
        clock.advance(Duration.ofSeconds(25));
        int purged = s.purgeExpired();
        assertThat(purged).isGreaterThanOrEqualTo(2);
        assertThat(s.isRevoked("p3")).isTrue();
        assertThat(s.purgeExpired()).isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(s.purgeExpired()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void hostileIdsAreDataNotSql() {
        JdbcRevocationStore s = store();
        String hostile = "x' OR '1'='1'; DROP TABLE " + table() + "; --";
        s.revoke(hostile, T0.plusSeconds(60));
        assertThat(s.isRevoked(hostile)).isTrue();
        assertThat(s.isRevoked("x' OR '1'='1")).isFalse();
        assertThat(s.isRevoked("' OR 1=1 --")).isFalse();
        s.revoke("after", T0.plusSeconds(60));
        assertThat(s.isRevoked("after")).as("the table is still there").isTrue();
        String unicode = "jti-\u00e9\u4e2d\ud83d\ude00";
        s.revoke(unicode, T0.plusSeconds(60));
        assertThat(s.isRevoked(unicode)).isTrue();
    }

    @Test
    void overlongIdsAreRefusedAndNeverRevoked() {
        JdbcRevocationStore s = store();
        String max = "j".repeat(JdbcRevocationStore.MAX_JTI_LENGTH);
        s.revoke(max, T0.plusSeconds(60));
        assertThat(s.isRevoked(max)).isTrue();
        String tooLong = max + "j";
        assertThatThrownBy(() -> s.revoke(tooLong, T0.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.isRevoked(tooLong)).isFalse();
    }

    @Test
    void concurrentRevocationsOfOneIdAllSucceed() throws Exception {
        JdbcRevocationStore s = store();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long until = 100 + i;
                String jti = i % 2 == 0 ? "shared" : "own-" + i;
                tasks.add(() -> {
                    s.revoke(jti, T0.plusSeconds(until));
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        clock.advance(Duration.ofSeconds(137));
        assertThat(s.isRevoked("shared")).as("the latest expiry (138 s) won").isTrue();
        assertThat(s.isRevoked("own-39")).isTrue();
    }

    @Test
    void anOutageIsAnExceptionNeverNotRevoked() {
        JdbcRevocationStore s = JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect())
                .table(table()).clock(clock).build();
        assertThatThrownBy(() -> s.isRevoked("any")).isInstanceOf(RevocationStoreException.class)
                .hasMessage("JDBC revocation store could not read the revocation status");
        assertThatThrownBy(() -> s.revoke("any", T0)).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(s::purgeExpired).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> JdbcRevocationStore.builder(brokenDataSource()).build())
                .isInstanceOf(RevocationStoreException.class);
    }

    @Test
    void theManagerAnswers503WhenTheStoreIsDown() {
        JwtConfig config = JwtConfig.builder().secretKey("test-only-secret-key-that-is-long-enough-0123456789").build();
        JwtManager working = JwtManager.builder(config).revocationStore(store()).build();
        String token = working.createAccessToken("alice");
        JwtRequest request = bearer(token);
        assertThat(working.verifyRequest(request, Guard.required()).identity()).isEqualTo("alice");
        working.revoke(working.decodeToken(token));

        JdbcRevocationStore broken = JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect()).table(table()).build();
        JwtManager down = JwtManager.builder(config).revocationStore(broken).build();
        assertThatThrownBy(() -> down.verifyRequest(request, Guard.required())).isInstanceOfSatisfying(
                StoreUnavailableException.class, e -> {
                    ErrorResponse r = down.errorResponse(e);
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(e.getCause()).as("the outage is kept for the log").isInstanceOf(RevocationStoreException.class);
                });
        Jwt decoded = down.decodeToken(token);
        assertThatThrownBy(() -> down.revoke(decoded)).isInstanceOf(StoreUnavailableException.class);
    }

    static JwtRequest bearer(String token) {
        return new JwtRequest() {
            @Override public String method() { return "GET"; }
            @Override public List<String> headers(String name) {
                return name.equalsIgnoreCase("Authorization") ? List.of("Bearer " + token) : List.of();
            }
            @Override public String cookie(String name) { return null; }
            @Override public List<String> queryParams(String name) { return List.of(); }
            @Override public String contentType() { return null; }
            @Override public byte[] body(int limit) { return new byte[0]; }
            @Override public String formParam(String name) { return null; }
        };
    }
}
