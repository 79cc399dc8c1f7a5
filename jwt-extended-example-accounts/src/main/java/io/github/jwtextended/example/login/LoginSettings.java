package io.github.jwtextended.example.login;

import io.github.jwtextended.example.password.PasswordHasher;
import io.github.jwtextended.example.settings.SettingReader;
import io.github.jwtextended.example.storage.ServerKeys;
import io.github.jwtextended.example.storage.UserStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The settings of the defences of {@code POST /login}, read by both example servers under the same
 * names, defaults and checks (part of {@link io.github.jwtextended.example.settings.CommonSettings}).
 * Adding one: a component here and the line reading it in {@link #read}.
 *
 * <p>Thread safety: immutable.
 *
 * @param perUsername       {@code LOGIN_RATE_LIMIT_PER_USERNAME} (0 to 10000, default 5): failed logins per
 *                          username within the window before 429 for clients without a device cookie for it,
 *                          and per device cookie for those with one (0: no limit, and no device cookies)
 * @param perAddress        {@code LOGIN_RATE_LIMIT_PER_ADDRESS} (0 to 1000000, default 20): failed logins per
 *                          client address within the window before 429 (0: no limit)
 * @param window            {@code LOGIN_RATE_LIMIT_WINDOW_SECONDS} (1 to 86400, default 300): the window the
 *                          limits count failures in
 * @param trustForwardedFor {@code TRUST_X_FORWARDED_FOR} (default false): whether the connection's peer is trusted,
 *                          whatever its address, to append the client's address to {@code X-Forwarded-For}
 *                          (one hop; {@code TRUSTED_PROXIES} is the general form, the two are not set together)
 * @param allowedOrigins    {@code LOGIN_ALLOWED_ORIGINS} (comma-separated, default none): origins other than the
 *                          server's own allowed to post to {@code /login}, normalised
 * @param trustedProxies    {@code TRUSTED_PROXIES} (comma-separated addresses and CIDR ranges, default none): the
 *                          proxies whose {@code X-Forwarded-For} entries are believed ({@link ClientAddress})
 */
public record LoginSettings(int perUsername, int perAddress, Duration window, boolean trustForwardedFor,
                            List<String> allowedOrigins, TrustedProxies trustedProxies) {
    /** The most keys the limit keeps per table (least recently used evicted beyond it). */
    public static final int THROTTLE_MAX_KEYS = 50_000;

    public LoginSettings {
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /**
     * Reads and checks these settings.
     *
     * @throws IllegalArgumentException naming the first bad setting (never repeating its value)
     */
    public static LoginSettings read(SettingReader r) {
        LoginSettings s = new LoginSettings(
                r.integer("LOGIN_RATE_LIMIT_PER_USERNAME", 5, 0, 10_000),
                r.integer("LOGIN_RATE_LIMIT_PER_ADDRESS", 20, 0, 1_000_000),
                Duration.ofSeconds(r.integer("LOGIN_RATE_LIMIT_WINDOW_SECONDS", 300, 1, 24 * 3600)),
                r.bool("TRUST_X_FORWARDED_FOR", false),
                r.value("LOGIN_ALLOWED_ORIGINS", "", LoginSettings::origins),
                r.value("TRUSTED_PROXIES", "", TrustedProxies::parse));
        if (s.trustForwardedFor && s.trustedProxies.enabled()) {
            throw new IllegalArgumentException("TRUSTED_PROXIES and TRUST_X_FORWARDED_FOR=true are not set together:"
                    + " TRUSTED_PROXIES lists the trusted proxies, TRUST_X_FORWARDED_FOR=true trusts whatever connects");
        }
        return s;
    }

    /** The proxies whose {@code X-Forwarded-For} entries count ({@link TrustedProxies#NONE} when neither setting is given). */
    public TrustedProxies proxies() {
        return trustForwardedFor ? TrustedProxies.ONE_HOP : trustedProxies;
    }

    /** A new limit with these settings (one per server instance). */
    public LoginThrottle throttle(Clock clock) {
        return new LoginThrottle(perUsername, perAddress, window, clock, THROTTLE_MAX_KEYS);
    }

    /**
     * The password check of {@code /login} with a new limit ({@link #throttle}) and, when there is a
     * per-username limit, device cookies ({@code Secure} when {@code secureCookies}) signed with the
     * key kept in the accounts database. That key is a random one made by the first start and
     * stored there ({@link ServerKeys}), rather than derived from a configured secret: it survives
     * restarts and is shared by every instance on the database with nothing to configure, and the
     * example may run without any secret (asymmetric keys, or a JWT secret generated per run).
     * Whoever can read that database could make device cookies, which only lifts the per-username
     * lockout for them (they could read the password hashes anyway).
     */
    public PasswordLogin passwordLogin(UserStore users, PasswordHasher passwords, DataSource accounts, boolean secureCookies,
                                       Clock clock) {
        LoginThrottle throttle = throttle(clock);
        DeviceCookies devices = throttle.usesDevices()
                ? new DeviceCookies(new ServerKeys(accounts, clock).getOrCreate(DeviceCookies.KEY_NAME), secureCookies, clock)
                : null;
        return new PasswordLogin(users, passwords, throttle, devices);
    }

    /** The checks of {@code /login} with these settings around {@code passwordLogin}, each login counted by {@code counter}. */
    public LoginChecks checks(PasswordLogin passwordLogin, LoginCounter counter) {
        return new LoginChecks(originCheck(), proxies(), passwordLogin, counter);
    }

    /** The cross-site check with these settings. */
    public LoginOriginCheck originCheck() {
        return new LoginOriginCheck(allowedOrigins);
    }

    private static List<String> origins(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String o = part.trim();
            if (o.isEmpty()) {
                continue;
            }
            String normalised = LoginOriginCheck.normalise(o);
            if (normalised == null) {
                throw new IllegalArgumentException("LOGIN_ALLOWED_ORIGINS must be a comma-separated list of origins such as"
                        + " https://app.example.com (scheme, host and optional port; no path)");
            }
            out.add(normalised);
        }
        return out;
    }
}
