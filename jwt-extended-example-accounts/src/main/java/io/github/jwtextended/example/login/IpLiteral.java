package io.github.jwtextended.example.login;

import java.util.Arrays;

/**
 * An IP address written as a literal: IPv4 as four decimal octets ({@code 203.0.113.7}), IPv6 in
 * any RFC 4291 form ({@code 2001:db8::1}, {@code ::ffff:203.0.113.7}), optionally in brackets, an
 * IPv6 zone ({@code %eth0}) dropped. Parsed from the text alone: never a name looked up, never a
 * legacy form such as {@code 127.1} or octal octets. An IPv4-mapped IPv6 address is its IPv4
 * address, so that one client is one address however the socket reports it.
 *
 * <p>Thread safety: immutable.
 *
 * @param bytes the address, 4 bytes (IPv4) or 16 (IPv6); a copy is kept
 */
public record IpLiteral(byte[] bytes) {
    private static final int MAX_TEXT = 64;

    public IpLiteral {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes");
        }
        bytes = bytes.clone();
    }

    /** The address {@code text} writes, or null when it is not an IP literal. */
    public static IpLiteral parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.length() > MAX_TEXT) {
            return null;
        }
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0 && t.indexOf(':') >= 0) {
            t = t.substring(0, zone);
        }
        byte[] b = t.indexOf(':') >= 0 ? v6(t) : v4(t);
        if (b == null) {
            return null;
        }
        if (b.length == 16 && isMappedV4(b)) {
            b = Arrays.copyOfRange(b, 12, 16);
        }
        return new IpLiteral(b);
    }

    /** Whether this is an IPv4 address. */
    public boolean isV4() {
        return bytes.length == 4;
    }

    /** The address bytes (a copy). */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Whether the first {@code prefix} bits equal those of {@code network} (of the same family). */
    boolean inNetwork(byte[] network, int prefix) {
        if (network.length != bytes.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit += 8) {
            int n = Math.min(8, prefix - bit);
            int mask = (0xff << (8 - n)) & 0xff;
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpLiteral other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The canonical text: dotted IPv4, or lower-case IPv6 of eight groups without leading zeros. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (isV4()) {
            for (int i = 0; i < 4; i++) {
                s.append(i == 0 ? "" : ".").append(bytes[i] & 0xff);
            }
        } else {
            for (int i = 0; i < 16; i += 2) {
                s.append(i == 0 ? "" : ":").append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
            }
        }
        return s.toString();
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** Four decimal octets 0 to 255, no leading zeros (an octal reading elsewhere), or null. */
    private static byte[] v4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0') || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            b[i] = (byte) v;
        }
        return b;
    }

    /** Eight groups of 1 to 4 hex digits, one {@code ::} for a run of zero groups, an IPv4 tail for the last two; or null. */
    private static byte[] v6(String t) {
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? t.substring(0, gap) : t;
        String tail = gap >= 0 ? t.substring(gap + 2) : "";
        int[] h = groups(head, gap < 0);
        int[] r = gap >= 0 ? groups(tail, true) : new int[0];
        if (h == null || r == null) {
            return null;
        }
        int total = h.length + r.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] b = new byte[16];
        for (int i = 0; i < h.length; i++) {
            b[2 * i] = (byte) (h[i] >> 8);
            b[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < r.length; i++) {
            int at = 8 - r.length + i;
            b[2 * at] = (byte) (r[i] >> 8);
            b[2 * at + 1] = (byte) r[i];
        }
        return b;
    }

    /** The 16-bit groups of a colon-separated run ({@code v4Tail}: its last part may be dotted IPv4, two groups). */
    private static int[] groups(String run, boolean v4Tail) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        int[] out = new int[parts.length + 1];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == parts.length - 1 && v4Tail && p.indexOf('.') >= 0) {
                byte[] v4 = v4(p);
                if (v4 == null) {
                    return null;
                }
                out[n++] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[n++] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
                continue;
            }
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
                return null;
            }
            out[n++] = Integer.parseInt(p, 16);
        }
        return Arrays.copyOf(out, n);
    }
}
