package io.github.jwtextended.example.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The brute-force limit of {@code POST /login}, in memory (per server instance): it counts failed
 * logins (wrong password and unknown user alike) per username and per client address. When a key
 * reaches its limit within a window, further attempts for it are refused (429) until that window
 * ends, without a password check; refused attempts are not counted, so hammering cannot lengthen a
 * block. A window starts with the first failure after the previous one ended.
 *
 * <p>Lockout of a victim: anyone can make a username fail, so an attacker who keeps spending
 * {@code perUsername} guesses per window keeps that username blocked. The block never applies to
 * an address the user has logged in from successfully before (remembered for 30 days), so the
 * owner can still log in from there; the per-address limit still bounds what such an address can
 * try. Operators who prefer availability set the per-username limit to 0 and rely on the
 * per-address limit.
 *
 * <p>Memory: each table keeps at most {@code maxEntries} keys, evicting the least recently used,
 * so random usernames or addresses cannot grow it without bound (at the price that a very wide
 * flood can evict a block early).
 *
 * <p>Thread safety: thread safe (each table is guarded by its own lock).
 */
public final class LoginThrottle {
    /** How long a successful login keeps its address exempt from that username's block. */
    static final Duration KNOWN_ADDRESS_TTL = Duration.ofDays(30);

    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Table usernames;
    private final Table addresses;
    private final Lru<String, Instant> known;

    /**
     * @param perUsername failures per username in a window before refusing; 0: no limit
     * @param perAddress  failures per client address in a window before refusing; 0: no limit
     * @param maxEntries  most keys kept per table
     */
    public LoginThrottle(int perUsername, int perAddress, Duration window, Clock clock, int maxEntries) {
        if (perUsername < 0 || perAddress < 0 || maxEntries < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limits >= 0, a positive window and maxEntries >= 1");
        }
        this.perUsername = perUsername;
        this.perAddress = perAddress;
        this.window = window;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.usernames = new Table(maxEntries);
        this.addresses = new Table(maxEntries);
        this.known = new Lru<>(maxEntries);
    }

    /** The window's length in seconds. */
    long windowSeconds() {
        return window.toSeconds();
    }

    /** Whether any limit is on. */
    public boolean enabled() {
        return perUsername > 0 || perAddress > 0;
    }

    /** Seconds until {@code address} may try again, or 0 when it may now. */
    long addressRetryAfter(String address) {
        return perAddress == 0 ? 0 : addresses.retryAfter(address, perAddress, clock.instant());
    }

    /** Seconds until {@code username} may be tried again from {@code address}, or 0 when it may now. */
    long usernameRetryAfter(String username, String address) {
        if (perUsername == 0) {
            return 0;
        }
        Instant now = clock.instant();
        if (isKnown(username, address, now)) {
            return 0;
        }
        return usernames.retryAfter(username, perUsername, now);
    }

    /**
     * Counts a failed login. Returns which limit this failure reached, for the log: null, or
     * "username" / "address".
     */
    String failure(String username, String address) {
        Instant now = clock.instant();
        String reached = null;
        if (perAddress > 0 && addresses.fail(address, perAddress, now)) {
            reached = "address";
        }
        if (perUsername > 0 && usernames.fail(username, perUsername, now)) {
            reached = reached == null ? "username" : "username and address";
        }
        return reached;
    }

    /** Remembers that {@code username} logged in from {@code address} (exempt from that username's block). */
    void success(String username, String address) {
        if (perUsername > 0) {
            synchronized (known) {
                known.put(pair(username, address), clock.instant().plus(KNOWN_ADDRESS_TTL));
            }
        }
    }

    private boolean isKnown(String username, String address, Instant now) {
        synchronized (known) {
            Instant until = known.get(pair(username, address));
            return until != null && now.isBefore(until);
        }
    }

    private static String pair(String username, String address) {
        return address + "\n" + username;
    }

    /** Number of keys held (for tests of the bound). */
    int size() {
        return usernames.size() + addresses.size();
    }

    /** Number of remembered (username, address) successes (for tests of the bound). */
    int knownSize() {
        synchronized (known) {
            return known.size();
        }
    }

    /** Failures of one key within its window. */
    private static final class Window {
        final Instant start;
        int failures;

        Window(Instant start) {
            this.start = start;
        }
    }

    /** Failure windows by key, at most {@code maxEntries} of them. */
    private final class Table {
        private final Lru<String, Window> windows;

        Table(int maxEntries) {
            this.windows = new Lru<>(maxEntries);
        }

        synchronized long retryAfter(String key, int limit, Instant now) {
            Window w = windows.get(key);
            if (w == null) {
                return 0;
            }
            Instant end = w.start.plus(window);
            if (!now.isBefore(end)) {
                windows.remove(key);
                return 0;
            }
            if (w.failures < limit) {
                return 0;
            }
            long millis = Duration.between(now, end).toMillis();
            return Math.max(1, (millis + 999) / 1000);
        }

        /** Counts one failure; true when it made the key reach its limit. */
        synchronized boolean fail(String key, int limit, Instant now) {
            Window w = windows.get(key);
            if (w == null || !now.isBefore(w.start.plus(window))) {
                w = new Window(now);
                windows.put(key, w);
            }
            w.failures++;
            return w.failures == limit;
        }

        synchronized int size() {
            return windows.size();
        }
    }

    /** A map that drops its least recently used entry beyond {@code max}. Not thread safe by itself. */
    private static final class Lru<K, V> extends LinkedHashMap<K, V> {
        private static final long serialVersionUID = 1L;
        private final int max;

        Lru(int max) {
            super(16, 0.75f, true);
            this.max = max;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > max;
        }
    }
}
