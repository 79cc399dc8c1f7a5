package io.github.jwtextended.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;

import java.util.Objects;

/**
 * One key bound to exactly one algorithm (RFC 8725 §3.1), with an optional key id ({@code kid}).
 * Signing and verification go through Nimbus JOSE+JWT; no Nimbus type is exposed.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class JwtKey {
    private final JwsAlgorithm algorithm;
    private final String keyId;
    private final MACSigner signer;
    private final MACVerifier verifier;
    private final JWSHeader header;

    private JwtKey(JwsAlgorithm algorithm, String keyId, byte[] secret) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.header = new JWSHeader(JWSAlgorithm.parse(algorithm.name()));
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("HMAC key rejected: it must be at least 256 bits");
        }
    }

    /**
     * An HMAC key for {@code algorithm}. Refuses a secret shorter than the hash output
     * (RFC 7518 §3.2): 32 bytes for HS256, 48 for HS384, 64 for HS512.
     */
    public static JwtKey hmac(JwsAlgorithm algorithm, byte[] secret, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(secret, "secret");
        if (!algorithm.isSymmetric()) {
            throw new IllegalArgumentException(algorithm + " is not an HMAC algorithm");
        }
        if (secret.length < algorithm.minKeyBytes()) {
            throw new IllegalArgumentException("An " + algorithm + " key needs at least " + algorithm.minKeyBytes()
                    + " bytes (RFC 7518 section 3.2); this one has " + secret.length);
        }
        if (keyId != null && keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId must be null or non-empty");
        }
        return new JwtKey(algorithm, keyId, secret.clone());
    }

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id written as {@code kid} into tokens this key signs; null for none. */
    public String keyId() {
        return keyId;
    }

    /** The signature of {@code signingInput} (ASCII bytes of {@code header.payload}). */
    public byte[] sign(byte[] signingInput) {
        try {
            return signer.sign(header, signingInput).decode();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed for " + algorithm);
        }
    }

    /**
     * Whether {@code signature} (its base64url text, as it stands in the token) is this key's
     * signature of {@code signingInput}, compared in constant time.
     */
    public boolean verify(byte[] signingInput, String signatureBase64Url) {
        try {
            return verifier.verify(header, signingInput, new Base64URL(signatureBase64Url));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "JwtKey[" + algorithm + (keyId == null ? "" : ", kid present") + "]";
    }
}
