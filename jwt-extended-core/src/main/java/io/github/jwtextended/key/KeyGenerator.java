package io.github.jwtextended.key;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes new keys for any supported algorithm, in the forms the configuration reads: a private JWK
 * (for {@code JWT_JWKS_FILE}), the public JWK (what the JWKS publishes), and PEM (for
 * {@code JWT_PRIVATE_KEY}/{@code JWT_PUBLIC_KEY}). The server's {@code keys} subcommand is a thin
 * wrapper around {@link #generate}.
 *
 * <p>RSA keys are 3072 bits by default (128-bit security, ASVS level 2); HMAC secrets are as long as
 * the hash (32/48/64 random bytes). Without a {@code kid}, asymmetric keys get their RFC 7638
 * thumbprint and HMAC keys a random id.
 *
 * <p>Thread safety: stateless; {@link SecureRandom} is thread safe.
 */
public final class KeyGenerator {
    /** Default RSA modulus size. */
    public static final int DEFAULT_RSA_BITS = 3072;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyGenerator() {
    }

    /** A new key, its JWK and PEM forms. */
    public static final class Generated {
        private final JwtKey key;
        private final String privateJwk;
        private final String publicJwk;
        private final String privatePem;
        private final String publicPem;

        private Generated(JwtKey key) {
            this.key = key;
            this.privateJwk = key.privateJwk();
            AsymmetricKey pair = key instanceof AsymmetricKey k ? k : null;
            this.publicJwk = pair == null ? null : pair.publicJwk();
            this.privatePem = pair == null ? null : pair.privatePem();
            this.publicPem = pair == null ? null : pair.publicPem();
        }

        /** The key, ready to sign. */
        public JwtKey key() { return key; }
        public JwsAlgorithm algorithm() { return key.algorithm(); }
        public String keyId() { return key.keyId(); }
        /** The JWK with its private members (or the secret {@code k}): keep it secret. */
        public String privateJwk() { return privateJwk; }
        /** The public JWK (null for HMAC: a secret has no public form). */
        public String publicJwk() { return publicJwk; }
        /** PKCS#8 {@code PRIVATE KEY} PEM (null for HMAC). */
        public String privatePem() { return privatePem; }
        /** SubjectPublicKeyInfo {@code PUBLIC KEY} PEM (null for HMAC). */
        public String publicPem() { return publicPem; }
        /** For HMAC: the secret as base64url (what the JWK's {@code k} holds); null otherwise. */
        public String secretBase64Url() {
            return key instanceof HmacKey secret
                    ? Base64.getUrlEncoder().withoutPadding().encodeToString(secret.secretCopy()) : null;
        }

        @Override
        public String toString() {
            return "Generated[" + key + "]";
        }
    }

    /** A new key for {@code algorithm} with id {@code kid} (null: a thumbprint or random id). */
    public static Generated generate(JwsAlgorithm algorithm, String kid) {
        return generate(algorithm, kid, DEFAULT_RSA_BITS);
    }

    /** As {@link #generate(JwsAlgorithm, String)}, with the RSA modulus size (at least 2048). */
    public static Generated generate(JwsAlgorithm algorithm, String kid, int rsaBits) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.isSymmetric()) {
            byte[] secret = new byte[algorithm.minKeyBytes()];
            RANDOM.nextBytes(secret);
            String id = kid != null ? kid : randomId();
            return new Generated(JwtKey.hmac(algorithm, secret, id));
        }
        KeyPair pair = pair(algorithm, rsaBits);
        JwtKey key = JwtKey.of(algorithm, pair.getPublic(), pair.getPrivate(), kid);
        if (kid == null) {
            key = key.withKeyId(key.thumbprint());
        }
        return new Generated(key);
    }

    private static KeyPair pair(JwsAlgorithm algorithm, int rsaBits) {
        try {
            KeyPairGenerator g;
            switch (algorithm.family()) {
                case RSA, RSA_PSS -> {
                    if (rsaBits < JwsAlgorithm.MIN_RSA_BITS) {
                        throw new IllegalArgumentException("RSA keys need at least " + JwsAlgorithm.MIN_RSA_BITS + " bits");
                    }
                    g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(new RSAKeyGenParameterSpec(rsaBits, RSAKeyGenParameterSpec.F4), RANDOM);
                }
                case ECDSA -> {
                    g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec(stdName(algorithm.curve())), RANDOM);
                }
                default -> {
                    g = KeyPairGenerator.getInstance("Ed25519");
                    g.initialize(NamedParameterSpec.ED25519, RANDOM);
                }
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate " + algorithm + " keys");
        }
    }

    private static String stdName(String crv) {
        return switch (crv) {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            default -> "secp521r1";
        };
    }

    private static String randomId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
