package io.github.jwtextended.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;

/**
 * Signing and verifying through Nimbus JOSE+JWT for one key ({@link RsaKey}, {@link EcdsaKey}): its
 * signer (null for a key that only verifies), its verifier, and the header naming the algorithm.
 * Nimbus's failures become this library's: an {@link IllegalStateException} when signing, a
 * refusal ({@code false}) when verifying.
 *
 * <p>Thread safety: immutable and thread safe (Nimbus's signers and verifiers are).
 */
final class NimbusJws {
    private final JWSHeader header;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    NimbusJws(JwsAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {
        this.header = new JWSHeader(JWSAlgorithm.parse(algorithm.name()));
        this.signer = signer;
        this.verifier = verifier;
    }

    /** The refusal of a key the constructors of Nimbus's signer or verifier threw on. */
    static IllegalArgumentException refused(JwsAlgorithm algorithm) {
        return new IllegalArgumentException("the " + algorithm + " key was refused by the signature library");
    }

    byte[] sign(byte[] signingInput) {
        try {
            return signer.sign(header, signingInput).decode();
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalStateException("signing failed for " + header.getAlgorithm());
        }
    }

    boolean verify(byte[] signingInput, byte[] signature) {
        try {
            return verifier.verify(header, signingInput, Base64URL.encode(signature));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}
