package io.github.jwtextended.example.login;

import io.github.jwtextended.example.settings.SettingValues;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The settings of the defences of {@code POST /login}, read by both example servers under the same
 * names, defaults and checks: {@code LOGIN_RATE_LIMIT_PER_USERNAME} (0 to 10000, default 5),
 * {@code LOGIN_RATE_LIMIT_PER_ADDRESS} (0 to 1000000, default 20),
 * {@code LOGIN_RATE_LIMIT_WINDOW_SECONDS} (1 to 86400, default 300), {@code TRUST_X_FORWARDED_FOR}
 * (default false) and {@code LOGIN_ALLOWED_ORIGINS} (comma-separated origins, default none).
 *
 * <p>Thread safety: immutable.
 */
public final class LoginSettings {
    /** The defaults, in the order of the settings tables. */
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("LOGIN_RATE_LIMIT_PER_USERNAME", "5");
        d.put("LOGIN_RATE_LIMIT_PER_ADDRESS", "20");
        d.put("LOGIN_RATE_LIMIT_WINDOW_SECONDS", "300");
        d.put("TRUST_X_FORWARDED_FOR", "false");
        d.put("LOGIN_ALLOWED_ORIGINS", "");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    /** The most keys the limit keeps per table (least recently used evicted beyond it). */
    public static final int THROTTLE_MAX_KEYS = 50_000;

    private final int perUsername;
    private final int perAddress;
    private final Duration window;
    private final boolean trustForwardedFor;
    private final List<String> allowedOrigins;

    private LoginSettings(Function<String, String> lookup) {
        Function<String, String> get = name -> {
            String v = lookup.apply(name);
            return v == null ? DEFAULTS.get(name) : v;
        };
        perUsername = integer(get, "LOGIN_RATE_LIMIT_PER_USERNAME", 0, 10_000);
        perAddress = integer(get, "LOGIN_RATE_LIMIT_PER_ADDRESS", 0, 1_000_000);
        window = Duration.ofSeconds(integer(get, "LOGIN_RATE_LIMIT_WINDOW_SECONDS", 1, 24 * 3600));
        trustForwardedFor = bool(get, "TRUST_X_FORWARDED_FOR");
        allowedOrigins = origins(get, "LOGIN_ALLOWED_ORIGINS");
    }

    /**
     * Reads and checks the settings {@code lookup} finds (null: unset, the default).
     *
     * @throws IllegalArgumentException naming the first bad setting (never repeating its value)
     */
    public static LoginSettings from(Function<String, String> lookup) {
        return new LoginSettings(lookup);
    }

    /** Failed logins per username within the window before 429 (0: no limit). */
    public int perUsername() { return perUsername; }
    /** Failed logins per client address within the window before 429 (0: no limit). */
    public int perAddress() { return perAddress; }
    /** The window the limits count failures in. */
    public Duration window() { return window; }
    /** Whether the client address is the last {@code X-Forwarded-For} entry rather than the socket's peer. */
    public boolean trustForwardedFor() { return trustForwardedFor; }
    /** Origins other than the server's own allowed to post to {@code /login}, normalised. */
    public List<String> allowedOrigins() { return allowedOrigins; }

    /** A new limit with these settings (one per server instance). */
    public LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(perUsername, perAddress, window, clock, THROTTLE_MAX_KEYS);
    }

    /** The cross-site check with these settings. */
    public LoginOriginCheck originCheck() {
        return new LoginOriginCheck(allowedOrigins);
    }

    private static int integer(Function<String, String> get, String key, int min, int max) {
        return SettingValues.integer(get, key, min, max);
    }

    private static boolean bool(Function<String, String> get, String key) {
        return SettingValues.bool(get, key);
    }

    private static List<String> origins(Function<String, String> get, String key) {
        List<String> out = new ArrayList<>();
        for (String part : get.apply(key).split(",")) {
            String o = part.trim();
            if (o.isEmpty()) {
                continue;
            }
            String normalised = LoginOriginCheck.normalise(o);
            if (normalised == null) {
                throw new IllegalArgumentException(key + " must be a comma-separated list of origins such as https://app.example.com"
                        + " (scheme, host and optional port; no path)");
            }
            out.add(normalised);
        }
        return List.copyOf(out);
    }
}
