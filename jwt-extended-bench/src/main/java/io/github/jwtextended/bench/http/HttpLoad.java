package io.github.jwtextended.bench.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP load on loopback against the example server, with wrk (Debian's {@code wrk} package): for each
 * server configuration, the example jar (or {@link LibraryServer}, the library alone) is started as
 * its own process on 127.0.0.1, {@code testuser} logs in, and wrk loads in turn, round after round (the order rotating): the open route
 * {@code GET /ping}, {@code GET /protected} with a Bearer token, {@code GET /ping} with the same
 * header, and (for the default configurations) {@code POST /protected} with the cookies and the
 * {@code X-CSRF-TOKEN} header. Configurations: the example with its SQLite store in near-cache mode
 * (its default) and strict, the library alone, and with {@code --redis} the example on Redis, strict
 * and near cache. Answers other than 2xx (a store failing closed under overload answers 503) are counted per row.
 * The table gives median throughput and p50/p99 latency over the rounds, and the median per-round
 * ratio of each protected row to the open route of the same server.
 *
 * <pre>
 * java -cp jwt-extended-bench/target/benchmarks.jar io.github.jwtextended.bench.http.HttpLoad \
 *     [--server-jar jwt-extended-example/target/jwt-extended-example.jar] [--duration 10] [--rounds 3]
 *     [--connections 16] [--warmup 5] [--out results.json] [--quiet-log]
 *     [--redis redis://127.0.0.1:6379]                         # adds the two Redis configurations
 *     [--only example|library|redis]                           # keeps only the configurations whose name starts so
 *     [--server 'name:KEY=VALUE,KEY=VALUE']                    # adds any other configuration
 * </pre>
 *
 * <p>Thread safety: single-threaded main.
 */
public final class HttpLoad {
    /** A fake signing secret for the load runs: protects nothing. */
    private static final String SECRET = "http-load-only-fake-secret-0123456789abcdef";
    /**
     * The example server's settings for its revocation store, added to {@code REDIS_URL} for the
     * Redis rows ({@code --redis URL}): strict, every check asks the store; near cache (the
     * example's default), checks answered from memory (kept current by pub/sub for Redis, by
     * polling the tables for the database).
     */
    static final Map<String, String> STRICT = Map.of("REVOCATION_NEAR_CACHE", "false");
    static final Map<String, String> NEAR_CACHE = Map.of("REVOCATION_NEAR_CACHE", "true");
    private static final Pattern RESULT = Pattern.compile("RESULT (\\{.*})");

    private HttpLoad() {
    }

    /**
     * One server configuration: a name, the environment added to the defaults, and the main class
     * run from this jar instead of the example jar (null: the example server).
     */
    record Config(String name, Map<String, String> env, boolean withCookieRow, String mainClass) {
        Config(String name, Map<String, String> env, boolean withCookieRow) {
            this(name, env, withCookieRow, null);
        }
    }

    /** One load: what wrk is asked for. */
    record Scenario(String name, String method, String path, List<String> headers) {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of("jwt-extended-example/target/jwt-extended-example.jar");
        int duration = 10;
        int rounds = 3;
        int connections = 16;
        int warmup = 5;
        boolean quietLog = false;
        String only = null;
        Path out = null;
        List<Config> configs = new ArrayList<>();
        configs.add(new Config("example, SQLite, near cache (default)", NEAR_CACHE, true));
        configs.add(new Config("example, SQLite, strict", STRICT, false));
        configs.add(new Config("library only, in-memory store", Map.of(), true, LibraryServer.class.getName()));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server-jar": jar = Path.of(args[++i]); break;
                case "--duration": duration = Integer.parseInt(args[++i]); break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                case "--connections": connections = Integer.parseInt(args[++i]); break;
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                case "--out": out = Path.of(args[++i]); break;
                case "--quiet-log": quietLog = true; break;
                case "--only": only = args[++i].toLowerCase(Locale.ROOT); break;
                case "--redis": {
                    String url = args[++i];
                    Map<String, String> strict = new LinkedHashMap<>(STRICT);
                    strict.put("REDIS_URL", url);
                    Map<String, String> near = new LinkedHashMap<>(NEAR_CACHE);
                    near.put("REDIS_URL", url);
                    configs.add(new Config("Redis revocation store, strict", strict, false));
                    configs.add(new Config("Redis revocation store, near cache", near, false));
                    break;
                }
                case "--server": {
                    String[] nameAndEnv = args[++i].split(":", 2);
                    Map<String, String> env = new LinkedHashMap<>();
                    for (String kv : nameAndEnv[1].split(",")) {
                        String[] p = kv.split("=", 2);
                        env.put(p[0], p[1]);
                    }
                    configs.add(new Config(nameAndEnv[0], env, false));
                    break;
                }
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (only != null) {
            String prefix = only;
            configs.removeIf(c -> !c.name().toLowerCase(Locale.ROOT).startsWith(prefix));
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with ./mvnw -q -pl jwt-extended-example -am package -DskipTests");
        }
        Path lua = Files.createTempFile("http-load", ".lua");
        try (InputStream in = HttpLoad.class.getResourceAsStream("report.lua")) {
            Files.write(lua, in.readAllBytes());
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "wrk: 1 thread, %d connections, %d s per run, %d rounds (median shown)%n%n", connections, duration, rounds));
        table.append("| server | request | requests/s | p50 | p99 | x open route (median; per round) | non-2xx |\n"
                + "| --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
        for (Config config : configs) {
            try (ServerProcess server = ServerProcess.start(jar, config, quietLog)) {
                Session s = Session.login(server.port);
                List<Scenario> scenarios = new ArrayList<>();
                scenarios.add(new Scenario("GET /ping (open)", "GET", "/ping", List.of()));
                scenarios.add(new Scenario("GET /protected, Bearer", "GET", "/protected", List.of("Authorization: Bearer " + s.access)));
                // The open route sent the same bytes: what the header alone costs the server.
                scenarios.add(new Scenario("GET /ping with the same Authorization header (open)", "GET", "/ping",
                        List.of("Authorization: Bearer " + s.access)));
                if (config.withCookieRow()) {
                    scenarios.add(new Scenario("POST /protected, cookie + CSRF", "POST", "/protected",
                            List.of("Cookie: " + s.cookieHeader, "X-CSRF-TOKEN: " + s.csrf)));
                }
                for (Scenario sc : scenarios) {
                    s.check(sc);
                }
                Map<Scenario, List<Map<String, Double>>> results = new LinkedHashMap<>();
                for (Scenario sc : scenarios) {
                    wrk(lua, server.port, sc, connections, warmup); // warm-up, not recorded
                    results.put(sc, new ArrayList<>());
                }
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < scenarios.size(); k++) {
                        Scenario sc = scenarios.get((k + r) % scenarios.size());
                        results.get(sc).add(wrk(lua, server.port, sc, connections, duration));
                    }
                }
                List<Map<String, Double>> open = results.get(scenarios.get(0));
                for (Scenario sc : scenarios) {
                    List<Map<String, Double>> runs = results.get(sc);
                    List<Double> ratios = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        ratios.add(runs.get(r).get("rps") / open.get(r).get("rps"));
                    }
                    double rps = median(runs, "rps");
                    double p50 = median(runs, "p50_us");
                    double p99 = median(runs, "p99_us");
                    double ratio = median(ratios);
                    long non2xx = 0;
                    StringBuilder perRoundRatios = new StringBuilder();
                    for (int r = 0; r < rounds; r++) {
                        non2xx += runs.get(r).get("non2xx").longValue() + runs.get(r).get("socket_errors").longValue();
                        perRoundRatios.append(r == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", ratios.get(r)));
                    }
                    table.append(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f ms | %.2f ms | %.2f (%s) | %d |%n",
                            config.name(), sc.name(), rps, p50 / 1000, p99 / 1000, ratio, perRoundRatios, non2xx));
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("server", config.name());
                    row.put("request", sc.name());
                    row.put("requestsPerSecond", Math.round(rps));
                    row.put("p50Millis", Math.round(p50 / 10) / 100.0);
                    row.put("p99Millis", Math.round(p99 / 10) / 100.0);
                    row.put("ratioToOpen", Math.round(ratio * 100) / 100.0);
                    row.put("non2xxOrSocketErrors", non2xx);
                    List<Long> perRound = new ArrayList<>();
                    for (Map<String, Double> run : runs) {
                        perRound.add(Math.round(run.get("rps")));
                    }
                    row.put("requestsPerSecondPerRound", perRound);
                    rows.add(row);
                }
            }
        }
        System.out.print(table);
        if (out != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("connections", connections);
            json.put("durationSeconds", duration);
            json.put("rounds", rounds);
            json.put("results", rows);
            Files.writeString(out, io.github.jwtextended.bench.InterleavedRatios.toJson(json) + "\n", StandardCharsets.UTF_8);
        }
        Files.deleteIfExists(lua);
    }

    /** Runs wrk once; non-2xx answers and socket errors are counted in the result (and the table). */
    private static Map<String, Double> wrk(Path lua, int port, Scenario sc, int connections, int seconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", lua.toString()));
        for (String h : sc.headers()) {
            cmd.add("-H");
            cmd.add(h);
        }
        cmd.add("http://127.0.0.1:" + port + sc.path());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("WRK_METHOD", sc.method());
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed for " + sc.name());
        }
        Matcher m = RESULT.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no result from wrk for " + sc.name() + ":\n" + output);
        }
        Map<String, Double> r = new LinkedHashMap<>();
        for (String kv : m.group(1).replaceAll("[{}\" ]", "").split(",")) {
            String[] p2 = kv.split(":");
            r.put(p2[0], Double.parseDouble(p2[1]));
        }
        if (r.get("non2xx") > 0 || r.get("socket_errors") > 0) {
            // Reported in the table (a store that fails closed under overload answers 503), never hidden.
            System.err.println(sc.name() + ": " + r.get("non2xx").longValue() + " non-2xx answers, "
                    + r.get("socket_errors").longValue() + " socket errors");
        }
        r.put("rps", r.get("requests") * 1e6 / r.get("duration_us"));
        return r;
    }

    private static double median(List<Map<String, Double>> runs, String key) {
        List<Double> v = new ArrayList<>();
        for (Map<String, Double> run : runs) {
            v.add(run.get(key));
        }
        return median(v);
    }

    private static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(Double::compare);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** The example server as its own process on a free loopback port, in a temporary data folder. */
    static final class ServerProcess implements AutoCloseable {
        final Process process;
        final int port;
        final Path dataDir;

        private ServerProcess(Process process, int port, Path dataDir) {
            this.process = process;
            this.port = port;
            this.dataDir = dataDir;
        }

        static ServerProcess start(Path jar, Config config, boolean quietLog) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Path dataDir = Files.createTempDirectory("http-load-data");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            if (quietLog) {
                cmd.add("-Dorg.slf4j.simpleLogger.log.jwt-extended-example.requests=warn");
            }
            if (config.mainClass() == null) {
                cmd.add("-jar");
                cmd.add(jar.toString());
            } else {
                cmd.add("-cp");
                cmd.add(Path.of(HttpLoad.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
                cmd.add(config.mainClass());
            }
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("server.log").toFile());
            Map<String, String> env = pb.environment();
            env.keySet().removeIf(k -> k.startsWith("JWT_") || k.startsWith("REDIS_") || k.equals("DATABASE_URL"));
            env.put("HOST", "127.0.0.1");
            env.put("PORT", String.valueOf(port));
            env.put("DATA_DIR", dataDir.toString());
            env.put("DEMO_USERS", "true");
            env.put("JWT_SECRET_KEY", SECRET);
            env.put("JWT_ACCESS_TOKEN_EXPIRES", "3600");
            env.putAll(config.env());
            Process p = pb.start();
            ServerProcess sp = new ServerProcess(p, port, dataDir);
            HttpClient client = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the server stopped at start; see " + dataDir.resolve("server.log"));
                }
                try {
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return sp;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            sp.close();
            throw new IllegalStateException("the server did not answer within 90 s");
        }

        @Override
        public void close() {
            process.destroy(); // SIGTERM: the server shuts down cleanly
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** testuser's tokens, cookies and CSRF value, from one login. */
    static final class Session {
        final HttpClient client = HttpClient.newHttpClient();
        final int port;
        final String access;
        final String cookieHeader;
        final String csrf;

        private Session(int port, String access, String cookieHeader, String csrf) {
            this.port = port;
            this.access = access;
            this.cookieHeader = cookieHeader;
            this.csrf = csrf;
        }

        static Session login(int port) throws IOException, InterruptedException {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"testuser\", \"password\": \"testpass\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("login answered " + r.statusCode());
            }
            Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(r.body());
            if (!m.find()) {
                throw new IllegalStateException("no access token in the login answer");
            }
            Map<String, String> cookies = new LinkedHashMap<>();
            for (String sc : r.headers().allValues("Set-Cookie")) {
                String pair = sc.split(";", 2)[0];
                String[] kv = pair.split("=", 2);
                cookies.put(kv[0], kv[1]);
            }
            String cookieHeader = "access_token_cookie=" + cookies.get("access_token_cookie")
                    + "; csrf_access_token=" + cookies.get("csrf_access_token");
            return new Session(port, m.group(1), cookieHeader, cookies.get("csrf_access_token"));
        }

        /** The scenario answers 200 before it is loaded. */
        void check(Scenario sc) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + sc.path()))
                    .method(sc.method(), HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10));
            for (String h : sc.headers()) {
                String[] kv = h.split(": ", 2);
                b.header(kv[0], kv[1]);
            }
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(sc.name() + " answered " + r.statusCode() + " before the load");
            }
        }
    }
}
