package io.github.jwtextended.micrometer.readme;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.micrometer.MeteredRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.core.instrument.MeterRegistry;

public final class MeteredManager {
    private MeteredManager() {
    }

    /** A manager whose verifications, tokens, rotations, revocations and store calls are metered. */
    public static JwtManager build(JwtConfig config, RevocationStore store, MeterRegistry registry) {
        return JwtManager.builder(config)
                .revocationStore(new MeteredRevocationStore(store, registry)) // outermost store wrapper
                .listener(new JwtMetrics(registry))
                .build();
    }
}
