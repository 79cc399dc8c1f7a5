package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * HS256 token creation with flask-jwt-extended's claims ({@code fresh, iat, jti, type, sub, nbf,
 * csrf, exp}, two random UUIDs) for jwt-extended, Nimbus, JJWT, auth0 java-jwt and the JDK floor.
 *
 * <p>Thread safety: JMH state, read-only after setup.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class Hs256CreateBenchmark {
    private static final long LIFETIME = Fixtures.LIFETIME.toSeconds();

    JwtManager ours;
    OtherLibraries others;
    JdkFloor floor;

    @Setup
    public void setUp() {
        ours = Fixtures.hs256Manager();
        others = new OtherLibraries(Fixtures.SECRET_BYTES);
        floor = new JdkFloor(Fixtures.SECRET_BYTES);
    }

    @Benchmark
    public String jwtExtended() {
        return ours.createAccessToken(Fixtures.SUBJECT);
    }

    @Benchmark
    public String jdkFloor() {
        return floor.create(Fixtures.SUBJECT, System.currentTimeMillis() / 1000, LIFETIME);
    }

    @Benchmark
    public String nimbus() {
        return others.nimbusCreate(Fixtures.SUBJECT, Instant.now(), LIFETIME);
    }

    @Benchmark
    public String jjwt() {
        return others.jjwtCreate(Fixtures.SUBJECT, Instant.now(), LIFETIME);
    }

    @Benchmark
    public String auth0() {
        return others.auth0Create(Fixtures.SUBJECT, Instant.now(), LIFETIME);
    }
}
