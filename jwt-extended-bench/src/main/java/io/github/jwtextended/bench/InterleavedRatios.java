package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The HS256 verify ratios of docs/benchmarks.md measured so that other load on a shared machine
 * cancels out: every contender runs for a short slice in turn (the order rotating each round), and
 * each round's throughput is divided by the JDK floor's throughput in the same round; the median of
 * those per-round ratios is reported. JMH (the other benchmarks of this module) gives the absolute
 * numbers and allocation; this gives ratios that load arriving or leaving between two JMH runs
 * cannot bend.
 *
 * <pre>java -cp jwt-extended-bench/target/benchmarks.jar io.github.jwtextended.bench.InterleavedRatios [rounds] [sliceMillis] [out.json]</pre>
 *
 * <p>Thread safety: single-threaded main.
 */
public final class InterleavedRatios {
    private static volatile int sink;

    private InterleavedRatios() {
    }

    /** One contender: a name and an operation on the i-th call (also {@link MetricsOverheadBenchmark#main}'s). */
    static final class Contender {
        final String name;
        final IntFunction<String> op;
        final List<Double> opsPerSecond = new ArrayList<>();
        final List<Double> ratios = new ArrayList<>();
        int calls;

        Contender(String name, IntFunction<String> op) {
            this.name = name;
            this.op = op;
        }

        double slice(long nanos) {
            long start = System.nanoTime();
            long end = start + nanos;
            int n = 0;
            int h = 0;
            long now;
            do {
                for (int k = 0; k < 64; k++) {
                    h += op.apply(calls++).length();
                }
                n += 64;
                now = System.nanoTime();
            } while (now < end);
            sink += h;
            return n * 1e9 / (now - start);
        }
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long slice = (args.length > 1 ? Long.parseLong(args[1]) : 100) * 1_000_000L;
        Path out = args.length > 2 ? Path.of(args[2]) : null;

        String[] firstSight = Fixtures.tokens(Fixtures.hs256Manager(), Fixtures.FIRST_SIGHT_TOKENS);
        String[] repeated = Arrays.copyOf(firstSight, Fixtures.REPEATED_TOKENS);
        JwtManager oursFirst = Fixtures.hs256Manager();
        JwtManager oursRepeated = Fixtures.hs256Manager();
        JdkFloor floor = new JdkFloor(Fixtures.SECRET_BYTES);
        OtherLibraries others = new OtherLibraries(Fixtures.SECRET_BYTES);
        int fs = firstSight.length;
        int rp = repeated.length;

        List<Contender> all = List.of(
                new Contender("jdkFloor first-sight", i -> floor.verify(firstSight[i % fs], System.currentTimeMillis() / 1000)),
                new Contender("jwtExtended first-sight", i -> oursFirst.decodeToken(firstSight[(i + fs / 2) % fs]).identityAsString()),
                new Contender("auth0 first-sight", i -> others.auth0Verify(firstSight[(i + fs / 3) % fs])),
                new Contender("jjwt first-sight", i -> others.jjwtVerify(firstSight[(i + fs / 5) % fs])),
                new Contender("nimbus first-sight", i -> others.nimbusVerify(firstSight[(i + fs / 7) % fs])),
                new Contender("jdkFloor repeated", i -> floor.verify(repeated[i % rp], System.currentTimeMillis() / 1000)),
                new Contender("jwtExtended repeated", i -> oursRepeated.decodeToken(repeated[i % rp]).identityAsString()));
        Contender reference = all.get(0);

        run(all, slice, rounds);

        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-26s %14s %12s %22s%n", "contender", "median ops/s", "x floor", "x floor (25th-75th)"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rounds", rounds);
        json.put("sliceMillis", slice / 1_000_000L);
        json.put("reference", reference.name);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Contender c : all) {
            double ops = percentile(c.opsPerSecond, 50);
            double ratio = percentile(c.ratios, 50);
            double lo = percentile(c.ratios, 25);
            double hi = percentile(c.ratios, 75);
            table.append(String.format(Locale.ROOT, "%-26s %14.0f %12.2f %13.2f - %.2f%n", c.name, ops, ratio, lo, hi));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", c.name);
            row.put("medianOpsPerSecond", Math.round(ops));
            row.put("ratioToFloor", round2(ratio));
            row.put("ratioP25", round2(lo));
            row.put("ratioP75", round2(hi));
            rows.add(row);
        }
        json.put("results", rows);
        System.out.print(table);
        Contender ours = all.get(1);
        Contender nimbus = all.get(4);
        List<Double> vsNimbus = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            vsNimbus.add(ours.opsPerSecond.get(r) / nimbus.opsPerSecond.get(r));
        }
        double oursVsNimbus = percentile(vsNimbus, 50);
        System.out.printf(Locale.ROOT, "jwtExtended first-sight / nimbus first-sight (median per round): %.2f%n", oursVsNimbus);
        json.put("jwtExtendedFirstSightOverNimbus", round2(oursVsNimbus));
        if (out != null) {
            Files.writeString(out, toJson(json) + "\n", StandardCharsets.UTF_8);
        }
        if (sink == 42) {
            System.out.print("");
        }
    }

    /**
     * Ten warm-up slices each, then {@code rounds} rounds of one slice per contender, the order
     * rotating each round; every contender's rate and its ratio to the first contender's in the
     * same round are recorded.
     */
    static void run(List<Contender> all, long sliceNanos, int rounds) {
        for (int w = 0; w < 10; w++) { // warm-up: every contender compiled and its caches filled
            for (Contender c : all) {
                c.slice(sliceNanos);
            }
        }
        for (int r = 0; r < rounds; r++) {
            double[] round = new double[all.size()];
            for (int k = 0; k < all.size(); k++) {
                int idx = (k + r) % all.size();
                round[idx] = all.get(idx).slice(sliceNanos);
            }
            for (int k = 0; k < all.size(); k++) {
                all.get(k).opsPerSecond.add(round[k]);
                all.get(k).ratios.add(round[k] / round[0]);
            }
        }
    }

    static double percentile(List<Double> values, int p) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double pos = (v.length - 1) * p / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return v[lo] + (v[hi] - v[lo]) * (pos - lo);
    }

    private static double round2(double d) {
        return Math.round(d * 100) / 100.0;
    }

    /** Compact JSON for maps, lists, strings and numbers (enough for the result files). */
    @SuppressWarnings("unchecked")
    public static String toJson(Object o) {
        if (o instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<String, Object> e : ((Map<String, Object>) o).entrySet()) {
                if (b.length() > 1) {
                    b.append(", ");
                }
                b.append('"').append(e.getKey()).append("\": ").append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (o instanceof List) {
            StringBuilder b = new StringBuilder("[\n  ");
            List<Object> l = (List<Object>) o;
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "" : ",\n  ").append(toJson(l.get(i)));
            }
            return b.append("\n]").toString();
        }
        if (o instanceof String) {
            return "\"" + ((String) o).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return String.valueOf(o);
    }
}
