package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.key.JwsAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * jwt-extended's verification of RS256 (2048-bit), ES256 and EdDSA (Ed25519) tokens, through the
 * same {@code decodeToken} as HS256 (Nimbus for RSA and ECDSA, the JDK for Ed25519).
 * {@code tokens=first-sight}: 256 tokens cycled through by a manager without a verified-token cache
 * (each call pays the full signature check, as for a token never seen); {@code tokens=repeated}:
 * {@link Fixtures#REPEATED_TOKENS} tokens, default manager.
 *
 * <p>Thread safety: JMH state; one cursor per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class AsymmetricVerifyBenchmark {
    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    @Param({"first-sight", "repeated"})
    public String tokens;

    String[] pool;
    JwtManager ours;

    @Setup
    public void setUp() {
        JwtConfig config = Fixtures.asymmetricConfig(JwsAlgorithm.valueOf(alg));
        boolean firstSight = "first-sight".equals(tokens);
        pool = Fixtures.tokens(JwtManager.builder(config).build(), firstSight ? 256 : Fixtures.REPEATED_TOKENS);
        ours = JwtManager.builder(config).verifiedTokenCacheSize(firstSight ? 0 : 10_000).build();
    }

    @Benchmark
    public String jwtExtended(Hs256VerifyBenchmark.Cursor c) {
        return ours.decodeToken(c.next(pool)).identityAsString();
    }
}
