package io.github.jwtextended.key;

/**
 * The JWS algorithms (RFC 7518 §3.1) this library signs and verifies. {@code none} is not one
 * of them and never will be.
 *
 * <p>Thread safety: immutable.
 */
public enum JwsAlgorithm {
    HS256("HmacSHA256", 32),
    HS384("HmacSHA384", 48),
    HS512("HmacSHA512", 64);

    private final String jcaName;
    private final int minKeyBytes;

    JwsAlgorithm(String jcaName, int minKeyBytes) {
        this.jcaName = jcaName;
        this.minKeyBytes = minKeyBytes;
    }

    /** The JCA algorithm name, e.g. {@code HmacSHA256}. */
    public String jcaName() {
        return jcaName;
    }

    /** True for the HMAC algorithms (a shared secret signs and verifies). */
    public boolean isSymmetric() {
        return name().startsWith("HS");
    }

    /** For HMAC: the shortest key allowed, the hash output size (RFC 7518 §3.2). */
    public int minKeyBytes() {
        return minKeyBytes;
    }

    /** The algorithm with this exact, case-sensitive name, or null when it is not supported. */
    public static JwsAlgorithm fromName(String name) {
        if (name == null) {
            return null;
        }
        for (JwsAlgorithm a : values()) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }
}
