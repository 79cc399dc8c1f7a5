package io.github.jwtextended.key;

/**
 * How one {@link AsymmetricKey} makes and checks signatures: through Nimbus JOSE+JWT
 * ({@link NimbusJws}, RSA and ECDSA) or the JDK's own Ed25519 ({@link Ed25519Jws}). The key checks
 * the signature's length before it asks.
 *
 * <p>Thread safety: implementations are immutable and thread safe.
 */
sealed interface JwsSignatures permits NimbusJws, Ed25519Jws {
    /**
     * The signature of {@code signingInput} with the private key.
     *
     * @throws IllegalStateException when there is no private key or the signature library fails
     */
    byte[] sign(byte[] signingInput);

    /** Whether {@code signature} is the public key's signature of {@code signingInput}; false on any failure. */
    boolean verify(byte[] signingInput, byte[] signature);
}
