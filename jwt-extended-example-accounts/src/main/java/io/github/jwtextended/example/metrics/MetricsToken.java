package io.github.jwtextended.example.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.regex.Pattern;

/**
 * {@code METRICS_TOKEN}: the bearer token a scraper sends to {@code /metrics}. A secret: this
 * object keeps only its SHA-256 digest and its length, never shows it ({@link #toString}), and
 * compares a presented value in constant time ({@link #matches}).
 *
 * <p>Thread safety: immutable.
 */
public final class MetricsToken {
    /** Shorter than this, the servers warn at start: 32 characters is 128 bits of hex. */
    public static final int RECOMMENDED_LENGTH = 32;

    /** RFC 6750's {@code b64token}: what an {@code Authorization: Bearer} line can carry. */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final byte[] digest;
    private final int length;

    private MetricsToken(String token) {
        this.digest = sha256(token);
        this.length = token.length();
    }

    /**
     * The token {@code value} gives (trimmed), or null when it is blank: metrics off.
     *
     * @throws IllegalArgumentException naming {@code METRICS_TOKEN}, never repeating the value
     */
    public static MetricsToken parse(String value) {
        String v = value.trim();
        if (v.isEmpty()) {
            return null;
        }
        if (!B64TOKEN.matcher(v).matches()) {
            throw new IllegalArgumentException("METRICS_TOKEN must be a bearer token (letters, digits and - . _ ~ + /,"
                    + " then optional = padding), or be unset");
        }
        return new MetricsToken(v);
    }

    /** Whether it is shorter than {@link #RECOMMENDED_LENGTH}. */
    public boolean isShort() {
        return length < RECOMMENDED_LENGTH;
    }

    /**
     * Whether {@code presented} is the token: both are digested and the digests compared with
     * {@link MessageDigest#isEqual}, so the time taken tells neither the length nor a matching prefix.
     */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "MetricsToken[set]";
    }
}
