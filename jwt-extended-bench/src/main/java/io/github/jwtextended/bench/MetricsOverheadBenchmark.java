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
import java.util.concurrent.TimeUnit;

/**
 * What metrics cost on a request's verification: first-sight HS256 {@code verifyRequest} (a
 * different token every call, so every call parses and checks the signature) under
 * {@code @jwt_required()} with the in-memory revocation store, {@code plain} without a listener and
 * {@code metered} with {@link JwtMetrics} and the store wrapped in {@link MeteredRevocationStore}
 * (its timer publishing percentiles and a histogram), both on one registry kind.
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
    }

    /** The next request for this thread. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        JwtRequest next(JwtRequest[] pool) {
            JwtRequest r = pool[next];
            next = next + 1 == pool.length ? 0 : next + 1;
            return r;
        }
    }

    @Benchmark
    public String plain(Cursor c) {
        return plain.verifyRequest(c.next(pool), Guard.required()).identityAsString();
    }

    @Benchmark
    public String metered(Cursor c) {
        return metered.verifyRequest(c.next(pool), Guard.required()).identityAsString();
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
