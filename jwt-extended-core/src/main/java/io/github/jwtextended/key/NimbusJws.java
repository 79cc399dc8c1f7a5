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
final class NimbusJws implements JwsSignatures {
    private final JWSHeader header;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    /** One of Nimbus's signer or verifier constructors, e.g. {@code RSASSASigner::new}. */
    @FunctionalInterface
    interface Constructor<K, T> {
        T of(K key) throws JOSEException;
    }

    private NimbusJws(JwsAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {
        this.header = new JWSHeader(JWSAlgorithm.parse(algorithm.name()));
        this.signer = signer;
        this.verifier = verifier;
    }

    /**
     * The signer of {@code privateKey} (none when it is null) and the verifier of {@code publicKey},
     * made by Nimbus's constructors; a key they throw on is refused with an
     * {@link IllegalArgumentException}.
     */
    static <U, R> NimbusJws of(JwsAlgorithm algorithm, U publicKey, Constructor<U, JWSVerifier> verifier,
                               R privateKey, Constructor<R, JWSSigner> signer) {
        try {
            return new NimbusJws(algorithm, privateKey == null ? null : signer.of(privateKey), verifier.of(publicKey));
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalArgumentException("the " + algorithm + " key was refused by the signature library");
        }
    }

    @Override
    public byte[] sign(byte[] signingInput) {
        try {
            return signer.sign(header, signingInput).decode();
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalStateException("signing failed for " + header.getAlgorithm());
        }
    }

    @Override
    public boolean verify(byte[] signingInput, byte[] signature) {
        try {
            return verifier.verify(header, signingInput, Base64URL.encode(signature));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }
}
