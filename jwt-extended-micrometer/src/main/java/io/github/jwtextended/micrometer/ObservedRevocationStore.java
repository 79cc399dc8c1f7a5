package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.FailOpenRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import java.util.Objects;
import java.util.function.Function;

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
 *       unchanged. A check that a {@link FailOpenRevocationStore} inside this wrapper answered "not
 *       revoked" because the store failed is {@value #FAIL_OPEN}, with the failure as its error.</li>
 * </ul>
 * Nothing else is recorded: no {@code jti}, identity, family or address. Everything but the five
 * calls (session records, the near cache, purge, close) is forwarded as it is. With
 * {@link ObservationRegistry#NOOP} (or a registry without handlers) a call costs a no-op
 * observation; without a registry, do not wrap the store.
 *
 * <p>Thread safety: as the wrapped store; the registry is thread safe.
 */
public final class ObservedRevocationStore extends InstrumentedRevocationStore {
    /** The observations' name. */
    public static final String NAME = "jwt.store.call";
    /** Key: the store call. */
    public static final String OPERATION = "operation";
    /** Key: how the call ended. */
    public static final String OUTCOME = "outcome";
    /** The outcome of a check answered open by a fail-open wrapper inside this one. */
    public static final String FAIL_OPEN = "fail_open";
    /** The context key of the failure a fail-open wrapper inside this one absorbed during the call. */
    private static final Object ABSORBED = new Object();

    private final ObservationRegistry registry;
    private final String[] contextualNames = new String[Operation.values().length];

    /** Wraps {@code delegate}, observing its calls in {@code registry}. */
    public ObservedRevocationStore(RevocationStore delegate, ObservationRegistry registry) {
        super(delegate);
        this.registry = Objects.requireNonNull(registry, "registry");
        for (Operation op : Operation.values()) {
            contextualNames[op.ordinal()] = "jwt store " + op.tag;
        }
        // told on this thread, inside the check's observation (its scope is open): marks it
        FailOpenRevocationStore.find(delegate).ifPresent(open -> open.addListener(failure -> {
            Observation current = registry.getCurrentObservation();
            if (current != null && NAME.equals(current.getContext().getName())) {
                current.getContext().put(ABSORBED, failure);
            }
        }));
    }

    /** Observed: the outcome is a check's answer or {@code ok}, or the cause of a failure, then also the error. */
    @Override
    <A, R> R around(Operation operation, Function<? super A, ? extends R> call, A argument) {
        Observation observation = Observation.createNotStarted(NAME, registry)
                .contextualName(contextualNames[operation.ordinal()])
                .lowCardinalityKeyValue(OPERATION, operation.tag)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            R result = call.apply(argument);
            RuntimeException absorbed = observation.getContext().get(ABSORBED);
            if (absorbed != null) {
                observation.lowCardinalityKeyValue(OUTCOME, FAIL_OPEN);
                observation.error(absorbed);
            } else {
                observation.lowCardinalityKeyValue(OUTCOME, operation != Operation.CHECK ? "ok"
                        : Boolean.TRUE.equals(result) ? "revoked" : "not_revoked");
            }
            return result;
        } catch (RuntimeException e) {
            observation.lowCardinalityKeyValue(OUTCOME, Cause.of(e).tag);
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }
}
