package io.github.jwtextended.key;

import java.util.EnumMap;
import java.util.Map;

/**
 * Freshly generated, clearly fake test keys, one per public-key algorithm, made once per test run
 * (RSA at 2048 bits to keep the run short). Nothing they sign protects anything.
 *
 * <p>Thread safety: synchronised lazy cache.
 */
final class TestKeyPairs {
    private static final Map<JwsAlgorithm, KeyGenerator.Generated> CACHE = new EnumMap<>(JwsAlgorithm.class);

    private TestKeyPairs() {
    }

    /** The run's key for {@code alg}, with kid {@code "<alg>-1"}. */
    static synchronized KeyGenerator.Generated of(JwsAlgorithm alg) {
        return CACHE.computeIfAbsent(alg, a -> KeyGenerator.generate(a, a.name() + "-1", 2048));
    }

    /** A new key (not cached) with this kid. */
    static KeyGenerator.Generated fresh(JwsAlgorithm alg, String kid) {
        return KeyGenerator.generate(alg, kid, 2048);
    }
}
