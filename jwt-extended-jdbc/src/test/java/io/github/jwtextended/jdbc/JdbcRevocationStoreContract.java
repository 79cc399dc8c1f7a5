package io.github.jwtextended.jdbc;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RefreshRotationContract;
import io.github.jwtextended.revocation.RevocationStoreContract;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared {@link RevocationStoreContract} and {@link RefreshRotationContract} plus what is particular to SQL; subclasses bring the
 * database.
 */
abstract class JdbcRevocationStoreContract extends RefreshRotationContract {
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

    @Override
    protected RevocationStore newStore() {
        return store();
    }

    @Override
    protected boolean persistent() {
        return true;
    }

    @Override
    protected RevocationStore secondInstance() {
        return JdbcRevocationStore.builder(dataSource()).table(table()).clock(clock).build();
    }

    @Override
    protected RevocationStore unreachableStore() {
        return JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect()).table(table()).clock(clock).build();
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
        s.revoke(id("idempotent"), T0.plusSeconds(60));
        assertThat(s.isRevoked(id("idempotent"))).isTrue();
    }

    @Test
    void purgeDeletesOnlyExpiredRowsOfBothTables() {
        JdbcRevocationStore s = store();
        s.purgeExpired();
        s.revoke(id("p1"), T0.plusSeconds(10));
        s.revoke(id("p2"), T0.plusSeconds(20));
        s.revoke(id("p3"), T0.plusSeconds(30));
        s.revokeAllIssuedBefore(id("u1"), T0, T0.plusSeconds(15));
        s.revokeAllIssuedBefore(id("u2"), T0, T0.plusSeconds(40));
        s.revoke(id("forever"), null);
        s.revokeFamily(id("f1"), T0.plusSeconds(12));
        clock.advance(Duration.ofSeconds(25));
        assertThat(s.purgeExpired()).isGreaterThanOrEqualTo(4);
        assertThat(s.isRevoked(id("p3"))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(null, id("u2"), T0, null))).isTrue();
        assertThat(s.purgeExpired()).isZero();
        clock.advance(Duration.ofDays(365L * 100));
        assertThat(s.purgeExpired()).isGreaterThanOrEqualTo(2);
        assertThat(s.isRevoked(id("forever"))).as("purging a century later keeps it").isTrue();
    }

    @Test
    void sqlInIdsIsDataAndTheTablesStay() {
        JdbcRevocationStore s = store();
        String hostile = "x' OR '1'='1'; DROP TABLE " + table() + "; --";
        s.revoke(hostile, T0.plusSeconds(60));
        s.revokeAllIssuedBefore(hostile, T0, T0.plusSeconds(60));
        assertThat(s.isRevoked("' OR 1=1 --")).isFalse();
        s.revoke(id("after"), T0.plusSeconds(60));
        assertThat(s.isRevoked(id("after"))).as("the table is still there").isTrue();
    }

    @Test
    void overlongIdsAreRefusedAndNeverRevokedOverlongIdentitiesAreHashed() {
        JdbcRevocationStore s = store();
        String max = "j".repeat(JdbcRevocationStore.MAX_JTI_LENGTH - 8) + id("").substring(1);
        s.revoke(max, T0.plusSeconds(60));
        assertThat(s.isRevoked(max)).isTrue();
        String tooLong = max + "j";
        assertThatThrownBy(() -> s.revoke(tooLong, T0.plusSeconds(60))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.isRevoked(tooLong)).isFalse();
        String longIdentity = "i".repeat(1000) + id("long");
        s.revokeAllIssuedBefore(longIdentity, T0, T0.plusSeconds(60));
        assertThat(s.isRevoked(RevocationCheck.of(null, longIdentity, T0, null))).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(null, longIdentity + "x", T0, null))).isFalse();
    }

    @Test
    void theManagerAnswers503WhenTheStoreIsDown() {
        JwtConfig config = JwtConfig.builder().secretKey("test-only-secret-key-that-is-long-enough-0123456789").build();
        JwtManager working = JwtManager.builder(config).revocationStore(store()).build();
        String token = working.createAccessToken("alice");
        assertThat(working.verifyRequest(FakeRequest.get().bearer(token), Guard.required()).identity()).isEqualTo("alice");
        working.revoke(working.decodeToken(token));

        JdbcRevocationStore broken = JdbcRevocationStore.builder(brokenDataSource()).dialect(expectedDialect()).table(table()).build();
        JwtManager down = JwtManager.builder(config).revocationStore(broken).build();
        assertThatThrownBy(() -> down.verifyRequest(FakeRequest.get().bearer(token), Guard.required())).isInstanceOfSatisfying(
                StoreUnavailableException.class, e -> {
                    ErrorResponse r = down.errorResponse(e);
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(e.getCause()).as("the outage is kept for the log").isInstanceOf(RevocationStoreException.class);
                });
        Jwt decoded = down.decodeToken(token);
        assertThatThrownBy(() -> down.revoke(decoded)).isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> down.revokeAllFor("alice")).isInstanceOf(StoreUnavailableException.class);
    }
}
