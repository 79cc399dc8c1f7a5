package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters' and the observations' store wrappers, alone and stacked as the Spring Boot starter
 * stacks them, report exactly the capabilities of the store they wrap (as the core's
 * {@code WrapperCapabilitiesTest} holds for its own wrappers): rotation wrapped, session records,
 * near cache and purge the store's own, none of them for a store without it, and close reaches it.
 */
class InstrumentedCapabilitiesTest {
    enum Wrapping {
        METERED(s -> new MeteredRevocationStore(s, new SimpleMeterRegistry())),
        OBSERVED(s -> new ObservedRevocationStore(s, TestObservationRegistry.create())),
        METERED_OVER_OBSERVED(s -> METERED.around(OBSERVED.around(s)));

        private final UnaryOperator<RevocationStore> wrap;

        Wrapping(UnaryOperator<RevocationStore> wrap) {
            this.wrap = wrap;
        }

        RevocationStore around(RevocationStore store) {
            return wrap.apply(store);
        }
    }

    /** A store with none of the capabilities (the three questions answered by the in-memory store), counting its closes. */
    private static final class PlainStore implements RevocationStore {
        final InMemoryRevocationStore memory = new InMemoryRevocationStore();
        final AtomicInteger closed = new AtomicInteger();

        @Override public void revoke(String jti, Instant until) { memory.revoke(jti, until); }
        @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
            memory.revokeAllIssuedBefore(identity, notBefore, keepUntil);
        }
        @Override public boolean isRevoked(RevocationCheck check) { return memory.isRevoked(check); }
        @Override public void close() { closed.incrementAndGet(); }
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void theStoresCapabilitiesAreForwardedAndActOnIt(Wrapping wrapping) {
        InMemoryRevocationStore memory = new InMemoryRevocationStore();
        RevocationStore store = wrapping.around(memory);
        Instant keep = Instant.now().plusSeconds(3600);
        assertThat(store.rotation().orElseThrow().rotate("fam", "r0", "r1", keep, Duration.ZERO).result())
                .isEqualTo(RotationResult.ROTATED);
        assertThat(memory.rotation().orElseThrow().rotate("fam", "r0", "x", keep, Duration.ZERO).result())
                .as("the family the wrapper's rotation wrote").isEqualTo(RotationResult.REUSE);
        assertThat(store.rotation()).as("wrapped once").isSameAs(store.rotation());
        assertThat(store.sessions().orElseThrow()).as("the store's own").isSameAs(memory.sessions().orElseThrow());
        assertThat(store.purge().orElseThrow()).as("the store's own").isSameAs(memory.purge().orElseThrow());
        assertThat(store.nearCache()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void aStoreWithoutCapabilitiesHasNoneWrappedAndIsClosedOnce(Wrapping wrapping) {
        PlainStore plain = new PlainStore();
        RevocationStore store = wrapping.around(plain);
        assertThat(store.rotation()).isEmpty();
        assertThat(store.sessions()).isEmpty();
        assertThat(store.purge()).isEmpty();
        assertThat(store.nearCache()).isEmpty();
        store.revoke("a", null);
        assertThat(plain.memory.isRevoked("a")).isTrue();
        store.close();
        assertThat(plain.closed).hasValue(1);
    }

    @ParameterizedTest
    @EnumSource(Wrapping.class)
    void theStoresNearCacheIsItsOwn(Wrapping wrapping) {
        PlainStore plain = new PlainStore();
        Optional<NearCache> nearCache = Optional.of(NearCache.of(plain.memory::isRevoked, () -> true, () -> 0, () -> Duration.ZERO));
        RevocationStore cached = new ForwardingRevocationStore(plain) {
            @Override
            public Optional<NearCache> nearCache() {
                return nearCache;
            }
        };
        assertThat(wrapping.around(cached).nearCache().orElseThrow()).isSameAs(nearCache.orElseThrow());
    }
}
