package io.github.jwtextended.key;

import java.nio.file.Path;

/**
 * Keys given in PEM, as text or as files read when the manager is built (text wins over a file
 * given for the same key). A private key alone also verifies (its public key is derived).
 *
 * <p>Thread safety: immutable.
 *
 * @param privateKey     the signing key (PKCS#8, PKCS#1 or SEC 1), or null
 * @param publicKey      the verification key (SubjectPublicKeyInfo, PKCS#1 or a certificate), or null
 * @param privateKeyFile a file holding the signing key, or null
 * @param publicKeyFile  a file holding the verification key, or null
 */
public record PemKeys(String privateKey, String publicKey, Path privateKeyFile, Path publicKeyFile) {
    /** None. */
    public static final PemKeys NONE = new PemKeys(null, null, null, null);

    /** Blank text is no text (null). */
    public PemKeys {
        privateKey = privateKey == null || privateKey.isBlank() ? null : privateKey;
        publicKey = publicKey == null || publicKey.isBlank() ? null : publicKey;
    }

    /** True when a key is given, as text or file. */
    public boolean any() {
        return privateKey != null || publicKey != null || privateKeyFile != null || publicKeyFile != null;
    }

    public PemKeys withPrivateKey(String pem) { return new PemKeys(pem, publicKey, privateKeyFile, publicKeyFile); }
    public PemKeys withPublicKey(String pem) { return new PemKeys(privateKey, pem, privateKeyFile, publicKeyFile); }
    public PemKeys withPrivateKeyFile(Path file) { return new PemKeys(privateKey, publicKey, file, publicKeyFile); }
    public PemKeys withPublicKeyFile(Path file) { return new PemKeys(privateKey, publicKey, privateKeyFile, file); }

    /** Says which keys are given, never their text. */
    @Override
    public String toString() {
        return "PemKeys[privateKey " + (privateKey != null ? "set" : "unset") + ", publicKey " + (publicKey != null ? "set" : "unset")
                + ", privateKeyFile=" + privateKeyFile + ", publicKeyFile=" + publicKeyFile + "]";
    }
}
