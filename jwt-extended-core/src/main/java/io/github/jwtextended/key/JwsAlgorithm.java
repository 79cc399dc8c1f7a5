package io.github.jwtextended.key;

/**
 * The JWS algorithms (RFC 7518 §3.1, RFC 8037 §3.1) this library signs and verifies. {@code none}
 * is not one of them and never will be.
 *
 * <table>
 *   <caption>Algorithms, key types and sizes</caption>
 *   <tr><th>alg</th><th>family</th><th>JWK kty</th><th>curve</th><th>signature</th></tr>
 *   <tr><td>HS256/384/512</td><td>HMAC</td><td>oct</td><td>-</td><td>32/48/64 bytes</td></tr>
 *   <tr><td>RS256/384/512</td><td>RSA PKCS#1 v1.5</td><td>RSA</td><td>-</td><td>modulus size</td></tr>
 *   <tr><td>PS256/384/512</td><td>RSASSA-PSS</td><td>RSA</td><td>-</td><td>modulus size</td></tr>
 *   <tr><td>ES256/384/512</td><td>ECDSA</td><td>EC</td><td>P-256/P-384/P-521</td><td>R||S, 64/96/132 bytes</td></tr>
 *   <tr><td>EdDSA</td><td>Ed25519</td><td>OKP</td><td>Ed25519</td><td>64 bytes</td></tr>
 * </table>
 *
 * <p>Thread safety: immutable.
 */
public enum JwsAlgorithm {
    HS256(Family.HMAC, "HmacSHA256", null, 32),
    HS384(Family.HMAC, "HmacSHA384", null, 48),
    HS512(Family.HMAC, "HmacSHA512", null, 64),
    RS256(Family.RSA, "SHA256withRSA", null, 0),
    RS384(Family.RSA, "SHA384withRSA", null, 0),
    RS512(Family.RSA, "SHA512withRSA", null, 0),
    PS256(Family.RSA_PSS, "RSASSA-PSS", null, 0),
    PS384(Family.RSA_PSS, "RSASSA-PSS", null, 0),
    PS512(Family.RSA_PSS, "RSASSA-PSS", null, 0),
    ES256(Family.ECDSA, "SHA256withECDSA", "P-256", 64),
    ES384(Family.ECDSA, "SHA384withECDSA", "P-384", 96),
    ES512(Family.ECDSA, "SHA512withECDSA", "P-521", 132),
    EdDSA(Family.EDDSA, "Ed25519", "Ed25519", 64);

    /** How an algorithm signs, and so which kind of key it takes. */
    public enum Family {
        /** A shared secret (JWK {@code kty} {@code oct}). */
        HMAC("oct"),
        /** RSASSA-PKCS1-v1_5 (JWK {@code kty} {@code RSA}). */
        RSA("RSA"),
        /** RSASSA-PSS, salt length equal to the hash length (JWK {@code kty} {@code RSA}). */
        RSA_PSS("RSA"),
        /** ECDSA on a NIST curve (JWK {@code kty} {@code EC}). */
        ECDSA("EC"),
        /** Ed25519 (JWK {@code kty} {@code OKP}). */
        EDDSA("OKP");

        private final String keyType;

        Family(String keyType) {
            this.keyType = keyType;
        }

        /** The JWK {@code kty} of keys for this family. */
        public String keyType() {
            return keyType;
        }
    }

    /** Smallest RSA modulus accepted, in bits (RFC 7518 §3.3 and §3.5). */
    public static final int MIN_RSA_BITS = 2048;

    private final Family family;
    private final String jcaName;
    private final String curve;
    private final int signatureLength;

    JwsAlgorithm(Family family, String jcaName, String curve, int signatureLength) {
        this.family = family;
        this.jcaName = jcaName;
        this.curve = curve;
        this.signatureLength = signatureLength;
    }

    /** The JCA algorithm name, e.g. {@code HmacSHA256}, {@code SHA256withECDSA}, {@code RSASSA-PSS}. */
    public String jcaName() {
        return jcaName;
    }

    public Family family() {
        return family;
    }

    /** True for the HMAC algorithms (a shared secret signs and verifies). */
    public boolean isSymmetric() {
        return family == Family.HMAC;
    }

    /** True for the public-key algorithms (RS, PS, ES, EdDSA). */
    public boolean isAsymmetric() {
        return family != Family.HMAC;
    }

    /** The JWK {@code kty} of this algorithm's keys: {@code oct}, {@code RSA}, {@code EC} or {@code OKP}. */
    public String keyType() {
        return family.keyType();
    }

    /**
     * The one curve this algorithm is defined on (JWK {@code crv} name: {@code P-256}, {@code P-384},
     * {@code P-521}, {@code Ed25519}), or null for HMAC and RSA.
     */
    public String curve() {
        return curve;
    }

    /**
     * For HMAC: the shortest key allowed, the hash output size (RFC 7518 §3.2), which is the MAC
     * size; 0 for the others.
     */
    public int minKeyBytes() {
        return family == Family.HMAC ? signatureLength : 0;
    }

    /**
     * The exact signature length in bytes where it is fixed by the algorithm: the MAC size for HMAC,
     * R||S for ECDSA (RFC 7518 §3.4: 64, 96, 132), 64 for Ed25519; 0 for RSA (the modulus size).
     */
    public int signatureLength() {
        return signatureLength;
    }

    private static final JwsAlgorithm[] ALL = values();

    /** The algorithm with this exact, case-sensitive name, or null when it is not supported. */
    public static JwsAlgorithm fromName(String name) {
        if (name == null) {
            return null;
        }
        for (JwsAlgorithm a : ALL) { // values() would copy the array on every token
            if (a.name().equals(name)) {
                return a;
            }
        }
        return null;
    }

    /** The ECDSA algorithm defined on this JWK curve name, EdDSA for {@code Ed25519}, or null. */
    public static JwsAlgorithm forCurve(String crv) {
        if (crv == null) {
            return null;
        }
        for (JwsAlgorithm a : values()) {
            if (crv.equals(a.curve)) {
                return a;
            }
        }
        return null;
    }

    /** The names of all supported algorithms, comma separated, for messages. */
    public static String supportedNames() {
        StringBuilder b = new StringBuilder();
        for (JwsAlgorithm a : values()) {
            if (b.length() > 0) {
                b.append(", ");
            }
            b.append(a.name());
        }
        return b.toString();
    }
}
