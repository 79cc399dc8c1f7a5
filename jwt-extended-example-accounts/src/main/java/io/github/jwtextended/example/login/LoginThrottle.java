package io.github.jwtextended.example.login;

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
 * <p>An attempt is counted when it is admitted, before the password is checked, and taken back
 * when the password was right: so many attempts sent at once cannot all pass the check before the
 * first failure is recorded; at most {@code limit} password checks that can fail run per key and
 * window.
 *
 * <p>Lockout of a victim: anyone can make a username fail, so the per-username limit applies to
 * untrusted clients only. An attempt that presents a valid device cookie for the username
 * ({@link DeviceCookies}: its browser logged in as that user before) is counted against that
 * device instead, with the same limit: a device that fails too often is itself refused for the
 * window, and never by the username's count. So a stranger who keeps the username blocked
 * blocks every client without such a cookie, but not the owner's browsers; the per-address limit
 * applies to everyone. Operators who prefer availability for clients that keep no cookies set the
 * per-username limit to 0 and rely on the per-address limit.
 *
 * <p>Memory: each table keeps at most {@code maxEntries} keys, evicting the least recently used,
 * so random usernames or addresses cannot grow it without bound (at the price that a very wide
 * flood can evict a block early).
 *
 * <p>Thread safety: thread safe (one lock; the work under it is a few map operations).
 */
public final class LoginThrottle {
    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final Clock clock;
    private final Lru<String, Window> usernames;
    private final Lru<String, Window> addresses;
    private final Lru<String, Window> devices;

    /**
     * @param perUsername failures per username (untrusted clients) or per device (trusted ones) in a window
     *                    before refusing; 0: no limit
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
        this.usernames = new Lru<>(maxEntries);
        this.addresses = new Lru<>(maxEntries);
        this.devices = new Lru<>(maxEntries);
    }

    /** The message of a 429 from the limit; the same whichever limit was reached. */
    public static final String MESSAGE = "Too many failed login attempts, try again later";

    /** Whether any limit is on. */
    public boolean enabled() {
        return perUsername > 0 || perAddress > 0;
    }

    /** The window's length in seconds. */
    public long windowSeconds() {
        return window.toSeconds();
    }

    /** Whether device cookies count: only when there is a per-username limit for them to lift. */
    public boolean usesDevices() {
        return perUsername > 0;
    }

    /**
     * Admits one login attempt (counting it as a failure until {@link #succeeded}) or refuses it:
     * the answer's {@link Attempt#retryAfter} is then the seconds until the blocking window ends,
     * and nothing is counted.
     *
     * @param device the trusted device the attempt comes from ({@link DeviceCookies#trusted}), or
     *               null for an untrusted client: counted per username
     */
    public synchronized Attempt admit(String username, String address, String device) {
        Instant now = clock.instant();
        Lru<String, Window> table = device == null ? usernames : devices;
        String key = device == null ? username : device;
        Window a = perAddress == 0 ? null : current(addresses, address, now);
        Window u = perUsername == 0 ? null : current(table, key, now);
        long wait = Math.max(retryAfter(a, perAddress, now), retryAfter(u, perUsername, now));
        if (wait > 0) {
            return new Attempt(wait, null, null);
        }
        if (perAddress > 0) {
            a = a == null ? open(addresses, address, now) : a;
            a.failures++;
        }
        if (perUsername > 0) {
            u = u == null ? open(table, key, now) : u;
            u.failures++;
        }
        return new Attempt(0, a, u);
    }

    /**
     * The admitted attempt failed: it stays counted. Returns which limit it reached, for the log
     * ("username" (or the device's, which counts in its place), "address"), or null.
     */
    public synchronized String failed(Attempt attempt) {
        String reached = null;
        if (attempt.address != null && attempt.address.failures >= perAddress && !attempt.address.logged) {
            attempt.address.logged = true;
            reached = "address";
        }
        if (attempt.username != null && attempt.username.failures >= perUsername && !attempt.username.logged) {
            attempt.username.logged = true;
            reached = reached == null ? "username" : "username and address";
        }
        return reached;
    }

    /** The admitted attempt was a successful login: it is taken back. */
    public synchronized void succeeded(Attempt attempt) {
        cancel(attempt);
    }

    /** The admitted attempt got no answer on the password (an outage): it is taken back. */
    public synchronized void cancel(Attempt attempt) {
        if (attempt.address != null && attempt.address.failures > 0) {
            attempt.address.failures--;
        }
        if (attempt.username != null && attempt.username.failures > 0) {
            attempt.username.failures--;
        }
    }

    /** The key's window if it is still running (an ended one is dropped), else null. */
    private Window current(Lru<String, Window> table, String key, Instant now) {
        Window w = table.get(key);
        if (w != null && !now.isBefore(w.start.plus(window))) {
            table.remove(key);
            return null;
        }
        return w;
    }

    private static Window open(Lru<String, Window> table, String key, Instant now) {
        Window w = new Window(now);
        table.put(key, w);
        return w;
    }

    private long retryAfter(Window w, int limit, Instant now) {
        if (w == null || w.failures < limit) {
            return 0;
        }
        long millis = Duration.between(now, w.start.plus(window)).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }

    /** Number of keys held (for tests of the bound). */
    synchronized int size() {
        return usernames.size() + addresses.size() + devices.size();
    }

    /**
     * One admitted (or refused) attempt.
     *
     * <p>Thread safety: its windows are read and changed under the throttle's lock only.
     */
    public static final class Attempt {
        /** Seconds until the blocking window ends; 0: admitted. */
        public final long retryAfter;
        private final Window address;
        private final Window username;

        Attempt(long retryAfter, Window address, Window username) {
            this.retryAfter = retryAfter;
            this.address = address;
            this.username = username;
        }
    }

    /** Failures of one key within its window. */
    private static final class Window {
        final Instant start;
        int failures;
        boolean logged;

        Window(Instant start) {
            this.start = start;
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

    /**
     * A login refused by the limit: answered 429 {@link #MESSAGE} with {@code Retry-After: }{@link #retryAfter()}.
     *
     * <p>Thread safety: immutable.
     */
    public static final class TooManyAttempts extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long retryAfter;

        public TooManyAttempts(long retryAfter) {
            super(MESSAGE, null, false, false);
            this.retryAfter = retryAfter;
        }

        /** Seconds until the client may try again (at least 1). */
        public long retryAfter() {
            return retryAfter;
        }
    }
}
