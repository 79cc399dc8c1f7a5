package io.github.jwtextended.jdbc;

import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.StoreWrapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC store's capabilities seen through every wrapper ({@link StoreWrapping}), on a real
 * SQLite file: rotation and purge act on the database, the near cache's state is the store's, and
 * closing the outermost wrapper stops the store's poll.
 */
class JdbcCapabilitiesThroughWrappersTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);
    static Path dir;
    static SQLiteDataSource dataSource;

    private final MutableClock clock = new MutableClock(T0);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<RevocationStore> opened = new ArrayList<>();

    @BeforeAll
    static void open() throws Exception {
        dir = Files.createTempDirectory("jwt-jdbc-capabilities");
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(5000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("revocations.db"));
        JdbcRevocationStore.builder(dataSource).build().createTable();
    }

    @AfterAll
    static void delete() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @AfterEach
    void closeAll() {
        opened.forEach(RevocationStore::close);
    }

    private String id(String name) {
        return name + "-" + run;
    }

    private JdbcRevocationStore jdbc(Duration nearCache) {
        JdbcRevocationStore s = JdbcRevocationStore.builder(dataSource).clock(clock).nearCache(nearCache).build();
        opened.add(s);
        return s;
    }

    private RevocationStore wrapped(StoreWrapping wrapping, RevocationStore store) {
        RevocationStore s = wrapping.around(store);
        opened.add(s);
        return s;
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void rotationThroughTheWrapperIsTheDatabases(StoreWrapping wrapping) {
        RevocationStore store = wrapped(wrapping, jdbc(null));
        RefreshRotation rotation = store.rotation().orElseThrow();
        String fam = id("fam");
        Instant keep = T0.plusSeconds(3600);
        assertThat(rotation.rotate(fam, id("r0"), id("r1"), keep, Duration.ZERO).result()).isEqualTo(RotationResult.ROTATED);
        JdbcRevocationStore direct = jdbc(null);
        assertThat(direct.rotation().orElseThrow().rotate(fam, id("r0"), id("x"), keep, Duration.ZERO).result())
                .as("the row the wrapper's rotation wrote").isEqualTo(RotationResult.REUSE);
        RevocationCheck ofFamily = RevocationCheck.of(id("r1"), null, T0, T0.plusSeconds(900), fam);
        assertThat(store.isRevoked(ofFamily)).isTrue();
        rotation.revokeFamily(id("other"), keep);
        assertThat(direct.isRevoked(RevocationCheck.of(null, null, T0, null, id("other")))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void purgeThroughTheWrapperDeletesTheDatabasesExpiredRows(StoreWrapping wrapping) {
        JdbcRevocationStore direct = jdbc(null);
        direct.purgeExpired();
        RevocationStore store = wrapped(wrapping, jdbc(null));
        store.revoke(id("short"), T0.plusSeconds(10));
        store.revoke(id("long"), T0.plusSeconds(100));
        store.revokeAllIssuedBefore(id("kim"), T0, T0.plusSeconds(10));
        store.rotation().orElseThrow().revokeFamily(id("fam"), T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.purge().orElseThrow().purgeExpired()).isEqualTo(3);
        assertThat(direct.purgeExpired()).as("nothing left to purge").isZero();
        assertThat(direct.isRevoked(id("long"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void aStrictStoreHasNoNearCacheWrapped(StoreWrapping wrapping) {
        assertThat(wrapped(wrapping, jdbc(null)).nearCache()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void theNearCacheIsVisibleThroughTheWrapperAndClosingTheWrapperStopsIt(StoreWrapping wrapping) {
        JdbcRevocationStore jdbc = jdbc(Duration.ofMillis(200));
        RevocationStore store = wrapping.around(jdbc);
        NearCache nearCache = store.nearCache().orElseThrow();
        assertThat(nearCache.trusted()).as("loaded when built").isTrue();
        store.revoke(id("own"), T0.plusSeconds(60));
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("own")))).isTrue();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("never")))).isFalse();
        assertThat(store.isRevoked(id("own"))).isTrue();

        store.close();
        assertThat(nearCache.trusted()).as("closing the wrapper closed the store's near cache").isFalse();
        assertThat(jdbc.nearCache().orElseThrow().trusted()).isFalse();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti(id("own")))).isNull();
        assertThat(jdbc.isRevoked(id("own"))).as("the store itself then asks the database").isTrue();
    }
}
