package io.github.jwtextended.token;

import java.util.Arrays;
import java.util.Base64;

/**
 * Strict unpadded base64url (RFC 7515 §2, App. C): only {@code [A-Za-z0-9_-]}, no padding, no
 * whitespace, and canonical trailing bits. {@link java.util.Base64}'s URL decoder alone accepts
 * padding and non-canonical final characters, so decoding is done here, in one pass that checks
 * every character, over a range of the token's bytes (no substring, no intermediate copy).
 *
 * <p>Thread safety: stateless.
 */
final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /**
     * The decoded bytes of {@code src[from, to)} (one byte per character, as the ISO-8859-1 bytes
     * of the token), or null when that range is not strict base64url.
     */
    static byte[] decode(byte[] src, int from, int to) {
        int len = to - from;
        int rem = len & 3;
        if (rem == 1) {
            return null;
        }
        byte[] out = new byte[(len >> 2) * 3 + (rem == 0 ? 0 : rem - 1)];
        int o = 0;
        int full = to - rem;
        int i = from;
        for (; i < full; i += 4) {
            int a = VALUES[src[i] & 0xFF];
            int b = VALUES[src[i + 1] & 0xFF];
            int c = VALUES[src[i + 2] & 0xFF];
            int d = VALUES[src[i + 3] & 0xFF];
            if ((a | b | c | d) < 0) {
                return null;
            }
            int n = a << 18 | b << 12 | c << 6 | d;
            out[o++] = (byte) (n >> 16);
            out[o++] = (byte) (n >> 8);
            out[o++] = (byte) n;
        }
        if (rem == 2) {
            int a = VALUES[src[i] & 0xFF];
            int b = VALUES[src[i + 1] & 0xFF];
            if ((a | b) < 0 || (b & 0x0F) != 0) {
                return null; // unused bits must be zero: one byte string, one encoding
            }
            out[o] = (byte) (a << 2 | b >> 4);
        } else if (rem == 3) {
            int a = VALUES[src[i] & 0xFF];
            int b = VALUES[src[i + 1] & 0xFF];
            int c = VALUES[src[i + 2] & 0xFF];
            if ((a | b | c) < 0 || (c & 0x03) != 0) {
                return null;
            }
            int n = a << 12 | b << 6 | c;
            out[o++] = (byte) (n >> 10);
            out[o] = (byte) (n >> 2);
        }
        return out;
    }
}
