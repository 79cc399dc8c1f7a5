package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;
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
 * HS256 verification with every claim check, for jwt-extended, raw Nimbus, JJWT, auth0 java-jwt and
 * the plain JDK floor, over the same tokens (made by jwt-extended, flask-jwt-extended's layout).
 * {@code tokens=first-sight}: a different token every call, cycling through
 * {@link Fixtures#FIRST_SIGHT_TOKENS} (more than any cache holds); {@code tokens=repeated}: the same
 * {@link Fixtures#REPEATED_TOKENS} tokens again and again, as a client's session sends them.
 *
 * <p>Thread safety: JMH state; one cursor per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class Hs256VerifyBenchmark {
    @Param({"first-sight", "repeated"})
    public String tokens;

    String[] pool;
    JwtManager ours;
    OtherLibraries others;
    JdkFloor floor;

    @Setup
    public void setUp() {
        pool = Fixtures.tokens(Fixtures.hs256Manager(),
                "repeated".equals(tokens) ? Fixtures.REPEATED_TOKENS : Fixtures.FIRST_SIGHT_TOKENS);
        ours = Fixtures.hs256Manager(); // a manager that has seen none of them
        others = new OtherLibraries(Fixtures.SECRET_BYTES);
        floor = new JdkFloor(Fixtures.SECRET_BYTES);
    }

    /** The next token (or request) for this thread, round the pool. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        <T> T next(T[] pool) {
            T t = pool[next];
            next = next + 1 == pool.length ? 0 : next + 1;
            return t;
        }
    }

    @Benchmark
    public String jwtExtended(Cursor c) {
        return ours.decodeToken(c.next(pool)).identityAsString();
    }

    @Benchmark
    public String jdkFloor(Cursor c) {
        return floor.verify(c.next(pool), System.currentTimeMillis() / 1000);
    }

    @Benchmark
    public String nimbus(Cursor c) {
        return others.nimbusVerify(c.next(pool));
    }

    @Benchmark
    public String jjwt(Cursor c) {
        return others.jjwtVerify(c.next(pool));
    }

    @Benchmark
    public String auth0(Cursor c) {
        return others.auth0Verify(c.next(pool));
    }
}
