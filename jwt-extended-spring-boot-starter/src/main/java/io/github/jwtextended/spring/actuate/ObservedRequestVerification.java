package io.github.jwtextended.spring.actuate;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.event.TokenType;
import io.github.jwtextended.event.VerificationOutcome;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.spring.JwtRequestVerification;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Objects;

/**
 * A request's verification inside an {@link Observation} named {@value #NAME} (contextual, span,
 * name {@code jwt verification}), a child of the request's own. Its low-cardinality key values are
 * the ones {@code JwtMetrics} tags {@code jwt.verifications} with: {@code type} ({@code access},
 * {@code refresh}: what the guard reads, set at the start), {@code outcome} ({@code success},
 * {@code expired}, {@code invalid_signature}, {@code revoked}, ..., {@code absent}; {@code error}
 * for anything but the core's refusal, which is then the observation's error) and
 * {@code location} (where the token was found, {@code none} when nowhere). A refusal is an answer,
 * not an error of the observation. Nothing else: no identity, {@code jti}, token or address.
 *
 * <p>The outcome and location are those the manager reports to its listeners, through
 * {@link #listener}, registered on the starter's manager; with a manager of the application's own,
 * they are worked out here (the same outcome; the location of a refused token is then {@code none}).
 *
 * <p>Thread safety: thread safe; each observation's context is used by the request's thread only.
 */
final class ObservedRequestVerification implements JwtRequestVerification {
    /** The observations' name. */
    static final String NAME = "jwt.verification";

    private final ObservationRegistry registry;

    ObservedRequestVerification(ObservationRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Jwt verify(JwtManager manager, HttpServletRequest request, Guard guard) {
        VerificationContext context = new VerificationContext();
        Observation observation = Observation.createNotStarted(NAME, () -> context, registry)
                .contextualName("jwt verification")
                .lowCardinalityKeyValue("type", (guard.refresh() ? TokenType.REFRESH : TokenType.ACCESS).tag())
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            Jwt jwt = ServletJwt.verify(manager, request, guard);
            context.settle(jwt.isPresent() ? VerificationOutcome.SUCCESS : VerificationOutcome.ABSENT, jwt.location());
            return jwt;
        } catch (JwtException e) {
            context.settle(VerificationOutcome.of(e), null);
            throw e;
        } catch (RuntimeException e) {
            observation.error(e);
            throw e;
        } finally {
            observation.lowCardinalityKeyValue("outcome", context.outcome == null ? "error" : context.outcome.tag())
                    .lowCardinalityKeyValue("location", context.location == null ? "none" : context.location.wireName())
                    .stop();
        }
    }

    /** Hands the manager's report of each verification to the observation around it, if any. */
    static JwtListener listener(ObservationRegistry registry) {
        return new JwtListener() {
            @Override
            public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
                Observation current = registry.getCurrentObservation();
                if (current != null && current.getContext() instanceof VerificationContext context) {
                    context.report(outcome, location);
                }
            }
        };
    }

    /** One verification's outcome and location: as the manager reported them, else as worked out here. */
    static final class VerificationContext extends Observation.Context {
        private VerificationOutcome outcome;
        private TokenLocation location;
        private boolean reported;

        void report(VerificationOutcome outcome, TokenLocation location) {
            this.outcome = outcome;
            this.location = location;
            this.reported = true;
        }

        void settle(VerificationOutcome outcome, TokenLocation location) {
            if (!reported) {
                this.outcome = outcome;
                this.location = location;
            }
        }
    }
}
