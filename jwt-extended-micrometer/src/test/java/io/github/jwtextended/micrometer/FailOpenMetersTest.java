package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BiFunction;

import static io.github.jwtextended.micrometer.MeteredRevocationStore.FAILURES;
import static io.github.jwtextended.micrometer.MeteredRevocationStore.FAIL_OPEN;
import static io.github.jwtextended.micrometer.MeteredRevocationStore.LATENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A revocation-store outage absorbed by {@link FailOpenRevocationStore} shows in the meters: the
 * check answered open in {@value MeteredRevocationStore#FAIL_OPEN}, its failure in
 * {@value MeteredRevocationStore#FAILURES} by cause, whichever side of the fail-open wrapper the
 * metered one is on. The store is the real JDBC one on SQLite, its database locked by another
 * connection (the check gives up after the busy timeout); the manager is real.
 */
class FailOpenMetersTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private double failures() {
        return registry.get(FAILURES).tag("operation", "check").counters().stream().mapToDouble(Counter::count).sum();
    }

    private double failOpen() {
        return registry.get(FAIL_OPEN).counter().count();
    }

    private long checks() {
        return registry.get(LATENCY).tag("operation", "check").timer().count();
    }

    /** The manager on a SQLite store wrapped by {@code wrap}, through a lock of its database. */
    private void throughALock(Path dir, BiFunction<RevocationStore, SimpleMeterRegistry, RevocationStore> wrap, boolean failsOpen)
            throws Exception {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(50);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve("revocations.db"));
        try (JdbcRevocationStore sqlite = JdbcRevocationStore.builder(ds).queryTimeout(Duration.ofSeconds(1)).build();
             Connection locker = ds.getConnection(); Statement lock = locker.createStatement()) {
            sqlite.createTable();
            JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(wrap.apply(sqlite, registry)).build();
            String revoked = jwt.createAccessToken("kim");
            jwt.revoke(jwt.decodeToken(revoked));
            String good = jwt.createAccessToken("kim");
            assertThat(failOpen()).as("registered at zero").isZero();

            lock.execute("BEGIN EXCLUSIVE");
            if (failsOpen) {
                assertThat(jwt.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()).identity())
                        .as("fail open: the revoked token is accepted").isEqualTo("kim");
                jwt.verifyRequest(FakeRequest.get().bearer(good), Guard.required());
                assertThat(failOpen()).isEqualTo(2);
            } else {
                assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(good), Guard.required()))
                        .isInstanceOf(StoreUnavailableException.class);
                assertThat(failOpen()).isZero();
            }
            assertThat(failures()).as("each failed check counted once").isEqualTo(2);
            assertThat(registry.get(FAILURES).tags("operation", "check", "cause", "error").counter().count())
                    .as("SQLITE_BUSY: an error of the store").isEqualTo(2);
            assertThat(checks()).isEqualTo(2);

            lock.execute("ROLLBACK");
            assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()))
                    .as("the store answers again: revoked").hasMessageContaining("revoked");
            assertThat(failOpen()).isEqualTo(failsOpen ? 2 : 0);
            assertThat(failures()).isEqualTo(2);
            assertThat(checks()).isEqualTo(3);
        }
    }

    @Test
    void meteredAroundTheFailOpenWrapper(@TempDir Path dir) throws Exception {
        throughALock(dir, (store, r) -> new MeteredRevocationStore(new FailOpenRevocationStore(store), r), true);
    }

    @Test
    void meteredInsideTheFailOpenWrapper(@TempDir Path dir) throws Exception {
        throughALock(dir, (store, r) -> new FailOpenRevocationStore(new MeteredRevocationStore(store, r)), true);
    }

    @Test
    void meteredAroundAnObservedFailOpenStoreAsTheStarterBuildsIt(@TempDir Path dir) throws Exception {
        throughALock(dir, (store, r) -> new MeteredRevocationStore(
                new ObservedRevocationStore(new FailOpenRevocationStore(store), io.micrometer.observation.ObservationRegistry.create()), r), true);
    }

    @Test
    void withoutFailOpenEveryFailedCheckIsA503AndNothingIsAnsweredOpen(@TempDir Path dir) throws Exception {
        throughALock(dir, (store, r) -> new MeteredRevocationStore(store, r), false);
    }
}
