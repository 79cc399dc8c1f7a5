package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    /** Rotation is the wrapped store's and is never softened: down, it fails, and the manager answers 503. */
    @Test
    void rotationIsTheWrappedStoresAndNeverSoftened() {
        AtomicBoolean down = new AtomicBoolean();
        MutableClock clock = new MutableClock(T0);
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        RefreshRotation memoryRotation = memory.rotation().orElseThrow();
        RefreshRotation flakyRotation = new RefreshRotation() {
            @Override public RefreshRotation.Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration grace) {
                if (down.get()) throw new RevocationStoreException("down");
                return memoryRotation.rotate(family, presentedJti, newJti, keepUntil, grace);
            }
            @Override public void revokeFamily(String family, Instant keepUntil) {
                if (down.get()) throw new RevocationStoreException("down");
                memoryRotation.revokeFamily(family, keepUntil);
            }
        };
        RevocationStore flaky = new RevocationStore() {
            @Override public void revoke(String jti, Instant until) { memory.revoke(jti, until); }
            @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) { }
            @Override public boolean isRevoked(RevocationCheck check) { return memory.isRevoked(check); }
            @Override public java.util.Optional<RefreshRotation> rotation() { return java.util.Optional.of(flakyRotation); }
        };
        FailOpenRevocationStore open = new FailOpenRevocationStore(flaky, Duration.ofSeconds(10), clock);
        assertThat(open.rotation()).containsSame(flakyRotation);

        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(open).build();
        TokenPair login = m.createTokenPair("kim", null);
        Jwt refresh = m.verifyRequest(FakeRequest.post().bearer(login.refreshToken()), Guard.required().refresh(true));
        Jwt access = m.verifyRequest(FakeRequest.get().bearer(login.accessToken()), Guard.required());
        down.set(true);
        assertThatThrownBy(() -> m.rotateRefreshToken(refresh)).isInstanceOfSatisfying(StoreUnavailableException.class,
                e -> assertThat(m.errorResponse(e).status()).isEqualTo(503));
        assertThatThrownBy(() -> m.revokeFamily(access)).isInstanceOf(StoreUnavailableException.class);
        assertThat(open.failOpenCount()).as("nothing was answered open").isZero();
        down.set(false);
        assertThat(m.rotateRefreshToken(refresh).family()).isEqualTo(login.family());
    }

    /**
     * A flood that keeps every check worker of the deadline wrapper busy is this process's load, not
     * the store's outage: the revoked token is answered 503, never accepted. A store that fails is
     * still answered open, as documented.
     */
    @Test
    void saturatedCheckWorkersFailClosedAndOnlyAStoreFailureOpensIt() throws Exception {
        MutableClock clock = new MutableClock(T0);
        InMemoryRevocationStore memory = new InMemoryRevocationStore(clock);
        AtomicBoolean holdNext = new AtomicBoolean();
        AtomicBoolean down = new AtomicBoolean();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        RevocationStore store = new RevocationStore() {
            @Override public void revoke(String jti, Instant until) { memory.revoke(jti, until); }
            @Override public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) { }
            @Override public boolean isRevoked(RevocationCheck check) {
                if (holdNext.getAndSet(false)) { // the flood's check: it keeps the only worker busy
                    held.countDown();
                    DeadlineRevocationStoreTest.awaitUninterruptibly(release);
                }
                if (down.get()) throw new RevocationStoreException("down");
                return memory.isRevoked(check);
            }
        };
        DeadlineRevocationStore deadline = new DeadlineRevocationStore(store, Duration.ofMillis(200), 1);
        FailOpenRevocationStore open = new FailOpenRevocationStore(deadline, Duration.ofSeconds(10), clock);
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(open).build();
        String revoked = m.createTokenPair("kim", null).accessToken();
        // Revoked by another instance: this manager learns it from the store only.
        memory.revoke(m.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()).jti(), null);

        holdNext.set(true);
        Thread flood = new Thread(() -> { // other requests' checks (kept off the fail-open count)
            try {
                deadline.isRevoked("flood");
            } catch (RevocationStoreException e) {
                // held past its deadline: its own outcome is not under test
            }
        });
        flood.start();
        try {
            assertThat(held.await(5, TimeUnit.SECONDS)).as("the flood holds the only worker").isTrue();
            assertThatThrownBy(() -> m.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()))
                    .as("every worker busy: 503, not accepted")
                    .isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
                        assertThat(m.errorResponse(e).status()).isEqualTo(503);
                        assertThat(e.getCause()).isInstanceOfSatisfying(RevocationStoreException.class,
                                c -> assertThat(c.reason()).isEqualTo(RevocationStoreException.Reason.SATURATED));
                    });
            assertThat(open.failOpenCount()).as("nothing was answered open").isZero();
        } finally {
            release.countDown();
            flood.join(5000);
        }

        down.set(true);
        Jwt accepted = m.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required());
        assertThat(accepted.identity()).as("a store failure still fails open, as documented").isEqualTo("kim");
        assertThat(open.failOpenCount()).isEqualTo(1);
    }
    /** A store wrapper inside the fail-open one that listens, as jwt-extended-micrometer's metered store does. */
    private static final class ListeningStore extends ForwardingRevocationStore implements FailOpenRevocationStore.Listener {
        final java.util.List<RuntimeException> heard = new java.util.concurrent.CopyOnWriteArrayList<>();

        ListeningStore(RevocationStore delegate) {
            super(delegate);
        }

        @Override
        public void answeredOpen(RuntimeException failure) {
            heard.add(failure);
        }
    }

    /**
     * Each check answered open is told to the listeners added and to those inside the wrapper, with
     * the failure; one that throws changes nothing; a check that fails closed is told to none.
     * {@link FailOpenRevocationStore#find} finds the wrapper through the wrappers around it.
     */
    @Test
    void listenersHearEveryCheckAnsweredOpenWhicheverSideTheyAreOn() {
        AtomicBoolean down = new AtomicBoolean();
        AtomicBoolean saturated = new AtomicBoolean();
        InMemoryRevocationStore memory = new InMemoryRevocationStore();
        RevocationStore flaky = new ForwardingRevocationStore(memory) {
            @Override public boolean isRevoked(RevocationCheck check) {
                if (saturated.get()) throw new RevocationStoreException(RevocationStoreException.Reason.SATURATED, "busy");
                if (down.get()) throw new IllegalStateException("connection refused");
                return super.isRevoked(check);
            }
        };
        ListeningStore inside = new ListeningStore(flaky);
        FailOpenRevocationStore open = new FailOpenRevocationStore(inside);
        java.util.List<RuntimeException> outside = new java.util.concurrent.CopyOnWriteArrayList<>();
        RevocationStore around = new ForwardingRevocationStore(new ForwardingRevocationStore(open) { }) { };
        FailOpenRevocationStore.find(around).orElseThrow().addListener(outside::add);
        open.addListener(failure -> {
            throw new IllegalStateException("a broken listener");
        });
        assertThat(FailOpenRevocationStore.find(open)).containsSame(open);
        assertThat(FailOpenRevocationStore.find(inside)).as("none inside it").isEmpty();
        assertThat(FailOpenRevocationStore.find(memory)).isEmpty();

        memory.revoke("a", Instant.now().plusSeconds(60));
        assertThat(around.isRevoked("a")).isTrue();
        down.set(true);
        assertThat(around.isRevoked("a")).as("answered open").isFalse();
        assertThat(inside.heard).singleElement().satisfies(e -> assertThat(e).hasMessage("connection refused"));
        assertThat(outside).containsExactlyElementsOf(inside.heard);
        saturated.set(true);
        assertThatThrownBy(() -> around.isRevoked("a")).isInstanceOf(RevocationStoreException.class);
        assertThat(outside).as("failing closed is not answering open").hasSize(1);
        assertThat(open.failOpenCount()).isEqualTo(1);
    }
}
