package io.github.jwtextended.jdbc.readme;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.jdbc.JdbcRevocationStore;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The manager and its PostgreSQL store: made once at startup, closed at shutdown. */
public final class PostgresRevocations implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRevocations.class);
    private static final Duration CHECK_TIMEOUT = Duration.ofMillis(250);   // a check that takes longer answers 503

    private final HikariDataSource pool;
    private final JdbcRevocationStore store;
    private final DeadlineRevocationStore checks;
    private final JwtManager jwt;
    private final ScheduledExecutorService purger = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "revocation-purge");
        thread.setDaemon(true);
        return thread;
    });

    public PostgresRevocations(JwtConfig config, String jdbcUrl) {   // jdbc:postgresql://db.internal:5432/app?user=app
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setMaximumPoolSize(10);
        hikari.setConnectionTimeout(250);           // the longest a request waits for a free connection
        hikari.setValidationTimeout(250);           // and for an idle one to be checked first
        pool = new HikariDataSource(hikari);        // fails when the database cannot be reached

        store = JdbcRevocationStore.builder(pool)
                .checkTimeout(CHECK_TIMEOUT)        // bounds the check's query on the network
                .build();                           // reads the SQL dialect from the database
        store.createTable();                        // the three tables and their indexes, when missing
        checks = new DeadlineRevocationStore(store, CHECK_TIMEOUT, 10);   // bounds the whole check, the pool's wait included
        jwt = JwtManager.builder(config).revocationStore(checks).build();
        purger.scheduleWithFixedDelay(this::purgeExpired, 1, 60, TimeUnit.MINUTES);
    }

    public JwtManager jwt() {
        return jwt;
    }

    /** Deletes the rows of tokens that have expired (they only take space); run every hour. */
    public int purgeExpired() {
        try {
            return store.purgeExpired();
        } catch (RuntimeException e) {
            LOG.warn("purging expired revocations failed, retried within the hour: {}", e.getMessage());
            return 0;
        }
    }

    @Override
    public void close() {
        purger.shutdownNow();
        checks.close();                             // its threads, and the store
        pool.close();
    }
}
