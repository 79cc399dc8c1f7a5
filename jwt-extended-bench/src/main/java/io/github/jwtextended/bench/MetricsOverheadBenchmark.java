package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.micrometer.MeteredRevocationStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What metrics cost on a request's verification: first-sight HS256 {@code verifyRequest} (a
 * different token every call, so every call parses and checks the signature) under
 * {@code @jwt_required()} with the in-memory revocation store, {@code plain} without a listener and
 * {@code metered} with {@link JwtMetrics} and the store wrapped in {@link MeteredRevocationStore}
 * (its timer publishing percentiles and a histogram), both on one registry kind.
 *
 * <p>On a shared machine, run {@link #main} instead: it interleaves the two in short slices and
 * reports the median of the per-round ratios, which load arriving or leaving cannot bend:
 * <pre>java -cp jwt-extended-bench/target/benchmarks.jar io.github.jwtextended.bench.MetricsOverheadBenchmark [rounds] [sliceMillis]</pre>
 *
 * <p>Thread safety: JMH state; one cursor per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class MetricsOverheadBenchmark {
    JwtRequest[] pool;
    JwtManager plain;
    JwtManager metered;
    /** {@link JwtMetrics} only, the store not timed (for {@link #main}). */
    JwtManager counted;
    SimpleMeterRegistry registry;

    @Setup
    public void setUp() {
        String[] tokens = Fixtures.tokens(Fixtures.hs256Manager(), Fixtures.FIRST_SIGHT_TOKENS);
        pool = new JwtRequest[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            pool[i] = new BearerRequest(List.of("Bearer " + tokens[i]));
        }
        plain = JwtManager.builder(Fixtures.hs256Config()).revocationStore(new InMemoryRevocationStore()).build();
        registry = new SimpleMeterRegistry();
        metered = JwtManager.builder(Fixtures.hs256Config())
                .revocationStore(new MeteredRevocationStore(new InMemoryRevocationStore(), registry))
                .listener(new JwtMetrics(registry)).build();
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        counted = JwtManager.builder(Fixtures.hs256Config()).revocationStore(new InMemoryRevocationStore())
                .listener(new JwtMetrics(other)).build();
    }

    @Benchmark
    public String plain(Hs256VerifyBenchmark.Cursor c) {
        return plain.verifyRequest(c.next(pool), Guard.required()).identityAsString();
    }

    @Benchmark
    public String metered(Hs256VerifyBenchmark.Cursor c) {
        return metered.verifyRequest(c.next(pool), Guard.required()).identityAsString();
    }

    /**
     * The interleaved comparison: each round runs plain, counters only ({@link JwtMetrics}) and
     * metered (counters and the store's timer) for a slice each, the order rotating; printed: the
     * median, over the rounds, of each one's throughput over plain's in the same round.
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long slice = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        MetricsOverheadBenchmark b = new MetricsOverheadBenchmark();
        b.setUp();
        int n = b.pool.length;
        List<InterleavedRatios.Contender> all = List.of(
                new InterleavedRatios.Contender("plain", i -> b.plain.verifyRequest(b.pool[i % n], Guard.required()).identityAsString()),
                new InterleavedRatios.Contender("counters only",
                        i -> b.counted.verifyRequest(b.pool[(i + n / 3) % n], Guard.required()).identityAsString()),
                new InterleavedRatios.Contender("metered (counters and store timer)",
                        i -> b.metered.verifyRequest(b.pool[(i + 2 * n / 3) % n], Guard.required()).identityAsString()));
        InterleavedRatios.run(all, slice, rounds);
        for (InterleavedRatios.Contender c : all) {
            System.out.printf(Locale.ROOT, "%-36s median %8.0f ops/s, x plain %.3f (25th-75th %.3f - %.3f)%n", c.name,
                    InterleavedRatios.percentile(c.opsPerSecond, 50), InterleavedRatios.percentile(c.ratios, 50),
                    InterleavedRatios.percentile(c.ratios, 25), InterleavedRatios.percentile(c.ratios, 75));
        }
    }

    /** A GET request carrying only an {@code Authorization: Bearer} header. */
    record BearerRequest(List<String> authorization) implements JwtRequest {
        @Override
        public String method() {
            return "GET";
        }

        @Override
        public List<String> headers(String name) {
            return "Authorization".equalsIgnoreCase(name) ? authorization : List.of();
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public List<String> queryParams(String name) {
            return List.of();
        }

        @Override
        public long declaredBodyLength() {
            return 0;
        }

        @Override
        public InputStream bodyStream() {
            return InputStream.nullInputStream();
        }

        @Override
        public String containerFormParam(String name) {
            return null;
        }
    }
}
