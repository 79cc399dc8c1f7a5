package io.github.jwtextended.token;

import java.util.Base64;

/**
 * Strict unpadded base64url (RFC 7515 §2, App. C): only {@code [A-Za-z0-9_-]}, no padding, no
 * whitespace, and canonical trailing bits. {@link java.util.Base64}'s URL decoder alone accepts
 * padding and non-canonical final characters, so those are refused here first.
 *
 * <p>Thread safety: stateless.
 */
final class Base64Url {
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final byte[] VALUES = new byte[128];

    static {
        java.util.Arrays.fill(VALUES, (byte) -1);
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

    /** The decoded bytes of {@code s[from, to)}, or null when that range is not strict base64url. */
    static byte[] decode(String s, int from, int to) {
        int len = to - from;
        if (len % 4 == 1) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 || VALUES[c] < 0) {
                return null;
            }
        }
        if (len > 0) {
            int last = VALUES[s.charAt(to - 1)];
            if ((len % 4 == 2 && (last & 0x0F) != 0) || (len % 4 == 3 && (last & 0x03) != 0)) {
                return null; // unused bits must be zero: one byte string, one encoding
            }
        }
        try {
            return DECODER.decode(s.substring(from, to));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
