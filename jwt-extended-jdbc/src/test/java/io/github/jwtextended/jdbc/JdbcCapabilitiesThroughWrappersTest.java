package io.github.jwtextended.jdbc;

import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.revocation.CapabilitiesThroughWrappersContract;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.StoreWrapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store's capabilities seen through every wrapper ({@link StoreWrapping}), on a real
 * SQLite file: the shared contract, and purge acts on the database; closing the outermost wrapper
 * stops the store's poll and the store then asks the database.
 */
class JdbcCapabilitiesThroughWrappersTest extends CapabilitiesThroughWrappersContract {
    private static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);
    @TempDir
    static Path dir;
    static SQLiteDataSource dataSource;

    private final MutableClock clock = new MutableClock(T0);

    @BeforeAll
    static void open() {
        dataSource = SqliteTestSupport.dataSource(dir.resolve("revocations.db"));
        JdbcRevocationStore.builder(dataSource).build().createTable();
    }

    @Override
    protected JdbcRevocationStore newStore(boolean nearCache) {
        return JdbcRevocationStore.builder(dataSource).clock(clock).nearCache(nearCache ? Duration.ofSeconds(10) : null).build(); // a bound no loaded machine reaches: this test is about capabilities, not timing
    }

    @Override
    protected Instant now() {
        return clock.instant();
    }

    @Override
    protected void assertClosed(RevocationStore store, String jti) {
        assertThat(store.isRevoked(jti)).as("the store itself then asks the database").isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void purgeThroughTheWrapperDeletesTheDatabasesExpiredRows(StoreWrapping wrapping) {
        RevocationStore direct = store(false);
        direct.purge().orElseThrow().purgeExpired();
        RevocationStore store = wrapped(wrapping, store(false));
        store.revoke(id("short"), T0.plusSeconds(10));
        store.revoke(id("long"), T0.plusSeconds(100));
        store.revokeAllIssuedBefore(id("kim"), T0, T0.plusSeconds(10));
        store.rotation().orElseThrow().revokeFamily(id("fam"), T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.purge().orElseThrow().purgeExpired()).isEqualTo(3);
        assertThat(direct.purge().orElseThrow().purgeExpired()).as("nothing left to purge").isZero();
        assertThat(direct.isRevoked(id("long"))).isTrue();
    }
}
