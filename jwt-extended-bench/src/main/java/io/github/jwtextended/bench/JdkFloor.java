package io.github.jwtextended.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor: the least a correct HS256 verifier must do with the JDK alone. One {@link Mac} per
 * thread, reused; the JDK's URL-safe base64 decoder; a constant-time compare
 * ({@link MessageDigest#isEqual}); and only as much JSON reading as the checks need (Jackson's
 * streaming parser: {@code alg} in the header; {@code exp}, {@code nbf} and {@code sub} at the
 * top level of the claims, everything else skipped). No strictness beyond that, no maps, no
 * error messages: it is a yardstick, not a verifier to use.
 *
 * <p>Thread safety: thread safe (a {@code Mac} per thread).
 */
public final class JdkFloor {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final ThreadLocal<Mac> mac;

    public JdkFloor(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The {@code sub} of a valid token at {@code nowSeconds}; an exception for anything else. */
    public String verify(String token, long nowSeconds) {
        int d1 = token.indexOf('.');
        int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
        if (d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        byte[] ascii = token.getBytes(StandardCharsets.ISO_8859_1);
        Mac m = mac.get();
        m.update(ascii, 0, d2);
        byte[] expected = m.doFinal();
        byte[] signature = decode(ascii, d2 + 1, ascii.length);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new IllegalArgumentException("bad signature");
        }
        try {
            checkHeader(decode(ascii, 0, d1));
            return checkClaims(decode(ascii, d1 + 1, d2), nowSeconds);
        } catch (IOException e) {
            throw new IllegalArgumentException("bad JSON");
        }
    }

    /** A token for {@code sub}, signed the same way (the floor of creation). */
    public String create(String sub, long nowSeconds, long lifetimeSeconds) {
        String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        String claims = "{\"fresh\":false,\"iat\":" + nowSeconds + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"type\":\"access\",\"sub\":\"" + sub + "\",\"nbf\":" + nowSeconds
                + ",\"csrf\":\"" + UUID.randomUUID() + "\",\"exp\":" + (nowSeconds + lifetimeSeconds) + "}";
        String input = ENCODER.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        byte[] sig = mac.get().doFinal(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + ENCODER.encodeToString(sig);
    }

    private static byte[] decode(byte[] ascii, int from, int to) {
        ByteBuffer out = DECODER.decode(ByteBuffer.wrap(ascii, from, to - from));
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

    private static void checkHeader(byte[] json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("header is not an object");
            }
            boolean hs256 = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("alg".equals(name)) {
                    hs256 = t == JsonToken.VALUE_STRING && "HS256".equals(p.getText());
                } else {
                    p.skipChildren();
                }
            }
            if (!hs256) {
                throw new IllegalArgumentException("alg is not HS256");
            }
        }
    }

    private static String checkClaims(byte[] json, long now) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("claims are not an object");
            }
            String sub = null;
            long exp = Long.MIN_VALUE;
            long nbf = Long.MIN_VALUE;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                switch (name) {
                    case "sub":
                        sub = t == JsonToken.VALUE_STRING ? p.getText() : null;
                        break;
                    case "exp":
                        exp = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.MIN_VALUE;
                        break;
                    case "nbf":
                        nbf = t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : Long.MAX_VALUE;
                        break;
                    default:
                        p.skipChildren();
                }
            }
            if (exp <= now || nbf > now || sub == null) {
                throw new IllegalArgumentException("expired, not yet valid, or no subject");
            }
            return sub;
        }
    }
}
