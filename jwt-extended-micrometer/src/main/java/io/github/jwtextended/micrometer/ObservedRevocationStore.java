package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A revocation store whose calls are Micrometer {@link Observation}s, so that Micrometer Tracing
 * (and OpenTelemetry through it) shows each as a span, a child of the request's:
 * <ul>
 *   <li>name {@value #NAME}, contextual (span) name {@code jwt store <operation>};</li>
 *   <li>low-cardinality key values, both always set: {@value #OPERATION} ({@code check},
 *       {@code revoke}, {@code revoke_all}, {@code rotate}, {@code revoke_family}, as
 *       {@link MeteredRevocationStore} names them) and {@value #OUTCOME}: {@code revoked} or
 *       {@code not_revoked} for a check, {@code ok} for a write, and for a failed call the cause
 *       {@link MeteredRevocationStore} counts it under ({@code timeout}, {@code saturated},
 *       {@code stopped}, {@code error}). A failure is also the observation's error, and is thrown on
 *       unchanged.</li>
 * </ul>
 * Nothing else is recorded: no {@code jti}, identity, family or address. Everything but the five
 * calls (session records, the near cache, purge, close) is forwarded as it is. With
 * {@link ObservationRegistry#NOOP} (or a registry without handlers) a call costs a no-op
 * observation; without a registry, do not wrap the store.
 *
 * <p>Thread safety: as the wrapped store; the registry is thread safe.
 */
public final class ObservedRevocationStore extends ForwardingRevocationStore {
    /** The observations' name. */
    public static final String NAME = "jwt.store.call";
    /** Key: the store call. */
    public static final String OPERATION = "operation";
    /** Key: how the call ended. */
    public static final String OUTCOME = "outcome";

    private final ObservationRegistry registry;
    private final Optional<RefreshRotation> rotation;

    /** Wraps {@code delegate}, observing its calls in {@code registry}. */
    public ObservedRevocationStore(RevocationStore delegate, ObservationRegistry registry) {
        super(delegate);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rotation = delegate.rotation().map(ObservedRotation::new); // capabilities never change
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        return observe(MeteredRevocationStore.Operation.CHECK, () -> delegate.isRevoked(check),
                revoked -> revoked ? "revoked" : "not_revoked");
    }

    @Override
    public void revoke(String jti, Instant until) {
        write(MeteredRevocationStore.Operation.REVOKE, () -> delegate.revoke(jti, until));
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        write(MeteredRevocationStore.Operation.REVOKE_ALL, () -> delegate.revokeAllIssuedBefore(identity, notBefore, keepUntil));
    }

    /** The wrapped store's rotation, its calls observed. */
    @Override
    public Optional<RefreshRotation> rotation() {
        return rotation;
    }

    /** A write, observed: its outcome is {@code ok} when it returns. */
    private void write(MeteredRevocationStore.Operation operation, Runnable write) {
        observe(operation, () -> {
            write.run();
            return null;
        }, r -> "ok");
    }

    /** Runs {@code call} inside an observation of {@code operation}; {@code outcome} names its result. */
    private <T> T observe(MeteredRevocationStore.Operation operation, Supplier<T> call, Function<? super T, String> outcome) {
        String op = operation.name().toLowerCase(Locale.ROOT);
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName("jwt store " + op)
                .lowCardinalityKeyValue(OPERATION, op)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            T result = call.get();
            observation.lowCardinalityKeyValue(OUTCOME, outcome.apply(result));
            return result;
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue(OUTCOME, MeteredRevocationStore.causeOf(e).name().toLowerCase(Locale.ROOT));
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /** The wrapped rotation, observed. */
    private final class ObservedRotation implements RefreshRotation {
        private final RefreshRotation rotation;

        ObservedRotation(RefreshRotation rotation) {
            this.rotation = rotation;
        }

        @Override
        public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return observe(MeteredRevocationStore.Operation.ROTATE,
                    () -> rotation.rotate(family, presentedJti, newJti, keepUntil, window), r -> "ok");
        }

        @Override
        public void revokeFamily(String family, Instant keepUntil) {
            write(MeteredRevocationStore.Operation.REVOKE_FAMILY, () -> rotation.revokeFamily(family, keepUntil));
        }
    }
}
