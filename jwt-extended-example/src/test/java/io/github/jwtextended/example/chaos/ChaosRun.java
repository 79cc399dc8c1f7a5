package io.github.jwtextended.example.chaos;

import io.github.jwtextended.example.Server;
import io.github.jwtextended.example.TestServers;
import io.github.jwtextended.example.flow.Client;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One chaos run: three example servers on one {@link Deployment}, six threads sending protected
 * requests to all three (half with valid tokens, half with tokens whose logout was acknowledged,
 * mostly recent ones), two sending logouts, the deployment's fault injected after 4 s, and the run
 * ending once the 503s have stopped for 4 s (at most 40 s after the fault). Every request and every
 * acknowledged logout goes into a {@link Ledger}. It asserts that no answer but 200, 401 or 503
 * came, that no token was accepted once its logout had been acknowledged before the request began
 * (with the near cache: beyond {@code boundNanos}, on another instance), that the fault showed as
 * 503s and that they stopped by themselves, nothing restarted; it prints the {@link Figures} and
 * returns them, the lost acknowledged revocations counted by the deployment, for the test to judge.
 *
 * <p>Thread safety: not thread safe; one test drives it, and closes it (its servers) before the deployment.
 */
public final class ChaosRun implements AutoCloseable {
    /** The Redis near cache's documented propagation bound, and the database near cache's default staleness. */
    public static final long BOUND_NANOS = 1_000_000_000L;
    static final String SECRET = "chaos-test-secret-key-0123456789abcdef-0123456789";
    private static final int VALID = 40;
    private static final int FRESH = 6000;
    private static final long WARM_UP_MS = 4000;
    private static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(30);
    private static final long RUN_AFTER_FAULT_NANOS = 40_000_000_000L;
    private static final long QUIET_NANOS = 4_000_000_000L;

    private final Path dir;
    private final List<Server> servers = new ArrayList<>();
    private Ledger ledger;

    /** Servers' data folders go under {@code dir} (the test's to delete). */
    public ChaosRun(Path dir) {
        this.dir = dir;
    }

    /** Runs with the near cache on or off ({@code REVOCATION_NEAR_CACHE}) and the Redis bound. */
    public Figures run(String setup, boolean nearCache, Deployment deployment) throws Exception {
        return run(setup, nearCache, BOUND_NANOS, deployment);
    }

    public Figures run(String setup, boolean nearCache, long boundNanos, Deployment deployment) throws Exception {
        List<Client> clients = startServers(setup, nearCache, deployment.serverEnv());
        // Tokens as /login would issue them (the same manager), minted up front: logins are not under test.
        String[] tokens = new String[VALID + FRESH];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = servers.get(i % servers.size()).manager().createAccessToken("testuser");
        }
        ledger = new Ledger(VALID);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = load(clients, tokens, ledger, stop);
        threads.forEach(Thread::start);
        long faultAt;
        try {
            Thread.sleep(WARM_UP_MS);
            faultAt = System.nanoTime();
            deployment.injectFault();
            deployment.awaitRecovery(RECOVERY_TIMEOUT);
            // Until the 503s have stopped for a while (at most so long after the fault).
            long deadline = faultAt + RUN_AFTER_FAULT_NANOS;
            while (System.nanoTime() < deadline) {
                Thread.sleep(250);
                long last = ledger.last503Any();
                if (last > 0 && System.nanoTime() - last > QUIET_NANOS) {
                    break;
                }
            }
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(30_000);
            }
        }

        Ledger.Verdict verdict = ledger.check(nearCache, boundNanos);
        // Lost: acknowledged, yet the backend does not have it (a restarted instance would accept the token).
        List<String> jtis = ledger.acknowledged().stream().map(t -> servers.get(0).manager().jti(tokens[t])).toList();
        long lost = deployment.lost(jtis);
        long protected503 = ledger.protected503();
        long last503 = ledger.lastProtected503();
        long duringEnd = Math.max(last503, faultAt);
        Figures f = new Figures(setup, protected503 == 0 ? 0 : (last503 - ledger.firstProtected503(faultAt)) / 1_000_000,
                protected503, ledger.logout503(), jtis.size(), lost, verdict.acceptedWithinBound(),
                ledger.p99(Long.MIN_VALUE, faultAt), ledger.p99(faultAt, duringEnd), ledger.p99(duringEnd, Long.MAX_VALUE),
                ledger.size());
        System.out.println("chaos: " + f);

        assertThat(verdict.violations()).as("no revoked token accepted, no other answer than 200/401/503").isEmpty();
        assertThat(protected503).as("the fault shows as 503s").isPositive();
        List<Call> tail = ledger.protectedAfter(last503);
        assertThat(tail).as("requests answered after the last 503, nothing restarted").isNotEmpty();
        assertThat(tail).allMatch(c -> c.status() != 503);
        return f;
    }

    private List<Client> startServers(String setup, boolean nearCache, Map<String, String> deploymentEnv) {
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, String> e = TestServers.baseEnv(dir.resolve(setup.hashCode() + "-" + i));
            e.put("JWT_SECRET_KEY", SECRET);
            e.put("JWT_TOKEN_LOCATION", "headers");
            e.put("REVOCATION_NEAR_CACHE", Boolean.toString(nearCache));
            e.putAll(deploymentEnv);
            Server s = TestServers.start(e);
            servers.add(s);
            clients.add(new Client(s.port(), false));
        }
        return clients;
    }

    private static List<Thread> load(List<Client> clients, String[] tokens, Ledger ledger, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        int instances = clients.size();
        for (int t = 0; t < 6; t++) {
            int first = t;
            threads.add(new Thread(() -> {
                int n = first;
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (!stop.get()) {
                    int instance = n++ % instances;
                    int token = ledger.probeToken(rnd);
                    long start = System.nanoTime();
                    HttpResponse<String> r = clients.get(instance).get("/protected", "Authorization", "Bearer " + tokens[token]);
                    ledger.recordProtected(new Call(instance, token, start, System.nanoTime(), r.statusCode(), r.body()));
                }
            }, "chaos-probe-" + t));
        }
        AtomicInteger nextFresh = new AtomicInteger(VALID);
        for (int t = 0; t < 2; t++) {
            int first = t;
            threads.add(new Thread(() -> {
                int n = first;
                while (!stop.get()) {
                    int token = nextFresh.getAndIncrement();
                    if (token >= tokens.length) {
                        return;
                    }
                    int instance = n++ % instances;
                    long start = System.nanoTime();
                    HttpResponse<String> r = clients.get(instance).post("/logout", null, "Authorization", "Bearer " + tokens[token]);
                    ledger.recordLogout(new Call(instance, token, start, System.nanoTime(), r.statusCode(), r.body()));
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "chaos-logout-" + t));
        }
        return threads;
    }

    /** The protected requests of the last run, for a test's own rules about its fault. */
    public List<Call> protectedCalls() {
        return ledger.protectedAfter(Long.MIN_VALUE);
    }

    /** Stops the servers (before the deployment goes). */
    @Override
    public void close() {
        servers.forEach(Server::stop);
    }
}
