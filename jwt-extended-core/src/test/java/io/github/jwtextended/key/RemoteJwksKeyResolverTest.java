package io.github.jwtextended.key;

import io.github.jwtextended.fixtures.MutableClock;
import com.sun.net.httpserver.HttpServer;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.json.StrictJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.jwtextended.error.InvalidTokenException.Reason.SIGNATURE;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link RemoteJwksKeyResolver} against a real HTTP server on 127.0.0.1: caching, refetch on an
 * unknown {@code kid} (rate limited), last good keys kept through errors, timeouts and bad
 * documents, size cap, no redirects, no request ever caused by a token's own headers, and each
 * fetch's outcome reported to the listener.
 */
class RemoteJwksKeyResolverTest {
    private HttpServer server;
    private volatile String document;
    private volatile int status = 200;
    private volatile long delayMillis;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final MutableClock clock = new MutableClock(NOW);
    private final KeyGenerator.Generated a = TestKeyPairs.of(JwsAlgorithm.ES256);
    private final KeyGenerator.Generated b = TestKeyPairs.fresh(JwsAlgorithm.ES256, "ES256-b");

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            hits.computeIfAbsent(ex.getRequestURI().getPath(), k -> new AtomicInteger()).incrementAndGet();
            try {
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            if (ex.getRequestURI().getPath().equals("/moved")) {
                ex.getResponseHeaders().add("Location", "/jwks.json");
                ex.sendResponseHeaders(302, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            } catch (IOException ignored) {
                // client gave up (timeout test)
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        document = Jwks.publicJson(List.of(a.key()));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** Waits (up to 10 s) until {@code condition} holds: routine refreshes run in the background. */
    private static void eventually(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private RemoteJwksKeyResolver.Builder resolver() {
        return RemoteJwksKeyResolver.builder(url("/jwks.json")).clock(clock)
                .cacheTtl(Duration.ofMinutes(5)).refetchInterval(Duration.ofSeconds(30))
                .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(2)); // generous: CI machines can be loaded
    }

    @Test
    void keysAreCachedForTheirLifetime() {
        RemoteJwksKeyResolver r = resolver().build();
        assertThat(r.verificationKeys()).isEmpty(); // nothing fetched before the first lookup
        for (int i = 0; i < 20; i++) {
            assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        }
        assertThat(hits("/jwks.json")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(4));
        r.verificationKey(JwsAlgorithm.ES256, a.keyId());
        assertThat(hits("/jwks.json")).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1));
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).as("the cached key meanwhile").isNotNull();
        eventually(() -> hits("/jwks.json") == 2, "one background refresh");
        eventually(() -> clock.instant().equals(r.fetchedAt()), "the refreshed keys in use");
        assertThat(hits("/jwks.json")).isEqualTo(2);
        assertThatThrownBy(r::signingKey).isInstanceOf(IllegalStateException.class);
        // The key is bound to its algorithm: ES384 or HS256 lookups find nothing.
        assertThat(r.verificationKey(JwsAlgorithm.ES384, a.keyId())).isNull();
        assertThat(r.verificationKey(JwsAlgorithm.HS256, a.keyId())).isNull();
    }

    @Test
    void anUnknownKidTriggersOneRateLimitedRefetch() {
        RemoteJwksKeyResolver r = resolver().build();
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        clock.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 100; i++) {
            assertThat(r.verificationKey(JwsAlgorithm.ES256, "made-up-" + i)).isNull();
        }
        assertThat(hits("/jwks.json")).isEqualTo(2); // one refetch for a hundred unknown kids
        // The issuer publishes a new key: it is found on the next refetch allowed.
        document = Jwks.publicJson(List.of(a.key(), b.key()));
        assertThat(r.verificationKey(JwsAlgorithm.ES256, b.keyId())).isNull(); // still rate limited
        clock.advance(Duration.ofSeconds(30));
        assertThat(r.verificationKey(JwsAlgorithm.ES256, b.keyId())).isNotNull();
        assertThat(hits("/jwks.json")).isEqualTo(3);
    }

    @Test
    void theLastGoodKeysAreKeptWhileTheUrlFails() {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        RemoteJwksKeyResolver r = resolver().listener((outcome, keys) -> heard.add(outcome.tag() + " " + keys)).build();
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        String good = document;
        List<Runnable> failures = List.of(
                () -> status = 500,
                () -> { status = 200; document = "not json"; },
                () -> document = "{\"keys\":[" + a.privateJwk() + "]}",
                () -> document = "{\"keys\":[{\"kty\":\"oct\",\"alg\":\"HS256\",\"k\":\"" + "A".repeat(43) + "\"}]}",
                () -> document = "{\"keys\":[" + a.publicJwk() + "," + a.publicJwk() + "]}",
                () -> document = "{\"keys\":[" + a.publicJwk().replace("\"use\":\"sig\"", "\"use\":\"enc\"") + "]}",
                () -> document = "{\"keys\":[" + a.publicJwk() + "],\"pad\":\"" + "x".repeat(300_000) + "\"}",
                () -> { document = good; delayMillis = 8000; });
        int expectedHits = 1;
        for (Runnable failure : failures) {
            failure.run();
            clock.advance(Duration.ofMinutes(6));
            long t0 = System.nanoTime();
            assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).as("keys kept").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("no wait for the refresh").isLessThan(Duration.ofMillis(1000));
            expectedHits++;
            long hitsNow = expectedHits;
            eventually(() -> r.fetchCount() == hitsNow, "background fetch number " + hitsNow);
            // Rate limited while failing: no new attempt within the refetch interval.
            r.verificationKey(JwsAlgorithm.ES256, "unknown");
            assertThat(r.fetchCount()).isEqualTo(expectedHits);
        }
        assertThat(r.fetchedAt()).isEqualTo(NOW);
        // Back to normal: fresh keys.
        delayMillis = 0;
        document = good;
        clock.advance(Duration.ofMinutes(6));
        r.verificationKey(JwsAlgorithm.ES256, a.keyId());
        eventually(() -> clock.instant().equals(r.fetchedAt()), "fresh keys after the outage");
        // each fetch was reported with its cause and the keys in use after it
        eventually(() -> heard.size() == 10, "every fetch reported");
        assertThat(heard).containsExactly("success 1", "http_status 1", "invalid_document 1", "invalid_document 1",
                "invalid_document 1", "invalid_document 1", "invalid_document 1", "too_large 1", "timeout 1", "success 1");
    }

    /**
     * A fetch whose connection is refused is reported as {@code network}, with no keys in use; and
     * a manager's listener hears the fetches of the resolver it builds from its configuration
     * (the other outcomes: {@link #theLastGoodKeysAreKeptWhileTheUrlFails}).
     */
    @Test
    void aRefusedFetchAndAManagersResolverAreReported() throws IOException {
        List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RemoteJwksKeyResolver refused = RemoteJwksKeyResolver.builder(URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"))
                .clock(clock).listener((outcome, keys) -> heard.add(outcome.tag() + " " + keys)).build();
        assertThat(refused.refresh()).isFalse();
        assertThat(heard).containsExactly("network 0");

        heard.clear();
        JwtManager verifier = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                .withRemote(rj -> rj.withUrl(url("/jwks.json")))).build()).clock(clock)
                .listener(new io.github.jwtextended.event.JwtListener() {
                    @Override
                    public void jwksFetch(JwksFetchOutcome outcome, int keys) {
                        heard.add(outcome.tag() + " " + keys);
                    }
                }).build();
        assertThat(verifier.keyResolver().verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        assertThat(heard).containsExactly("success 1");
    }

    /**
     * Keys older than their maximum staleness are no longer trusted while the URL fails: a lookup
     * tries a fetch itself and, failing, answers the outage (503 through the manager, the token not
     * blamed); the first fetch that succeeds ends it. The default bound is a day.
     */
    @Test
    void keysOlderThanTheirMaxStalenessAnswer503UntilAFetchSucceeds() {
        assertThat(RemoteJwks.NONE.maxStaleness()).isEqualTo(Duration.ofHours(24));
        RemoteJwksKeyResolver byDefault = resolver().build();
        assertThat(byDefault.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        RemoteJwksKeyResolver r = resolver().maxStaleness(Duration.ofMinutes(30)).build();
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        status = 503;
        clock.advance(Duration.ofMinutes(29));
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).as("stale, within the bound").isNotNull();
        eventually(() -> r.fetchCount() == 2, "the failing background refresh");
        clock.advance(Duration.ofMinutes(2));
        assertThatThrownBy(() -> r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isInstanceOf(StoreUnavailableException.class)
                .hasMessage(RemoteJwksKeyResolver.KEYS_UNAVAILABLE)
                .satisfies(e -> assertThat(((StoreUnavailableException) e).kind()).isEqualTo(ErrorKind.STORE_UNAVAILABLE));
        assertThat(r.fetchCount()).as("the request tried a fetch itself").isEqualTo(3);
        assertThatThrownBy(() -> r.verificationKey(JwsAlgorithm.ES256, "unknown")).isInstanceOf(StoreUnavailableException.class);
        assertThat(r.fetchCount()).as("rate limited").isEqualTo(3);
        // The default bound: a day after the last good fetch, even a routine lookup of a known key is refused.
        clock.advance(Duration.ofHours(24).minusMinutes(31));
        assertThatThrownBy(() -> byDefault.verificationKey(JwsAlgorithm.ES256, a.keyId())).isInstanceOf(StoreUnavailableException.class);
        // The URL is back: the next lookup allowed to fetch brings fresh keys, with no restart.
        status = 200;
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        assertThat(r.fetchedAt()).isEqualTo(clock.instant());
        assertThatThrownBy(() -> byDefault.verificationKey(JwsAlgorithm.ES256, a.keyId())).as("its last attempt was just now")
                .isInstanceOf(StoreUnavailableException.class);
        clock.advance(Duration.ofSeconds(30));
        assertThat(byDefault.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        // Through a manager: a valid token answers 503 with the outage's message, not 422.
        JwtManager issuer = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                .withPem(p -> p.withPrivateKey(a.privatePem())).withSigningKid(a.keyId())).build()).clock(clock).build();
        JwtManager verifier = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)
                .withRemote(rj -> rj.withUrl(url("/jwks.json")).withMaxStaleness(Duration.ofMinutes(10)))).build()).clock(clock).build();
        String token = issuer.createAccessToken("alice");
        assertThat(verifier.decodeToken(token).identity()).isEqualTo("alice");
        status = 500;
        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> verifier.decodeToken(token)).isInstanceOfSatisfying(StoreUnavailableException.class, e -> {
            assertThat(verifier.errorResponse(e).status()).isEqualTo(503);
            assertThat(verifier.errorResponse(e).body()).isEqualTo(Map.of("msg", RemoteJwksKeyResolver.KEYS_UNAVAILABLE));
        });
        status = 200;
        clock.advance(Duration.ofSeconds(30));
        assertThat(verifier.decodeToken(token).identity()).isEqualTo("alice");
        assertThatThrownBy(() -> resolver().cacheTtl(Duration.ofMinutes(10)).maxStaleness(Duration.ofMinutes(5)).build())
                .hasMessage("maxStaleness must be at least cacheTtl");
    }

    /**
     * {@code keysInUse()} tells the resolver's own judgement, by its clock and its maximum staleness:
     * usable exactly while a lookup finds keys, unusable (before the first fetch, and past the bound
     * while fetches fail) exactly while a lookup answers 503.
     */
    @Test
    void keysInUseAgreesWithLookups() {
        RemoteJwksKeyResolver r = resolver().maxStaleness(Duration.ofMinutes(30)).build();
        RemoteJwksKeyResolver.KeysInUse none = r.keysInUse();
        assertThat(none.usable()).isFalse();
        assertThat(none.count()).isZero();
        assertThat(none.fetchedAt()).isNull();
        assertThat(none.age()).isNull();
        assertThat(none.maxStaleness()).isEqualTo(Duration.ofMinutes(30));
        assertThat(none.checkedAt()).isEqualTo(NOW);
        assertThat(r.fetchCount()).as("reading it never fetches").isZero();

        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        RemoteJwksKeyResolver.KeysInUse fresh = r.keysInUse();
        assertThat(fresh.usable()).isTrue();
        assertThat(fresh.count()).isEqualTo(1);
        assertThat(fresh.fetchedAt()).isEqualTo(NOW);
        assertThat(fresh.age()).isEqualTo(Duration.ZERO);

        status = 503;
        clock.advance(Duration.ofMinutes(30).minusMillis(1));
        assertThat(r.keysInUse().usable()).as("within the bound").isTrue();
        assertThat(r.keysInUse().age()).isEqualTo(Duration.ofMinutes(30).minusMillis(1));
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        eventually(() -> r.fetchCount() == 2, "the failing background refresh");
        clock.advance(Duration.ofMillis(1));
        assertThat(r.keysInUse().usable()).as("at the bound").isFalse();
        assertThatThrownBy(() -> r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isInstanceOf(StoreUnavailableException.class);
        assertThat(r.keysInUse().count()).as("the last good keys are still held").isEqualTo(1);

        status = 200;
        clock.advance(Duration.ofSeconds(30));
        assertThat(r.refresh()).isTrue();
        assertThat(r.keysInUse().usable()).isTrue();
        assertThat(r.keysInUse().age()).isEqualTo(Duration.ZERO);
        assertThat(r.shownUrl()).isEqualTo(RemoteJwksKeyResolver.shown(url("/jwks.json")));
    }

    /**
     * An unknown {@code kid} costs one fetch per refetch interval for every request waiting on it:
     * many threads at once with a kid the cache lacks cause exactly one request to the URL, and all
     * of them get the key that fetch brought.
     */
    @Test
    void concurrentLookupsOfAnUnknownKidShareOneFetch() throws Exception {
        int threads = 32;
        delayMillis = 200; // the fetch is slow: the other lookups arrive while it runs
        RemoteJwksKeyResolver cold = resolver().build();
        assertThat(all(threads, () -> cold.verificationKey(JwsAlgorithm.ES256, "made-up"))).containsOnlyNulls();
        assertThat(hits("/jwks.json")).as("a cold cache and an unknown kid: one fetch").isEqualTo(1);

        RemoteJwksKeyResolver r = resolver().build();
        assertThat(r.verificationKey(JwsAlgorithm.ES256, a.keyId())).isNotNull();
        assertThat(hits("/jwks.json")).isEqualTo(2);
        document = Jwks.publicJson(List.of(a.key(), b.key())); // the issuer adds a key
        clock.advance(Duration.ofSeconds(31));
        List<JwtKey> found = all(threads, () -> r.verificationKey(JwsAlgorithm.ES256, b.keyId()));
        assertThat(hits("/jwks.json")).as("one refetch for all the waiting requests").isEqualTo(3);
        assertThat(found).hasSize(threads).allSatisfy(k -> assertThat(k.keyId()).isEqualTo(b.keyId()));
        assertThat(all(threads, () -> r.verificationKey(JwsAlgorithm.ES256, "made-up"))).containsOnlyNulls();
        assertThat(hits("/jwks.json")).as("within the interval: none").isEqualTo(3);
    }

    /** Runs {@code lookup} on {@code n} threads released at once; their answers. */
    private static List<JwtKey> all(int n, java.util.concurrent.Callable<JwtKey> lookup) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        try {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(n);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<JwtKey>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return lookup.call();
                }));
            }
            ready.await();
            go.countDown();
            List<JwtKey> out = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<JwtKey> f : answers) {
                out.add(f.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unreachableUrlsAndRedirectsGiveNoKeys() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        RemoteJwksKeyResolver refused = RemoteJwksKeyResolver.builder(URI.create("http://127.0.0.1:" + closedPort + "/jwks.json"))
                .clock(clock).connectTimeout(Duration.ofMillis(500)).build();
        // No keys at all: the outage answer (503), not a verdict on the token.
        assertThatThrownBy(() -> refused.verificationKey(JwsAlgorithm.ES256, a.keyId())).isInstanceOf(StoreUnavailableException.class);
        RemoteJwksKeyResolver moved = RemoteJwksKeyResolver.builder(url("/moved")).clock(clock).build();
        assertThatThrownBy(() -> moved.verificationKey(JwsAlgorithm.ES256, a.keyId())).isInstanceOf(StoreUnavailableException.class);
        assertThat(hits("/moved")).isEqualTo(1);
        assertThat(hits("/jwks.json")).isZero(); // the redirect was not followed
        assertThatThrownBy(() -> RemoteJwksKeyResolver.builder(URI.create("http://issuer.example/jwks.json")).build())
                .hasMessageContaining("https");
    }

    /**
     * Plain http only to a loopback literal, decided on the parsed host without any lookup: names
     * that merely start like a loopback address (DNS an attacker controls may point them anywhere),
     * user-info tricks and numeric forms resolvers disagree on are refused, by the resolver and by
     * the configuration alike.
     */
    @Test
    void plainHttpIsAllowedOnlyToALoopbackLiteral() {
        List<String> refused = List.of("http://127.evil.example/jwks.json", "http://127.0.0.1.evil.example/jwks.json",
                "http://127.0.0.1.nip.io/jwks.json", "http://localhost.evil.example/jwks.json", "http://127.0.0.1@evil.example/jwks.json",
                "http://evil.example#@127.0.0.1/jwks.json", "http://127.1/jwks.json", "http://2130706433/jwks.json",
                "http://0177.0.0.1/jwks.json", "http://127.0.0.01/jwks.json", "http://127.0.0.256/jwks.json", "http://128.0.0.1/jwks.json",
                "http://[::2]/jwks.json", "http://[::ffff:127.0.0.1]/jwks.json", "http://[fe80::1%25lo]/jwks.json",
                "http://0.0.0.0/jwks.json", "ftp://127.0.0.1/jwks.json", "//127.0.0.1/jwks.json", "http:///jwks.json");
        for (String u : refused) {
            URI url = URI.create(u);
            assertThat(RemoteJwks.isAllowedUrl(url)).as(u).isFalse();
            assertThatThrownBy(() -> RemoteJwksKeyResolver.builder(url).build()).as(u).hasMessageContaining("loopback");
            assertThatThrownBy(() -> JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withRemote(r -> r.withUrl(url))).build())
                    .as(u).hasMessageContaining("keys.remote.url must be an https URL");
        }
        List<String> allowed = List.of("http://127.0.0.1/jwks.json", "http://127.0.0.1:8080/jwks.json", "http://127.255.255.254/jwks.json",
                "http://127.10.0.1:9/jwks.json", "http://localhost:8080/jwks.json", "http://LocalHost/jwks.json", "http://[::1]/jwks.json",
                "http://[::1]:8443/jwks.json", "http://[0:0:0:0:0:0:0:1]/jwks.json", "HTTP://127.0.0.1/jwks.json",
                "https://issuer.example/jwks.json", "https://127.evil.example/jwks.json");
        for (String u : allowed) {
            URI url = URI.create(u);
            assertThat(RemoteJwks.isAllowedUrl(url)).as(u).isTrue();
            assertThat(RemoteJwksKeyResolver.builder(url).build()).as(u).isNotNull();
            assertThat(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withRemote(r -> r.withUrl(url))).build()
                    .keys().remote().url()).as(u).isEqualTo(url);
        }
    }

    @Test
    void aManagerVerifiesRemoteTokensAndNeverFollowsTheTokensOwnKeyUrls() {
        JwtConfig issuerConfig = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withPem(p -> p.withPrivateKey(a.privatePem())).withSigningKid(a.keyId())).build();
        JwtManager issuer = JwtManager.builder(issuerConfig).clock(clock).build();
        JwtConfig verifierConfig = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withRemote(r -> r.withUrl(url("/jwks.json"))))
                .keys(k -> k.withRemote(r -> r.withReadTimeout(Duration.ofSeconds(2)))).build();
        JwtManager verifier = JwtManager.builder(verifierConfig).clock(clock).build();
        assertThat(verifier.decodeToken(issuer.createAccessToken("alice")).identity()).isEqualTo("alice");

        KeyGenerator.Generated attacker = TestKeyPairs.fresh(JwsAlgorithm.ES256, "evil");
        for (String param : List.of("jku", "x5u")) {
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("alg", "ES256");
            h.put("kid", "evil");
            h.put(param, url("/evil.json").toString());
            h.put("jwk", attacker.key().publicJwkMap());
            String input = Forge.b64(StrictJson.write(h)) + "." + Forge.b64("{\"sub\":\"admin\",\"type\":\"access\",\"fresh\":false,\"jti\":\"j\"}");
            String token = input + "." + Forge.b64(attacker.key().sign(input.getBytes(StandardCharsets.US_ASCII)));
            assertThatThrownBy(() -> verifier.decodeToken(token)).satisfies(invalidToken(SIGNATURE));
            clock.advance(Duration.ofMinutes(1)); // let the unknown kid refetch the configured URL again
        }
        assertThat(hits("/evil.json")).isZero();
        assertThat(hits("/jwks.json")).isBetween(2, 3);
    }

    @Test
    void itsUrlIsShownWithoutUserInformationQueryOrFragment() {
        URI url = URI.create("https://reader:s3cret@idp.example:8443/keys/jwks.json?api_key=abc#x");
        assertThat(RemoteJwksKeyResolver.shown(url)).isEqualTo("https://idp.example:8443/keys/jwks.json");
        assertThat(RemoteJwksKeyResolver.builder(url).build().toString())
                .doesNotContain("s3cret").doesNotContain("api_key").doesNotContain("reader");
    }
}
