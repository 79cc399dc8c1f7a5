package io.github.jwtextended.spring.security;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test help: the {@code jwt.verification} observations of an application, as they stop. */
final class VerificationObservations {
    private VerificationObservations() {
    }

    /** A list that receives the context of each {@code jwt.verification} observation of {@code registry} when it stops. */
    static List<Observation.Context> record(ObservationRegistry registry) {
        List<Observation.Context> seen = new CopyOnWriteArrayList<>();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return "jwt.verification".equals(context.getName());
            }

            @Override
            public void onStop(Observation.Context context) {
                seen.add(context);
            }
        });
        return seen;
    }
}
