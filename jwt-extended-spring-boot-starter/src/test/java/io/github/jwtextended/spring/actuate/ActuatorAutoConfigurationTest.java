package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.micrometer.MeteredRevocationStore;
import io.github.jwtextended.micrometer.ObservedRevocationStore;
import io.github.jwtextended.redis.RedisServerProcess;
import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.spring.JwtAutoConfiguration;
import io.github.jwtextended.spring.JwtRevocationStoreDecorator;
import io.github.jwtextended.spring.JwtRequestVerification;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.core.Ordered;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The actuate auto-configurations, bean by bean: meters in the application's registry (and off,
 * backing off, never counting twice), observations, and none of it without Micrometer or Actuator.
 */
class ActuatorAutoConfigurationTest {
    static final String SECRET = "spring-test-only-secret-key-long-enough-0123456789";

    static final ApplicationContextRunner RUNNER = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtMetricsAutoConfiguration.class,
                    JwtObservationAutoConfiguration.class, JwtHealthAutoConfiguration.class))
            .withPropertyValues("jwt.secret-key=" + SECRET);

    /** The store a forwarding wrapper wraps (its protected field), to see the chain the manager was given. */
    static RevocationStore inner(RevocationStore wrapper) throws ReflectiveOperationException {
        Field f = io.github.jwtextended.revocation.ForwardingRevocationStore.class.getDeclaredField("delegate");
        f.setAccessible(true);
        return (RevocationStore) f.get(wrapper);
    }

    /** A request with a token signed by another key: refused as a forged token. */
    static void refuseForged(JwtManager manager) {
        String forged = JwtManager.builder(io.github.jwtextended.fixtures.TestKeys.config().build()).build().createAccessToken("kim");
        assertThatThrownBy(() -> manager.verifyRequest(FakeRequest.get().bearer(forged), Guard.required()))
                .isInstanceOf(InvalidTokenException.class);
    }

    static double verifications(MeterRegistry registry, String outcome) {
        return registry.get(JwtMetrics.VERIFICATIONS).tags("outcome", outcome, "type", "access", "location", "headers").counter().count();
    }

    @Test
    void withARegistryTheManagerCountsIntoItAndItsStoreIsTimed() {
        RUNNER.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(JwtMetrics.class);
            JwtManager manager = context.getBean(JwtManager.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(manager.revocationStore()).isInstanceOf(MeteredRevocationStore.class);
            assertThat(inner(manager.revocationStore())).isInstanceOf(InMemoryRevocationStore.class);
            assertThat(context.getBean(RevocationStore.class)).as("the bean itself is left as it is")
                    .isInstanceOf(InMemoryRevocationStore.class);

            String token = manager.createAccessToken("kim");
            manager.verifyRequest(FakeRequest.get().bearer(token), Guard.required());
            refuseForged(manager);
            assertThat(verifications(registry, "success")).isEqualTo(1);
            assertThat(verifications(registry, "invalid_signature")).isEqualTo(1);
            assertThat(registry.get(JwtMetrics.TOKENS_ISSUED).tag("type", "access").counter().count()).isEqualTo(1);
            assertThat(registry.get(MeteredRevocationStore.LATENCY).tag("operation", "check").timer().count()).isEqualTo(1);
        });
    }

    @Test
    void jwtMetricsEnabledFalseTurnsTheMetersOff() {
        RUNNER.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("jwt.metrics.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(JwtMetrics.class);
            assertThat(context.getBean(JwtManager.class).revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
            assertThat(context.getBean(MeterRegistry.class).find(JwtMetrics.VERIFICATIONS).meters()).isEmpty();
        });
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseStopsTheStart() {
        RUNNER.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("jwt.metrics.enabled=off-please")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("jwt.metrics.enabled must be true or false"));
        RUNNER.withPropertyValues("JWT_OBSERVATIONS_ENABLED=TRUE").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void anApplicationsOwnJwtMetricsIsUsedAndEachEventCountsOnce() {
        RUNNER.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("myMetrics", JwtMetrics.class, () -> new JwtMetrics(new SimpleMeterRegistry()))
                .run(context -> {
                    assertThat(context).hasSingleBean(JwtMetrics.class).hasBean("myMetrics");
                    JwtManager manager = context.getBean(JwtManager.class);
                    refuseForged(manager);
                    refuseForged(manager);
                    // the starter made none of its own: Boot's registry has no verification counters
                    assertThat(context.getBean(MeterRegistry.class).find(JwtMetrics.VERIFICATIONS).meters()).isEmpty();
                });
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RUNNER.withBean(MeterRegistry.class, () -> registry)
                .withBean("myMetrics", JwtMetrics.class, () -> new JwtMetrics(registry))
                .run(context -> {
                    refuseForged(context.getBean(JwtManager.class));
                    assertThat(verifications(registry, "invalid_signature")).as("once, not twice").isEqualTo(1);
                });
    }

    @Test
    void aStoreTheApplicationAlreadyMetersIsNotWrappedAgain() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RUNNER.withBean(MeterRegistry.class, () -> registry)
                .withBean(RevocationStore.class, () -> new MeteredRevocationStore(new InMemoryRevocationStore(), registry))
                .run(context -> {
                    JwtManager manager = context.getBean(JwtManager.class);
                    assertThat(manager.revocationStore()).isSameAs(context.getBean(RevocationStore.class));
                    manager.verifyRequest(FakeRequest.get().bearer(manager.createAccessToken("kim")), Guard.required());
                    assertThat(registry.get(MeteredRevocationStore.LATENCY).tag("operation", "check").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void withAnObservationRegistryVerificationsAndStoreCallsAreObservedInsideTheMeters() {
        RUNNER.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> {
                    assertThat(context).hasSingleBean(JwtRequestVerification.class);
                    assertThat(context.getBean(JwtRequestVerification.class)).isInstanceOf(ObservedRequestVerification.class);
                    RevocationStore store = context.getBean(JwtManager.class).revocationStore();
                    assertThat(store).isInstanceOf(MeteredRevocationStore.class);
                    assertThat(inner(store)).isInstanceOf(ObservedRevocationStore.class);
                    assertThat(inner(inner(store))).isInstanceOf(InMemoryRevocationStore.class);
                });
    }

    @Test
    void jwtObservationsEnabledFalseTurnsTheObservationsOff() {
        RUNNER.withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .withPropertyValues("jwt.observations.enabled=false")
                .run(context -> {
                    assertThat(context).doesNotHaveBean(JwtRequestVerification.class);
                    assertThat(context.getBean(JwtManager.class).revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
                });
    }

    @Test
    void withoutARegistryNothingIsWrapped() {
        RUNNER.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(JwtMetrics.class).doesNotHaveBean(JwtRequestVerification.class);
            assertThat(context.getBean(JwtManager.class).revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
        });
    }

    @Test
    void withoutJwtExtendedMicrometerARegistryChangesNothing() {
        RUNNER.withClassLoader(new FilteredClassLoader("io.github.jwtextended.micrometer"))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean("jwtMetrics").doesNotHaveBean("jwtMeteredRevocationStore")
                            .doesNotHaveBean("jwtObservedRevocationStore");
                    // verifications are still observed: that needs micrometer-observation only
                    assertThat(context).hasSingleBean(JwtRequestVerification.class);
                    assertThat(context.getBean(JwtManager.class).revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
                });
    }

    @Test
    void withoutMicrometerOrActuatorTheStarterStillWorks() {
        RUNNER.withClassLoader(new FilteredClassLoader("io.micrometer", "io.github.jwtextended.micrometer", "org.springframework.boot.health"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeanDefinitionNames()).noneMatch(n -> n.startsWith("jwtMetrics") || n.startsWith("jwtObserved")
                            || n.startsWith("jwtMetered") || n.startsWith("jwtHealth") || n.startsWith("jwtVerificationObservation"));
                    JwtManager manager = context.getBean(JwtManager.class);
                    assertThat(manager.revocationStore()).isInstanceOf(InMemoryRevocationStore.class);
                    manager.verifyRequest(FakeRequest.get().bearer(manager.createAccessToken("kim")), Guard.required());
                });
    }

    /** An application's fail-open decorator at {@code order} (0: innermost, as the Spring sample's; 3000: outside the meters). */
    private record FailOpenAt(int order) implements JwtRevocationStoreDecorator, Ordered {
        @Override
        public RevocationStore decorate(RevocationStore store) {
            return new FailOpenRevocationStore(store);
        }

        @Override
        public int getOrder() {
            return order;
        }
    }

    /**
     * An application's fail-open decorator, inside the starter's meters and observations or outside
     * them: while the starter's strict Redis store fails (its redis-server killed), a request is
     * answered, and the meters show the check's failure and its open answer.
     */
    @Test
    void aFailOpenDecoratorInAnyOrderIsCountedAsFailuresAndOpenAnswers() throws Exception {
        for (int order : new int[] {0, JwtRevocationStoreDecorator.METERS_ORDER + 1000}) {
            try (RedisServerProcess redis = new RedisServerProcess(false)) { // started
                RUNNER.withPropertyValues("jwt.revocation.store=redis", "jwt.redis.url=" + redis.url(), "jwt.revocation.timeout=250ms")
                        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                        .withBean(ObservationRegistry.class, TestObservationRegistry::create)
                        .withBean(FailOpenAt.class, () -> new FailOpenAt(order))
                        .run(context -> {
                            JwtManager manager = context.getBean(JwtManager.class);
                            MeterRegistry registry = context.getBean(MeterRegistry.class);
                            RevocationStore store = manager.revocationStore();
                            assertThat(order == 0 ? inner(inner(store)) : store).isInstanceOf(FailOpenRevocationStore.class);
                            String token = manager.createAccessToken("kim");
                            manager.verifyRequest(FakeRequest.get().bearer(token), Guard.required());

                            redis.kill();
                            manager.verifyRequest(FakeRequest.get().bearer(token), Guard.required());
                            assertThat(verifications(registry, "success")).as("answered open").isEqualTo(2);
                            assertThat(registry.get(MeteredRevocationStore.FAIL_OPEN).counter().count()).isEqualTo(1);
                            assertThat(registry.get(MeteredRevocationStore.FAILURES).tag("operation", "check").counters())
                                    .as("the absorbed failure, by cause").extracting(c -> c.count()).containsOnly(0.0, 1.0)
                                    .filteredOn(n -> n == 1.0).hasSize(1);
                            assertThat(registry.get(MeteredRevocationStore.LATENCY).tag("operation", "check").timer().count())
                                    .isEqualTo(2);
                        });
            }
        }
    }
}
