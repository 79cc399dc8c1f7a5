package io.github.jwtextended.revocation;

import io.github.jwtextended.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailOpenRevocationStoreTest {
    static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);

    @Test
    void answersNotRevokedOnlyWhileTheStoreFailsAndNeverSoftensWrites() {
        AtomicBoolean down = new AtomicBoolean();
        MutableClock clock = new MutableClock(T0);
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        RevocationStore flaky = new RevocationStore() {
            @Override public void revoke(String jti, Instant until) {
                if (down.get()) throw new RevocationStoreException("down");
                memory.revoke(jti, until);
            }
            @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
                if (down.get()) throw new RevocationStoreException("down");
                memory.revokeAllIssuedBefore(identity, notBefore, keepUntil);
            }
            @Override public boolean isRevoked(RevocationCheck check) {
                if (down.get()) throw new RevocationStoreException("down");
                return memory.isRevoked(check);
            }
        };
        FailOpenRevocationStore open = new FailOpenRevocationStore(flaky, Duration.ofSeconds(10), clock);
        open.revoke("a", T0.plusSeconds(60));
        assertThat(open.isRevoked("a")).isTrue();
        down.set(true);
        for (int i = 0; i < 5; i++) {
            assertThat(open.isRevoked("a")).as("fail open: the revoked token is accepted").isFalse();
        }
        assertThat(open.failOpenCount()).isEqualTo(5);
        assertThatThrownBy(() -> open.revoke("b", T0.plusSeconds(60))).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> open.revokeAllIssuedBefore("u", T0, null)).isInstanceOf(RevocationStoreException.class);
        down.set(false);
        assertThat(open.isRevoked("a")).as("back to the store's answer").isTrue();
        assertThat(open.toString()).startsWith("FailOpen[");
    }
}
