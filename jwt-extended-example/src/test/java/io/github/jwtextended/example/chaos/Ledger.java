package io.github.jwtextended.example.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ledger of a chaos run: every protected request, every logout, and the instant each
 * acknowledged logout (200) returned; then the rules the answers must keep and the run's latencies.
 * Tokens are indices: below {@code valid} never logged out, at or above it logged out at most once.
 *
 * <p>Thread safety: recording is thread safe (the load's threads); the checks are meant for after
 * the load has stopped.
 */
final class Ledger {
    private final int valid;
    private final ConcurrentLinkedQueue<Call> protectedCalls = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Call> logoutCalls = new ConcurrentLinkedQueue<>();
    private final Map<Integer, Long> acked = new ConcurrentHashMap<>();
    private final List<Integer> revokedList = new CopyOnWriteArrayList<>();

    Ledger(int valid) {
        this.valid = valid;
    }

    /** The token for the next protected request: a valid one or (as often) a recently logged-out one. */
    int probeToken(ThreadLocalRandom rnd) {
        if (rnd.nextBoolean() || revokedList.isEmpty()) {
            return rnd.nextInt(valid);
        }
        // mostly recent logouts: those a lagging near cache or a lost write would show
        int size = revokedList.size();
        return revokedList.get(size - 1 - rnd.nextInt(Math.min(size, 50)));
    }

    void recordProtected(Call c) {
        protectedCalls.add(c);
    }

    void recordLogout(Call c) {
        logoutCalls.add(c);
        if (c.status() == 200) {
            acked.put(c.token(), c.end());
            revokedList.add(c.token());
        }
    }

    /** The tokens whose logout was acknowledged. */
    Set<Integer> acknowledged() {
        return acked.keySet();
    }

    long protected503() {
        return protectedCalls.stream().filter(c -> c.status() == 503).count();
    }

    long logout503() {
        return logoutCalls.stream().filter(c -> c.status() == 503).count();
    }

    /** The end of the last 503, protected or logout (0 without any). */
    long last503Any() {
        return Math.max(last503(protectedCalls), last503(logoutCalls));
    }

    /** The end of the last 503 on a protected request (0 without any). */
    long lastProtected503() {
        return last503(protectedCalls);
    }

    /** The start of the first 503 on a protected request still under way at {@code fault} or later ({@code fault} without any). */
    long firstProtected503(long fault) {
        return protectedCalls.stream().filter(c -> c.status() == 503 && c.end() >= fault).mapToLong(Call::start).min().orElse(fault);
    }

    /** The protected requests that began after {@code instant}. */
    List<Call> protectedAfter(long instant) {
        return protectedCalls.stream().filter(c -> c.start() > instant).toList();
    }

    int size() {
        return protectedCalls.size() + logoutCalls.size();
    }

    /**
     * The broken rules: an answer other than 200, 401 or 503 (a 503 without its JSON message), a
     * valid token refused, a token accepted after its logout was acknowledged before the request
     * began. With {@code nearCache}, an acceptance on another instance than the logout's, less than
     * {@code boundNanos} after the acknowledgement, is the near cache's documented staleness: counted,
     * not a violation.
     */
    Verdict check(boolean nearCache, long boundNanos) {
        List<String> violations = new ArrayList<>();
        long withinBound = 0;
        for (Call c : protectedCalls) {
            boolean isValid = c.token() < valid;
            if (c.status() != 200 && c.status() != 401 && c.status() != 503) {
                violations.add("protected answered " + c.status() + " " + c.body());
            }
            if (c.status() == 503 && !c.body().startsWith("{\"msg\":")) {
                violations.add("a 503 without its JSON message: " + c.body());
            }
            if (isValid && c.status() == 401) {
                violations.add("a valid token refused: " + c.body());
            }
            Long ack = acked.get(c.token());
            if (c.status() == 200 && !isValid && ack != null && ack < c.start()) {
                Call logout = logoutOf(c.token());
                if (nearCache && logout.instance() != c.instance() && c.start() - ack < boundNanos) {
                    withinBound++;
                } else {
                    violations.add(String.format("token %d accepted on instance %d %d ms after its logout on %d was acknowledged",
                            c.token(), c.instance(), (c.start() - ack) / 1_000_000, logout.instance()));
                }
            }
        }
        for (Call c : logoutCalls) {
            if (c.status() != 200 && c.status() != 503) {
                violations.add("logout answered " + c.status() + " " + c.body());
            }
        }
        return new Verdict(violations, withinBound);
    }

    /** The broken rules, and how many acceptances the near cache's staleness bound explains. */
    record Verdict(List<String> violations, long acceptedWithinBound) {
    }

    /** The 99th percentile latency (ms) of the protected requests that began in [from, to). */
    double p99(long from, long to) {
        long[] micros = protectedCalls.stream().filter(c -> c.start() >= from && c.start() < to).mapToLong(Call::micros).sorted().toArray();
        if (micros.length == 0) {
            return 0;
        }
        return micros[Math.min(micros.length - 1, (int) Math.ceil(micros.length * 0.99) - 1)] / 1000.0;
    }

    private Call logoutOf(int token) {
        return logoutCalls.stream().filter(c -> c.token() == token && c.status() == 200).findFirst().orElseThrow();
    }

    private static long last503(ConcurrentLinkedQueue<Call> calls) {
        return calls.stream().filter(c -> c.status() == 503).mapToLong(Call::end).max().orElse(0);
    }
}
