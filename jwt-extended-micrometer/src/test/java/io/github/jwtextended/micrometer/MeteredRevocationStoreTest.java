package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static io.github.jwtextended.micrometer.MeteredRevocationStore.FAILURES;
import static io.github.jwtextended.micrometer.MeteredRevocationStore.LATENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store's timer and failure counters, around the real in-memory store under a real manager. */
class MeteredRevocationStoreTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private Timer timer(String operation) {
        return registry.get(LATENCY).tag("operation", operation).timer();
    }

    private double failures(String operation, String cause) {
        return registry.get(FAILURES).tags("operation", operation, "cause", cause).counter().count();
    }

    /** A store whose checks take {@code millis} each. */
    private static RevocationStore slow(RevocationStore store, long millis) {
        return new ForwardingRevocationStore(store) {
            @Override
            public boolean isRevoked(RevocationCheck check) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.isRevoked(check);
            }
        };
    }

    @Test
    void everyCallIsTimedWithPercentilesAndItsCapabilitiesStay() {
        MeteredRevocationStore store = new MeteredRevocationStore(slow(new InMemoryRevocationStore(), 5), registry, 0.5, 0.95, 0.99);
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(store).build();
        TokenPair pair = jwt.createTokenPair("kim", TokenOptions.defaults());
        for (int i = 0; i < 10; i++) {
            jwt.verifyRequest(FakeRequest.get().bearer(pair.accessToken()), Guard.required());
        }
        jwt.rotateRefreshToken(jwt.decodeToken(pair.refreshToken()));
        jwt.revokeFamily(jwt.decodeToken(pair.refreshToken()));
        jwt.revoke(jwt.decodeToken(pair.accessToken()));
        jwt.revokeAllFor("kim", Duration.ofHours(1));

        assertThat(timer("check").count()).isEqualTo(10);
        assertThat(timer("check").totalTime(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(50);
        ValueAtPercentile[] p = timer("check").takeSnapshot().percentileValues();
        assertThat(p).extracting(ValueAtPercentile::percentile).containsExactly(0.5, 0.95, 0.99);
        assertThat(p[0].value(TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(4);
        assertThat(timer("rotate").count()).isEqualTo(1);
        assertThat(timer("revoke_family").count()).isEqualTo(1);
        assertThat(timer("revoke").count()).isEqualTo(1);
        assertThat(timer("revoke_all").count()).isEqualTo(1);
        assertThat(store.rotation()).isPresent();
        assertThat(store.sessions()).isPresent();
        assertThat(registry.get(FAILURES).counters()).allMatch(c -> c.count() == 0);
    }

    @Test
    void aCheckPastItsDeadlineIsCountedAsATimeoutAndAnsweredAs503() {
        RevocationStore deadline = new DeadlineRevocationStore(slow(new InMemoryRevocationStore(), 500), Duration.ofMillis(20), 4);
        MeteredRevocationStore store = new MeteredRevocationStore(deadline, registry);
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(store).build();
        String access = jwt.createAccessToken("kim");
        assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(failures("check", "timeout")).isEqualTo(1);
        assertThat(failures("check", "error")).isZero();
        assertThat(timer("check").count()).as("a failed call is timed too").isEqualTo(1);
        assertThat(timer("check").takeSnapshot().percentileValues()).as("no percentiles unless asked").isEmpty();
        store.close();
    }

    @Test
    void causesAreTheStoresReasonOrATimeoutAnywhereInTheChain() {
        assertThat(InstrumentedRevocationStore.Cause.of(new RevocationStoreException("down", new SocketTimeoutException("read"))))
                .isEqualTo(InstrumentedRevocationStore.Cause.TIMEOUT);
        assertThat(InstrumentedRevocationStore.Cause.of(new RevocationStoreException(RevocationStoreException.Reason.SATURATED, "busy")))
                .isEqualTo(InstrumentedRevocationStore.Cause.SATURATED);
        assertThat(InstrumentedRevocationStore.Cause.of(new RevocationStoreException(RevocationStoreException.Reason.STOPPED, "closed")))
                .isEqualTo(InstrumentedRevocationStore.Cause.STOPPED);
        assertThat(InstrumentedRevocationStore.Cause.of(new IllegalStateException("refused")))
                .isEqualTo(InstrumentedRevocationStore.Cause.ERROR);
    }
}
