package io.github.jwtextended.key;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;

/**
 * EdDSA signatures with the JDK's own Ed25519 (Nimbus would need Google Tink). A signature whose S
 * is not below the group order is refused (RFC 8032 §5.1.7).
 *
 * <p>Thread safety: immutable and thread safe (a {@link Signature} is made per call).
 */
final class Ed25519Jws implements JwsSignatures {
    private static final String JCA_NAME = "Ed25519";

    private final PublicKey publicKey;
    /** Null for a key that only verifies. */
    private final PrivateKey privateKey;

    Ed25519Jws(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            Signature s = Signature.getInstance(JCA_NAME);
            s.initSign(privateKey);
            s.update(signingInput);
            return s.sign();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalStateException("signing failed for EdDSA");
        }
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature) {
        if (!KeyChecks.ed25519SIsCanonical(signature)) {
            return false;
        }
        try {
            Signature v = Signature.getInstance(JCA_NAME);
            v.initVerify(publicKey);
            v.update(signingInput);
            return v.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
