package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.DeadlineRevocationStore;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each store call as an observation, around the real in-memory store under a real manager. */
class ObservedRevocationStoreTest {
    private final TestObservationRegistry registry = TestObservationRegistry.create();

    @Test
    void everyCallIsAnObservationWithItsOperationAndOutcomeAndNothingElse() {
        ObservedRevocationStore store = new ObservedRevocationStore(new InMemoryRevocationStore(), registry);
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(store).build();
        TokenPair pair = jwt.createTokenPair("kim", TokenOptions.defaults());
        jwt.verifyRequest(FakeRequest.get().bearer(pair.accessToken()), Guard.required());
        jwt.rotateRefreshToken(jwt.decodeToken(pair.refreshToken()));
        jwt.revokeFamily(jwt.decodeToken(pair.refreshToken()));
        jwt.revoke(jwt.decodeToken(pair.accessToken()));
        jwt.revokeAllFor("kim", Duration.ofHours(1));
        assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(pair.accessToken()), Guard.required()))
                .hasMessage("Token has been revoked");

        assertThat(registry).hasNumberOfObservationsWithNameEqualTo(ObservedRevocationStore.NAME, 6)
                .hasAnObservation(o -> o.hasContextualNameEqualTo("jwt store check")
                        .hasLowCardinalityKeyValue("operation", "check").hasLowCardinalityKeyValue("outcome", "not_revoked"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "check").hasLowCardinalityKeyValue("outcome", "revoked"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "rotate").hasLowCardinalityKeyValue("outcome", "ok"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "revoke_family").hasLowCardinalityKeyValue("outcome", "ok"))
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("operation", "revoke").hasLowCardinalityKeyValue("outcome", "ok"))
                .hasAnObservation(o -> o.hasContextualNameEqualTo("jwt store revoke_all")
                        .hasLowCardinalityKeyValue("operation", "revoke_all").hasLowCardinalityKeyValue("outcome", "ok")
                        .doesNotHaveError());
        // the two keys only: no jti, identity or family in any observation
        assertThat(registry).forAllObservationsWithNameEqualTo(ObservedRevocationStore.NAME, o -> o.hasOnlyKeys("operation", "outcome"));
        assertThat(store.rotation()).isPresent();
        assertThat(store.sessions()).isPresent();
    }

    @Test
    void aCheckPastItsDeadlineIsATimeoutAndTheObservationsError() {
        RevocationStore slow = new ForwardingRevocationStore(new InMemoryRevocationStore()) {
            @Override
            public boolean isRevoked(RevocationCheck check) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.isRevoked(check);
            }
        };
        ObservedRevocationStore store = new ObservedRevocationStore(new DeadlineRevocationStore(slow, Duration.ofMillis(20), 4), registry);
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(store).build();
        String access = jwt.createAccessToken("kim");
        assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(registry).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("operation", "check")
                .hasLowCardinalityKeyValue("outcome", "timeout").hasBeenStopped()
                .assertThatError().isNotNull();
        store.close();
    }

    @Test
    void aCallIsAChildOfTheObservationAroundIt() {
        ObservedRevocationStore store = new ObservedRevocationStore(new InMemoryRevocationStore(), registry);
        Observation.createNotStarted("request", registry).observe(() -> store.isRevoked("some-jti"));
        assertThat(registry).hasObservationWithNameEqualTo(ObservedRevocationStore.NAME).that()
                .hasParentObservationContextMatching(parent -> parent.getName().equals("request"));
    }

    @Test
    void withTheNoopRegistryTheStoreStillAnswers() {
        ObservedRevocationStore store = new ObservedRevocationStore(new InMemoryRevocationStore(), ObservationRegistry.NOOP);
        store.revoke("a", null);
        assertThat(store.isRevoked("a")).isTrue();
        assertThat(store.isRevoked("b")).isFalse();
    }

    /** A check a fail-open wrapper inside answered "not revoked" because the store failed: {@code fail_open}, with its error. */
    @Test
    void aCheckAnsweredOpenInsideIsFailOpenWithTheStoresFailureAsItsError() {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        RevocationStore flaky = new ForwardingRevocationStore(new InMemoryRevocationStore()) {
            @Override
            public boolean isRevoked(RevocationCheck check) {
                if (down.get()) {
                    throw new IllegalStateException("connection refused");
                }
                return super.isRevoked(check);
            }
        };
        ObservedRevocationStore store = new ObservedRevocationStore(new FailOpenRevocationStore(flaky), registry);
        JwtManager jwt = JwtManager.builder(TestKeys.config().build()).revocationStore(store).build();
        String access = jwt.createAccessToken("kim");
        jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required());
        down.set(true);
        jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required());
        assertThat(registry).hasNumberOfObservationsWithNameEqualTo(ObservedRevocationStore.NAME, 2)
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", "not_revoked").doesNotHaveError())
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("outcome", ObservedRevocationStore.FAIL_OPEN)
                        .hasLowCardinalityKeyValue("operation", "check").hasError());
    }
}
