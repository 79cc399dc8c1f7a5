package io.github.jwtextended.example;

import io.github.jwtextended.example.PostgresServerProcess.Shutdown;
import io.github.jwtextended.example.chaos.CapturedOutput;
import io.github.jwtextended.example.chaos.Call;
import io.github.jwtextended.example.chaos.ChaosRun;
import io.github.jwtextended.example.chaos.Deployment;
import io.github.jwtextended.example.chaos.Figures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos test on PostgreSQL: three example servers with their revocations in one PostgreSQL
 * (the JDBC store, strict or with its near cache, default settings), the {@link ChaosRun}'s load,
 * and the database stopped mid-run (a fast shutdown, or {@code immediate}: a crash), kept down 3 s,
 * then started again on the same port and data folder. The database is the test's own
 * ({@link PostgresServerProcess}), never the machine's shared one. Besides the run's own rules (no
 * token accepted once its logout was acknowledged before the request began, with the near cache
 * beyond its 1 s staleness bound on another instance; only 200, 401 and 503; 503s that stop by
 * themselves once the pool reconnects, nothing restarted), it asserts that while the database is
 * down no request is accepted (strict: from the moment it stopped; near cache: once its copy is
 * older than the bound), that the restarted database holds every acknowledged revocation, and
 * that the servers' log meanwhile holds no stack trace and no driver or pool class name. It prints
 * the figures {@code jwt-extended-jdbc/README.md} reports.
 */
class PostgresRestartChaosTest {
    static final long DOWN_MS = 3000;
    /** The near cache's {@code REVOCATION_NEAR_CACHE_STALENESS_MS} (its default), the bound the ledger allows it. */
    static final long STALENESS_NANOS = 1_000_000_000L;
    static PostgresServerProcess postgres;
    static int databases;
    final Path dir = TestServers.tempDir("jwt-example-pg-chaos");
    final ChaosRun chaos = new ChaosRun(dir);

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = new PostgresServerProcess();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void clean() {
        chaos.close();
        TestServers.delete(dir);
    }

    /** Strict and near cache, through a fast shutdown and through a crash: each run stops the database once. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "'PostgreSQL fast restart, strict', false, FAST",
            "'PostgreSQL fast restart, near cache', true, FAST",
            "'PostgreSQL crash (immediate) and restart, strict', false, IMMEDIATE",
            "'PostgreSQL crash (immediate) and restart, near cache', true, IMMEDIATE"})
    void noAcknowledgedRevocationIsLostAndTheServersRecoverByThemselves(String setup, boolean nearCache, Shutdown mode)
            throws Exception {
        run(setup, nearCache, mode);
    }

    void run(String setup, boolean nearCache, Shutdown mode) throws Exception {
        postgres.ensureRunning(); // a failed run may have left it down
        String database = "chaos_" + ++databases;
        postgres.createDatabase(database);
        Restarted deployment = new Restarted(database, mode);
        Figures f;
        String log;
        try (CapturedOutput out = new CapturedOutput()) {
            f = chaos.run(setup, nearCache, STALENESS_NANOS, deployment);
            log = out.text();
        }
        List<Call> calls = chaos.protectedCalls();
        long last503 = calls.stream().filter(c -> c.status() == 503).mapToLong(Call::end).max().orElseThrow();
        System.out.printf(Locale.ROOT, "chaos: %s: stop took %d ms, down %d ms, start took %d ms, last 503 %d ms after the"
                        + " database accepted connections again; %d 503s before the stop%n", setup,
                (deployment.downFrom - deployment.stopBegan) / 1_000_000, (deployment.downTo - deployment.downFrom) / 1_000_000,
                (deployment.upAt - deployment.downTo) / 1_000_000, (last503 - deployment.upAt) / 1_000_000,
                calls.stream().filter(c -> c.status() == 503 && c.end() < deployment.stopBegan).count());

        assertThat(f.lostAcked()).as("PostgreSQL is durable: no acknowledged revocation lost").isZero();
        if (!nearCache) {
            assertThat(f.acceptedWithinBound()).as("strict: every check asks the database").isZero();
        }
        long trustedUntil = deployment.downFrom + (nearCache ? STALENESS_NANOS : 0);
        List<Call> acceptedWhileDown = calls.stream()
                .filter(c -> c.status() == 200 && c.start() >= trustedUntil && c.end() <= deployment.downTo).toList();
        assertThat(acceptedWhileDown).as("nothing accepted while the database is down (beyond the near cache's bound)").isEmpty();
        assertThat(calls.stream().filter(c -> c.start() >= trustedUntil && c.end() <= deployment.downTo))
                .as("requests while the database is down").isNotEmpty();
        // The pool's reports of broken connections: one line each, no driver class, no stack trace.
        for (String forbidden : List.of("Exception", "\tat ", "Caused by", ".java:", "org.postgresql", "com.zaxxer")) {
            assertThat(log).as("the servers' log during the restart holds no '%s'", forbidden).doesNotContain(forbidden);
        }
        assertThat(log).as("the outage is logged").contains("temporarily unavailable");
    }

    /** The test's PostgreSQL, stopped for {@link #DOWN_MS} and started again; lost: acknowledged jtis without their row. */
    static final class Restarted implements Deployment {
        final String database;
        final Shutdown mode;
        volatile long stopBegan;
        volatile long downFrom;
        volatile long downTo;
        volatile long upAt;

        Restarted(String database, Shutdown mode) {
            this.database = database;
            this.mode = mode;
        }

        @Override
        public Map<String, String> serverEnv() {
            return Deployment.databaseEnv(postgres.jdbcUrl(database), Duration.ofNanos(STALENESS_NANOS));
        }

        @Override
        public void injectFault() throws Exception {
            stopBegan = System.nanoTime();
            postgres.stop(mode);
            downFrom = System.nanoTime();
        }

        @Override
        public void awaitRecovery(Duration timeout) throws Exception {
            Thread.sleep(DOWN_MS);
            downTo = System.nanoTime();
            postgres.start();
            upAt = System.nanoTime();
        }

        @Override
        public long lost(Collection<String> acknowledgedJtis) throws Exception {
            Set<String> rows = new HashSet<>();
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl(database)); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT jti FROM revoked_tokens")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return acknowledgedJtis.stream().filter(jti -> !rows.contains(jti)).count();
        }
    }
}
