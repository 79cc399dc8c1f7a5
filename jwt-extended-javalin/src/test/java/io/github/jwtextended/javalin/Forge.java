package io.github.jwtextended.javalin;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * Hand-made tokens for hostile-input tests: the header and payload JSON are written by the test,
 * base64url-encoded without padding and signed with HMAC (javax.crypto.Mac), so no library
 * under test takes part in building them.
 *
 * <p>Thread safety: stateless.
 */
final class Forge {
    static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private Forge() {
    }

    /** base64url without padding of the UTF-8 bytes of {@code text}. */
    static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** An HS256 token over {@code payloadJson} signed with the test secret. */
    static String hs256(String payloadJson) {
        return signed(HS256_HEADER, payloadJson, "HmacSHA256", JwtHttpTest.SECRET);
    }

    /** A token with a hand-written header, signed with {@code macAlgorithm} ("HmacSHA256", ...) and {@code secret}. */
    static String signed(String headerJson, String payloadJson, String macAlgorithm, String secret) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + b64(mac(macAlgorithm, secret, input));
    }

    /** An {@code alg: none} token: empty signature. */
    static String unsigned(String payloadJson) {
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(payloadJson) + ".";
    }

    static byte[] mac(String algorithm, String secret, String input) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
