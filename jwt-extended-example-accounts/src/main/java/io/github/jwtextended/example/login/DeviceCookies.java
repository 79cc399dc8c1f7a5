package io.github.jwtextended.example.login;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Device cookies of {@code POST /login}: after a successful login the browser gets a cookie that
 * says "this client has logged in as this user before". A login attempt that presents a valid one
 * for the username it tries is a trusted client, judged by that cookie's own failures rather than
 * by the username's lockout ({@link LoginThrottle}), so a stranger who makes a username fail
 * cannot lock its owner out of a browser she has used.
 *
 * <p>A cookie is {@code nonce.expiry.mac}: a random 16-byte nonce (base64url; it names the device
 * in the throttle), the expiry in epoch seconds, and an HMAC-SHA256 under a server-side key over
 * the username, nonce and expiry. It cannot be made or changed without the key, is worth nothing
 * for another username, and stops being trusted at its expiry whatever the browser does. Each
 * username has its own cookie name (a keyed hash of the username), so a browser shared by several
 * users holds one per user, and the name shows nobody which user it is for. The cookie is
 * {@code HttpOnly}, {@code SameSite=Strict}, {@code Secure} when {@code JWT_COOKIE_SECURE} is on,
 * sent only to {@link #PATH}, and lives {@link #LIFETIME}; every successful login gives a new one.
 *
 * <p>Anything wrong with a presented cookie (unknown format, bad MAC, other user, expired) only
 * makes the client untrusted: it is never an error.
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class DeviceCookies {
    /** The path the cookie is sent to: the login route only. */
    public static final String PATH = "/login";
    /** How long a device cookie is trusted after the login that gave it. */
    public static final Duration LIFETIME = Duration.ofDays(365);
    /** The name of its key in the accounts database ({@link io.github.jwtextended.example.storage.ServerKeys}). */
    public static final String KEY_NAME = "login-device-cookie";
    /** The start of every device cookie's name. */
    public static final String NAME_PREFIX = "login_device_";

    private static final int NONCE_BYTES = 16;
    private static final int MAX_VALUE_LENGTH = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final boolean secure;
    private final Clock clock;

    /**
     * @param key    the signing key (at least 32 bytes), the same on every instance and across restarts
     * @param secure whether the cookie is {@code Secure} ({@code JWT_COOKIE_SECURE})
     */
    public DeviceCookies(byte[] key, boolean secure, Clock clock) {
        if (key.length < 32) {
            throw new IllegalArgumentException("a device cookie key has at least 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.secure = secure;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The name of {@code username}'s device cookie. */
    public String name(String username) {
        return NAME_PREFIX + HexFormat.of().formatHex(mac("name\n" + username), 0, 12);
    }

    /** The {@code Set-Cookie} header value of a new device cookie for {@code username}. */
    public String issue(String username) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        String n = B64.encodeToString(nonce);
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        String value = n + "." + expiry + "." + B64.encodeToString(mac(signed(username, n, expiry)));
        return name(username) + "=" + value + "; Path=" + PATH + "; Max-Age=" + LIFETIME.toSeconds()
                + (secure ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
    }

    /**
     * The device that {@code cookieHeaders} (the request's {@code Cookie} headers) show as trusted
     * for {@code username}: its nonce, or null when no valid, unexpired device cookie for that
     * username is among them.
     */
    public String trusted(String username, List<String> cookieHeaders) {
        String name = name(username);
        for (String header : cookieHeaders) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    String device = check(username, pair.substring(eq + 1).strip());
                    if (device != null) {
                        return device;
                    }
                }
            }
        }
        return null;
    }

    private String check(String username, String presented) {
        // A cookie value may be sent in double quotes (RFC 6265; older clients quote every value).
        boolean quoted = presented.length() >= 2 && presented.startsWith("\"") && presented.endsWith("\"");
        String value = quoted ? presented.substring(1, presented.length() - 1) : presented;
        if (value.length() > MAX_VALUE_LENGTH) {
            return null;
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty() || parts[1].length() > 12 || !parts[1].chars().allMatch(Character::isDigit)) {
            return null;
        }
        byte[] mac;
        try {
            mac = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return null;
        }
        long expiry = Long.parseLong(parts[1]);
        if (!MessageDigest.isEqual(mac, mac(signed(username, parts[0], expiry)))) {
            return null;
        }
        return clock.instant().getEpochSecond() < expiry ? parts[0] : null;
    }

    private static String signed(String username, String nonce, long expiry) {
        return "device\n" + username + "\n" + nonce + "\n" + expiry;
    }

    private byte[] mac(String text) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(key);
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "DeviceCookies[...]";
    }
}
