package io.github.jwtextended.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A shared secret for HS256, HS384 or HS512 (RFC 7518 §3.2, JWK {@code kty} {@code oct}): it signs
 * and verifies, and has no public form (no public JWK, PEM or thumbprint). Made by
 * {@link JwtKey#hmac}; the secret is at least as long as the hash output.
 *
 * <p>Uses the JDK's {@link Mac}: one initialised instance per key and thread, reused (none is created
 * per call), over the signing input in place; a MAC is compared in constant time
 * ({@link MessageDigest#isEqual}).
 *
 * <p>Thread safety: immutable and thread safe (each thread has its own {@link Mac}).
 */
public final class HmacKey extends JwtKey {
    private final byte[] secret;
    /** One initialised {@link Mac} per thread, shared with the copies {@link #withKeyId} makes. */
    private final ThreadLocal<Mac> macs;

    private HmacKey(JwsAlgorithm algorithm, String keyId, byte[] secret, ThreadLocal<Mac> macs) {
        super(algorithm, keyId);
        this.secret = secret;
        this.macs = macs;
    }

    /** See {@link JwtKey#hmac}. */
    static HmacKey of(JwsAlgorithm algorithm, byte[] secret, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        if (!algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        }
        if (secret.length < algorithm.minKeyBytes()) {
            throw new IllegalArgumentException("An " + algorithm + " key needs at least " + algorithm.minKeyBytes()
                    + " bytes (RFC 7518 section 3.2); this one has " + secret.length);
        }
        SecretKeySpec spec = new SecretKeySpec(secret, algorithm.jcaName()); // copies the secret
        newMac(spec); // fails here, at construction, rather than on the first token
        return new HmacKey(algorithm, keyId, spec.getEncoded(), ThreadLocal.withInitial(() -> newMac(spec)));
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(spec.getAlgorithm());
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + spec.getAlgorithm() + " key was refused by the JDK");
        }
    }

    @Override
    public HmacKey withKeyId(String newKeyId) {
        return new HmacKey(algorithm(), newKeyId, secret, macs);
    }

    /** Always true: a secret signs. */
    @Override
    public boolean canSign() {
        return true;
    }

    /** This key itself: a secret has no public half. */
    @Override
    public HmacKey publicOnly() {
        return this;
    }

    /** Always null: a secret has no public key. */
    @Override
    public PublicKey publicKey() {
        return null;
    }

    /** @throws IllegalStateException always: a secret has no public form */
    @Override
    public String publicPem() {
        throw noPublicForm();
    }

    /** A copy of the secret (key generation tooling only). */
    byte[] secretCopy() {
        return secret.clone();
    }

    /** The MAC of {@code data[offset, offset + length)} with this thread's {@link Mac}. */
    private byte[] mac(byte[] data, int offset, int length) {
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return mac.doFinal(); // also resets it for the next use
    }

    @Override
    byte[] signature(byte[] signingInput) {
        return mac(signingInput, 0, signingInput.length);
    }

    @Override
    boolean verifies(byte[] data, int offset, int length, byte[] signature) {
        return signature.length == algorithm().signatureLength()
                && MessageDigest.isEqual(mac(data, offset, length), signature); // constant time
    }

    @Override
    JWK nimbusJwk(boolean withPrivate) {
        if (!withPrivate) {
            throw noPublicForm();
        }
        return new OctetSequenceKey.Builder(secret).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(algorithm().name())).keyID(keyId()).build();
    }

    private static IllegalStateException noPublicForm() {
        return new IllegalStateException("an HMAC key is a secret and has no public form");
    }
}
