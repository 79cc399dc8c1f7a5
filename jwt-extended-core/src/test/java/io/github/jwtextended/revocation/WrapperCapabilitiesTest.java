package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every wrapper, alone and stacked ({@link StoreWrapping}), reports exactly the capabilities of the
 * store it wraps: rotation, purge and near cache when the store has them (and they act on that
 * store), none when it has not, and close always reaches it. The capable store is the real
 * in-memory store; the store without capabilities answers the three questions from one.
 */
class WrapperCapabilitiesTest {
    private static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);

    private final MutableClock clock = new MutableClock(T0);
    private final List<RevocationStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(RevocationStore::close);
    }

    private RevocationStore wrapped(StoreWrapping wrapping, RevocationStore store) {
        RevocationStore s = wrapping.around(store);
        opened.add(s);
        return s;
    }

    /** A store with none of the capabilities: the three questions, answered by a real in-memory store; counts its closes. */
    private static final class PlainStore implements RevocationStore {
        final InMemoryRevocationStore memory;
        final AtomicInteger closed = new AtomicInteger();

        PlainStore(InMemoryRevocationStore memory) {
            this.memory = memory;
        }

        @Override public void revoke(String jti, Instant until) { memory.revoke(jti, until); }
        @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
            memory.revokeAllIssuedBefore(identity, notBefore, keepUntil);
        }
        @Override public boolean isRevoked(RevocationCheck check) { return memory.isRevoked(check); }
        @Override public void close() { closed.incrementAndGet(); }
    }

    /** A store with a near cache over the in-memory store: answers from memory while {@code trusted}. */
    private static final class NearCachedStore implements RevocationStore {
        final InMemoryRevocationStore memory;
        volatile boolean trusted = true;
        final Optional<NearCache> nearCache = Optional.of(new NearCache() {
            @Override public Boolean cachedAnswer(RevocationCheck check) { return trusted ? memory.isRevoked(check) : null; }
            @Override public boolean trusted() { return trusted; }
        });

        NearCachedStore(InMemoryRevocationStore memory) {
            this.memory = memory;
        }

        @Override public void revoke(String jti, Instant until) { memory.revoke(jti, until); }
        @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
            memory.revokeAllIssuedBefore(identity, notBefore, keepUntil);
        }
        @Override public boolean isRevoked(RevocationCheck check) { return memory.isRevoked(check); }
        @Override public Optional<NearCache> nearCache() { return nearCache; }
    }

    private static RevocationCheck inFamily(String jti, String family) {
        return RevocationCheck.of(jti, null, T0, T0.plusSeconds(900), family);
    }

    // ---- rotation ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void rotationOfTheWrappedStoreIsForwardedAndActsOnIt(StoreWrapping wrapping) {
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        RevocationStore store = wrapped(wrapping, memory);
        RefreshRotation rotation = store.rotation().orElseThrow();
        Instant keep = T0.plusSeconds(3600);
        assertThat(rotation.rotate("fam", "r0", "r1", keep, Duration.ZERO).result()).isEqualTo(RotationResult.ROTATED);
        assertThat(memory.rotation().orElseThrow().rotate("fam", "r1", "r2", keep, Duration.ZERO).result())
                .as("the same families as the wrapped store's").isEqualTo(RotationResult.ROTATED);
        assertThat(rotation.rotate("fam", "r1", "x", keep, Duration.ZERO).result()).isEqualTo(RotationResult.REUSE);
        assertThat(store.isRevoked(inFamily("r2", "fam"))).as("reuse revoked the family, seen through the wrapper").isTrue();
        assertThat(memory.isRevoked(inFamily("r2", "fam"))).isTrue();
        rotation.revokeFamily("other", keep);
        assertThat(memory.isRevoked(inFamily(null, "other"))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void sessionRecordsOfTheWrappedStoreAreForwardedAndActOnIt(StoreWrapping wrapping) {
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        RevocationStore store = wrapped(wrapping, memory);
        SessionRecords sessions = store.sessions().orElseThrow();
        Instant keep = T0.plusSeconds(3600);
        sessions.start("fam", "kim", "r0", "Firefox on Linux", keep);
        assertThat(memory.sessions().orElseThrow().list("kim")).extracting(SessionRecords.SessionRecord::family).containsExactly("fam");
        assertThat(sessions.revoke("lee", "fam", keep)).isFalse();
        assertThat(sessions.revoke("kim", "fam", keep)).isTrue();
        assertThat(store.isRevoked(inFamily("r0", "fam"))).as("seen through the wrapper").isTrue();
        assertThat(memory.isRevoked(inFamily("r0", "fam"))).isTrue();
        assertThat(wrapped(wrapping, new PlainStore(new InMemoryRevocationStore(clock))).sessions())
                .as("never claimed for a store without them").isEmpty();

        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock)
                .revocationStore(wrapped(wrapping, new PlainStore(new InMemoryRevocationStore(clock)))).build();
        assertThat(m.sessions().available()).isFalse();
        assertThat(m.createTokenPair("kim", null, "curl").family()).as("a login is not recorded, and works").isNotNull();
        assertThatThrownBy(() -> m.sessions().list((Object) "kim")).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void aStoreWithoutRotationHasNoneWrappedAndTheManagerSaysSo(StoreWrapping wrapping) {
        RevocationStore store = wrapped(wrapping, new PlainStore(new InMemoryRevocationStore(clock)));
        assertThat(store.rotation()).isEmpty();

        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(store).build();
        TokenPair login = m.createTokenPair("kim", null);
        Jwt access = m.verifyRequest(FakeRequest.get().bearer(login.accessToken()), Guard.required());
        assertThat(access.family()).isNotNull();
        assertThat(m.revokeFamily(access)).as("documented: false when the store keeps no families").isFalse();
        Jwt refresh = m.verifyRequest(FakeRequest.post().bearer(login.refreshToken()), Guard.required().refresh(true));
        assertThatThrownBy(() -> m.rotateRefreshToken(refresh)).as("a setup mistake, not a store outage")
                .isExactlyInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void theManagerRotatesAndRevokesFamiliesThroughTheWrapper(StoreWrapping wrapping) {
        RevocationStore store = wrapped(wrapping, new InMemoryRevocationStore(clock));
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(store).build();
        TokenPair login = m.createTokenPair("kim", null);
        TokenPair rotated = m.rotateRefreshToken(m.verifyRequest(FakeRequest.post().bearer(login.refreshToken()), Guard.required().refresh(true)));
        Jwt access = m.verifyRequest(FakeRequest.get().bearer(rotated.accessToken()), Guard.required());
        assertThat(m.revokeFamily(access)).isTrue();
        JwtException e = catchThrowableOfType(JwtException.class,
                () -> m.verifyRequest(FakeRequest.get().bearer(rotated.accessToken()), Guard.required()));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    // ---- purge ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void purgeOfTheWrappedStoreIsForwardedAndActsOnIt(StoreWrapping wrapping) {
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock, Duration.ofDays(1)); // no sweep by itself here
        RevocationStore store = wrapped(wrapping, memory);
        store.revoke("short", T0.plusSeconds(10));
        store.revoke("long", T0.plusSeconds(100));
        store.revokeAllIssuedBefore("kim", T0, T0.plusSeconds(10));
        store.rotation().orElseThrow().revokeFamily("fam", T0.plusSeconds(10));
        clock.advance(Duration.ofSeconds(20));
        assertThat(memory.size()).as("expired, not yet removed").isEqualTo(4);
        assertThat(store.purge().orElseThrow().purgeExpired()).isEqualTo(3);
        assertThat(memory.size()).isEqualTo(1);
        assertThat(store.isRevoked("long")).isTrue();
        assertThat(store.purge().orElseThrow().purgeExpired()).isZero();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void aStoreWithoutPurgeHasNoneWrapped(StoreWrapping wrapping) {
        assertThat(wrapped(wrapping, new PlainStore(new InMemoryRevocationStore(clock))).purge()).isEmpty();
    }

    // ---- near cache ----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void theWrappedStoresNearCacheIsVisibleWithItsState(StoreWrapping wrapping) {
        NearCachedStore cached = new NearCachedStore(new InMemoryRevocationStore(clock));
        RevocationStore store = wrapped(wrapping, cached);
        store.revoke("a", T0.plusSeconds(60));
        NearCache nearCache = store.nearCache().orElseThrow();
        assertThat(nearCache.trusted()).isTrue();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("a"))).isTrue();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("b"))).isFalse();
        cached.trusted = false;
        assertThat(nearCache.trusted()).as("the state is the wrapped store's, now").isFalse();
        assertThat(nearCache.cachedAnswer(RevocationCheck.ofJti("a"))).isNull();
        assertThat(store.isRevoked("a")).as("then from the store").isTrue();
    }

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void aStoreWithoutNearCacheHasNoneWrapped(StoreWrapping wrapping) {
        assertThat(wrapped(wrapping, new InMemoryRevocationStore(clock)).nearCache()).isEmpty();
        assertThat(wrapped(wrapping, new PlainStore(new InMemoryRevocationStore(clock))).nearCache()).isEmpty();
    }

    // ---- close ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(StoreWrapping.class)
    void closingTheWrapperClosesTheWrappedStoreOnce(StoreWrapping wrapping) {
        PlainStore plain = new PlainStore(new InMemoryRevocationStore(clock));
        RevocationStore store = wrapping.around(plain);
        assertThat(plain.closed).hasValue(0);
        store.close();
        assertThat(plain.closed).hasValue(1);
    }

    @Test
    void aClosedDeadlineStoreHasClosedItsStoreAndRefusesChecks() {
        PlainStore plain = new PlainStore(new InMemoryRevocationStore(clock));
        RevocationStore deadline = StoreWrapping.DEADLINE.around(plain);
        assertThat(deadline.isRevoked("a")).isFalse();
        deadline.close();
        assertThat(plain.closed).hasValue(1);
        assertThatThrownBy(() -> deadline.isRevoked("a")).as("its workers are stopped").isInstanceOf(RevocationStoreException.class);
    }

    @Test
    void theInMemoryStoreHasRotationAndPurgeAndNoNearCache() {
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        assertThat(memory.rotation()).isPresent();
        assertThat(memory.purge()).isPresent();
        assertThat(memory.nearCache()).isEmpty();
        assertThat(memory.rotation()).as("decided once").isEqualTo(memory.rotation());
        memory.close(); // nothing to release; still usable
        memory.revoke("a", null);
        assertThat(memory.isRevoked("a")).isTrue();
    }
}
