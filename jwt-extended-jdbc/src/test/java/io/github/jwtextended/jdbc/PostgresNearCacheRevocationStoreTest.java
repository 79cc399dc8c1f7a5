package io.github.jwtextended.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.jwtextended.fixtures.TcpProxy;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStoreException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole PostgreSQL contract again with the near cache on (two instances share revocations
 * through the poll), plus the near-cache tests of the contract and an outage.
 */
class PostgresNearCacheRevocationStoreTest extends PostgresRevocationStoreTest {
    @Override
    Duration nearCacheStaleness() {
        return Duration.ofMillis(200);
    }

    /**
     * The database stops answering: the copy is trusted until the bound has passed since the last
     * poll that succeeded, then every check goes to the database and fails closed; when it answers
     * again the cache catches up with what was written meanwhile (by another instance) and is
     * trusted again.
     */
    @Test
    void aDatabaseThatStopsAnsweringEndsTheTrustWithinTheBoundThenChecksFailClosed() throws Exception {
        Matcher m = Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(PostgresTestSupport.url());
        Assumptions.assumeTrue(m.find(), "a jdbc:postgresql://host:port/ URL");
        try (TcpProxy proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)))) {
            HikariConfig hc = new HikariConfig();
            hc.setJdbcUrl(PostgresTestSupport.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/"));
            hc.setConnectionTimeout(250);
            hc.setValidationTimeout(250);
            hc.setMaximumPoolSize(3);
            try (HikariDataSource pool = new HikariDataSource(hc)) {
                JdbcRevocationStore s = build(JdbcRevocationStore.builder(pool).queryTimeout(Duration.ofSeconds(1)));
                s.createTable();
                s.revoke(id("before"), T0.plusSeconds(60));
                assertThat(trusted(s)).isTrue();
                JdbcRevocationStore other = JdbcRevocationStore.builder(dataSource).table(table()).clock(clock).build();

                proxy.freeze();
                long frozen = System.nanoTime();
                // While trusted the copy answers (from memory): asked in one step, since trust may end between
                // a "trusted?" and a check, which would then go to the frozen database.
                RevocationCheck before = RevocationCheck.ofJti(id("before"));
                Boolean fromMemory;
                while ((fromMemory = s.nearCache().orElseThrow().cachedAnswer(before)) != null) {
                    assertThat(fromMemory).isTrue();
                    Thread.sleep(1);
                }
                long untrustedAfter = (System.nanoTime() - frozen) / 1_000_000;
                System.out.println("near cache: database frozen, trusted for " + untrustedAfter + " ms more");
                assertThat(untrustedAfter).as("trust ends within the bound").isLessThan(nearCacheStaleness().toMillis() + 100);
                other.revoke(id("during"), T0.plusSeconds(60));
                for (int i = 0; i < 3; i++) {
                    assertThatThrownBy(() -> s.isRevoked(id("during"))).as("fails closed, never 'not revoked'")
                            .isInstanceOf(RevocationStoreException.class);
                }
                proxy.restore();
                long deadline = System.nanoTime() + 15_000_000_000L;
                while (!trusted(s) && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(trusted(s)).as("trusted again by itself").isTrue();
                assertThat(s.nearCache().orElseThrow().cachedAnswer(RevocationCheck.ofJti(id("during"))))
                        .as("what another instance wrote during the outage").isTrue();
            }
        }
    }
}
