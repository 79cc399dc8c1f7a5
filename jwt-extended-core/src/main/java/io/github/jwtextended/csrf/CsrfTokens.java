package io.github.jwtextended.csrf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;

/**
 * The CSRF double-submit values: created as a random UUID (flask-jwt-extended's format, from
 * {@link java.security.SecureRandom}) and written into the token's signed {@code csrf} claim; the
 * value a client sends back in the CSRF header is compared with that claim in constant time. The
 * CSRF cookie itself is never read by the server, so a cookie planted by an attacker gains nothing.
 *
 * <p>Thread safety: stateless.
 */
public final class CsrfTokens {
    private CsrfTokens() {
    }

    /** A new random value for a token's {@code csrf} claim. */
    public static String newValue() {
        return UUID.randomUUID().toString();
    }

    /** Constant-time comparison of the claim with the submitted value (both non-null). */
    public static boolean matches(String claim, String submitted) {
        return MessageDigest.isEqual(claim.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
    }
}
