package io.github.jwtextended.key;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM key files (RFC 7468) with the JDK alone: {@code PUBLIC KEY} (SPKI),
 * {@code RSA PUBLIC KEY} (PKCS#1), {@code PRIVATE KEY} (PKCS#8), {@code RSA PRIVATE KEY} (PKCS#1),
 * {@code EC PRIVATE KEY} (SEC 1) and {@code CERTIFICATE} (its public key, no chain checks: the file
 * is trusted configuration). Encrypted private keys are refused. Messages never quote the input.
 *
 * <p>Thread safety: stateless.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** What one PEM text held: at most one public and one private key, either of them null. */
    record Keys(PublicKey publicKey, PrivateKey privateKey) {
        private static final Keys NONE = new Keys(null, null);

        /** These keys and {@code key}; a second public key, or a second private key, is refused. */
        Keys with(Key key) {
            if (key instanceof PublicKey p) {
                requireNone(publicKey, "public");
                return new Keys(p, privateKey);
            }
            requireNone(privateKey, "private");
            return new Keys(publicKey, (PrivateKey) key);
        }

        private static void requireNone(Key held, String half) {
            if (held != null) {
                throw new IllegalArgumentException("the PEM text holds more than one " + half + " key");
            }
        }
    }

    /** Makes a key with the algorithm's JDK key factory. */
    private interface Generation {
        Key generate(KeyFactory factory) throws GeneralSecurityException;
    }

    private Pem() {
    }

    static Keys read(String pem, JwsAlgorithm alg) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("the PEM text is empty");
        }
        String text = pem.replace("\\n", "\n"); // one-line environment variables often carry literal \n
        Matcher m = BLOCK.matcher(text);
        Keys keys = Keys.NONE;
        int blocks = 0;
        while (m.find()) {
            blocks++;
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the PEM block " + type + " is not valid base64");
            }
            keys = keys.with(key(type, der, alg));
        }
        if (blocks == 0) {
            throw new IllegalArgumentException("no PEM key block found: the text must hold a PEM-encoded key");
        }
        return keys;
    }

    /** The key of one block of the given type. */
    private static Key key(String type, byte[] der, JwsAlgorithm alg) {
        return switch (type) {
            case "PUBLIC KEY" -> generated(alg, f -> f.generatePublic(new X509EncodedKeySpec(der)));
            case "PRIVATE KEY" -> generated(alg, f -> f.generatePrivate(new PKCS8EncodedKeySpec(der)));
            case "CERTIFICATE" -> {
                byte[] spki = certifiedKey(der);
                yield generated(alg, f -> f.generatePublic(new X509EncodedKeySpec(spki)));
            }
            case "RSA PUBLIC KEY" -> generated(rsa(alg), f -> f.generatePublic(rsaPublicPkcs1(der)));
            case "RSA PRIVATE KEY" -> generated(rsa(alg), f -> f.generatePrivate(rsaPrivatePkcs1(der)));
            case "EC PRIVATE KEY" -> ecPrivateFromSec1(der, alg);
            case "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException("encrypted PEM private keys are not supported: decrypt it (openssl pkey) first");
            default -> throw new IllegalArgumentException("unsupported PEM block type " + type);
        };
    }

    static String jcaKeyAlgorithm(JwsAlgorithm alg) {
        switch (alg.family()) {
            case RSA: case RSA_PSS: return "RSA";
            case ECDSA: return "EC";
            case EDDSA: return "Ed25519";
            default: throw new IllegalArgumentException(alg + " keys have no PEM form: HMAC keys are secrets, not key pairs");
        }
    }

    private static KeyFactory factory(JwsAlgorithm alg) {
        try {
            return KeyFactory.getInstance(jcaKeyAlgorithm(alg));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no " + jcaKeyAlgorithm(alg) + " key factory");
        }
    }

    private static IllegalArgumentException wrongKind(JwsAlgorithm alg) {
        return new IllegalArgumentException(alg + " needs " + article(alg) + " key; the PEM does not hold one (wrong key type or a damaged file)");
    }

    private static String article(JwsAlgorithm alg) {
        switch (alg.family()) {
            case ECDSA: return "an EC " + alg.curve();
            case EDDSA: return "an Ed25519";
            default: return "an RSA";
        }
    }

    /**
     * The key {@code generation} makes with {@code alg}'s key factory; any failure means the block
     * does not hold a key for {@code alg}.
     */
    private static Key generated(JwsAlgorithm alg, Generation generation) {
        try {
            return generation.generate(factory(alg));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw wrongKind(alg);
        }
    }

    /** {@code alg} when it takes RSA keys: the PKCS#1 blocks hold nothing else. */
    private static JwsAlgorithm rsa(JwsAlgorithm alg) {
        if (!"RSA".equals(jcaKeyAlgorithm(alg))) {
            throw wrongKind(alg);
        }
        return alg;
    }

    /** The SubjectPublicKeyInfo of the certificate's key. */
    private static byte[] certifiedKey(byte[] der) {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der)).getPublicKey().getEncoded();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the PEM certificate cannot be read");
        }
    }

    /** PKCS#1 RSAPublicKey: SEQUENCE { n, e }. */
    private static RSAPublicKeySpec rsaPublicPkcs1(byte[] der) {
        Der.Reader seq = new Der.Reader(der).sequence();
        BigInteger n = seq.integer();
        BigInteger e = seq.integer();
        seq.end();
        return new RSAPublicKeySpec(n, e);
    }

    /** PKCS#1 RSAPrivateKey, two primes: SEQUENCE { 0, n, e, d, p, q, dp, dq, qi }. */
    private static RSAPrivateCrtKeySpec rsaPrivatePkcs1(byte[] der) {
        Der.Reader seq = new Der.Reader(der).sequence();
        if (seq.integer().signum() != 0) {
            throw new IllegalArgumentException("multi-prime RSA keys are not supported");
        }
        BigInteger n = seq.integer(), e = seq.integer(), d = seq.integer(), p = seq.integer(), q = seq.integer(),
                dp = seq.integer(), dq = seq.integer(), qi = seq.integer();
        seq.end();
        return new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qi);
    }

    private static final byte[] OID_P256 = KeyChecks.hex("2a8648ce3d030107");
    private static final byte[] OID_P384 = KeyChecks.hex("2b81040022");
    private static final byte[] OID_P521 = KeyChecks.hex("2b81040023");

    /** SEC 1 ECPrivateKey: SEQUENCE { 1, OCTET STRING d, [0] curve OID, [1] public point }. */
    private static PrivateKey ecPrivateFromSec1(byte[] der, JwsAlgorithm alg) {
        if (alg.family() != JwsAlgorithm.Family.ECDSA) {
            throw wrongKind(alg);
        }
        String crv;
        byte[] d;
        try {
            Der.Reader seq = new Der.Reader(der).sequence();
            if (!seq.integer().equals(BigInteger.ONE)) {
                throw new IllegalArgumentException("bad version");
            }
            d = seq.octetString();
            byte[] oid = seq.hasMore() && seq.peekTag() == 0xa0 ? seq.explicit(0xa0).oid() : null;
            if (oid == null) {
                throw new IllegalArgumentException("the EC PRIVATE KEY does not name its curve");
            }
            crv = Arrays.equals(oid, OID_P256) ? "P-256" : Arrays.equals(oid, OID_P384) ? "P-384"
                    : Arrays.equals(oid, OID_P521) ? "P-521" : null;
        } catch (RuntimeException e) {
            throw wrongKind(alg);
        }
        if (!alg.curve().equals(crv)) {
            throw new IllegalArgumentException(alg + " needs a key on " + alg.curve() + "; this EC key is on another curve");
        }
        ECParameterSpec spec = KeyChecks.curveParameters(crv);
        try {
            return factory(alg).generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), spec));
        } catch (GeneralSecurityException e) {
            throw wrongKind(alg);
        }
    }

    static String write(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
