package io.github.jwtextended.key;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * A public key, with or without its private key, for one public-key algorithm: {@link RsaKey},
 * {@link EcdsaKey} or {@link EdDsaKey}. Without the private key it only verifies. Its public form
 * (JWK, PEM, RFC 7638 thumbprint) can be published.
 *
 * <p>Thread safety: immutable and thread safe, every family.
 */
public abstract sealed class AsymmetricKey extends JwtKey permits RsaKey, EcdsaKey, EdDsaKey {
    private static final byte[] PAIR_TEST = "jwt-extended key pair test".getBytes(StandardCharsets.US_ASCII);

    private final PublicKey publicKey;
    /** Null for a key that only verifies. */
    private final PrivateKey privateKey;
    private final JwsSignatures jws;

    AsymmetricKey(JwsAlgorithm algorithm, String keyId, PublicKey publicKey, PrivateKey privateKey, JwsSignatures jws) {
        super(algorithm, keyId);
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.jws = jws;
    }

    /** {@code algorithm}, refused when null or when its keys are not of JWK type {@code keyType} ({@code RSA}, {@code EC}). */
    static JwsAlgorithm requireKeyType(JwsAlgorithm algorithm, String keyType) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (!algorithm.keyType().equals(keyType)) {
            throw new IllegalArgumentException(algorithm + " does not take an " + keyType + " key");
        }
        return algorithm;
    }

    /**
     * {@code key} once it has signed and verified a fixed message: a private key that is not the
     * public key's half is refused.
     */
    static <K extends AsymmetricKey> K checkedPair(K key) {
        if (key.canSign()) {
            byte[] sig;
            try {
                sig = key.sign(PAIR_TEST);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("the " + key.algorithm() + " private key cannot sign");
            }
            if (!key.verifySignature(PAIR_TEST, sig)) {
                throw new IllegalArgumentException("The private key does not belong to the public key");
            }
        }
        return key;
    }

    /** The public key of {@code spec}, derived from a private key, from the JDK's {@code keyAlgorithm} factory. */
    static PublicKey derivedPublicKey(String keyAlgorithm, KeySpec spec) {
        try {
            return KeyFactory.getInstance(keyAlgorithm).generatePublic(spec);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + keyAlgorithm + " public key cannot be derived from the private key");
        }
    }

    /**
     * This key's family with the same algorithm and public key, and the given id and private key
     * (this key's, or null): parts already checked, so made without checking them again.
     */
    private AsymmetricKey copy(String keyId, PrivateKey privateKey) {
        return switch (algorithm().family()) {
            case RSA, RSA_PSS -> new RsaKey(algorithm(), keyId, (RSAPublicKey) publicKey, (RSAPrivateKey) privateKey);
            case ECDSA -> new EcdsaKey(algorithm(), keyId, (ECPublicKey) publicKey, (ECPrivateKey) privateKey);
            case EDDSA -> new EdDsaKey(keyId, publicKey, privateKey);
            case HMAC -> throw new IllegalStateException("an HMAC key is not an asymmetric key");
        };
    }

    @Override
    public AsymmetricKey withKeyId(String newKeyId) {
        return copy(newKeyId, privateKey);
    }

    /** Whether the private key is present. */
    @Override
    public boolean canSign() {
        return privateKey != null;
    }

    @Override
    public AsymmetricKey publicOnly() {
        return privateKey == null ? this : copy(keyId(), null);
    }

    /** The JDK public key; never null. */
    @Override
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The JDK private key, or null for a key that only verifies. */
    final PrivateKey privateKey() {
        return privateKey;
    }

    @Override
    public String publicPem() {
        return Pem.write("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The private key as PEM {@code PRIVATE KEY} (PKCS#8), for key generation tooling only. */
    final String privatePem() {
        if (privateKey == null) {
            throw new IllegalStateException("this key has no private key in PEM form");
        }
        return Pem.write("PRIVATE KEY", privateKey.getEncoded());
    }

    @Override
    final byte[] signature(byte[] signingInput) {
        return jws.sign(signingInput);
    }

    /** Copies the range out of a larger buffer (the signature libraries take whole arrays only). */
    @Override
    final boolean verifies(byte[] data, int offset, int length, byte[] signature) {
        if (signature.length != signatureLength()) {
            return false;
        }
        byte[] signingInput = offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length);
        return jws.verify(signingInput, signature);
    }

    /** The exact length in bytes of this key's signatures: fixed by the algorithm, except RSA's (the modulus size). */
    int signatureLength() {
        return algorithm().signatureLength();
    }
}
