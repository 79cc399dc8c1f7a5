package io.github.jwtextended.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import io.github.jwtextended.json.StrictJson;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * One key bound to exactly one algorithm (RFC 8725 §3.1), with an optional key id ({@code kid}):
 * an HMAC secret, or an RSA, EC or Ed25519 public key with or without its private key. A key
 * without a private key only verifies. There is one final class per algorithm family of RFC 7518
 * §3 and RFC 8037: {@link HmacKey} (HS256/384/512), {@link RsaKey} (RS256/384/512 and
 * PS256/384/512), {@link EcdsaKey} (ES256/384/512) and {@link EdDsaKey} (EdDSA with Ed25519); the
 * factories here are the way to make one.
 *
 * <p>Every factory refuses, with a message that never quotes key material: an HMAC secret shorter
 * than its hash, an RSA modulus under 2048 bits, an RSA public exponent that is even or below 3,
 * an RSA modulus with the ROCA fingerprint, an EC key on another curve than its algorithm's or a
 * point off the curve, an Ed448 key, a private key that does not belong to its public key, and
 * (for JWKs) a key marked for encryption ({@code use} other than {@code sig}, {@code key_ops}
 * without {@code verify}), an unknown {@code alg}, or a {@code kty} that does not fit the algorithm.
 *
 * <p>HMAC uses the JDK's {@link javax.crypto.Mac} directly, with a constant-time comparison. RSA,
 * RSASSA-PSS and ECDSA go through Nimbus JOSE+JWT; Ed25519 uses the JDK's own implementation
 * (Nimbus needs Google Tink for it). No Nimbus type is exposed.
 *
 * <p>Thread safety: immutable and thread safe, every family.
 */
public abstract sealed class JwtKey permits HmacKey, AsymmetricKey {
    private final JwsAlgorithm algorithm;
    private final String keyId;

    JwtKey(JwsAlgorithm algorithm, String keyId) {
        if (keyId != null && keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId must be null or non-empty");
        }
        this.algorithm = algorithm;
        this.keyId = keyId;
    }

    // ---- factories ------------------------------------------------------------------------

    /**
     * An HMAC key for {@code algorithm}. Refuses a secret shorter than the hash output
     * (RFC 7518 §3.2): 32 bytes for HS256, 48 for HS384, 64 for HS512.
     */
    public static HmacKey hmac(JwsAlgorithm algorithm, byte[] secret, String keyId) {
        return HmacKey.of(algorithm, secret, keyId);
    }

    /**
     * An RSA key for an RS or PS algorithm. {@code publicKey} may be null when {@code privateKey} is
     * an {@link RSAPrivateCrtKey} (it holds the public exponent); {@code privateKey} may be null for a
     * key that only verifies.
     */
    public static RsaKey rsa(JwsAlgorithm algorithm, RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {
        return RsaKey.of(AsymmetricKey.requireKeyType(algorithm, "RSA"), publicKey, privateKey, keyId);
    }

    /**
     * An EC key for ES256 (P-256), ES384 (P-384) or ES512 (P-521). {@code publicKey} may be null when
     * {@code privateKey} is given (the public point is computed); {@code privateKey} may be null for a
     * key that only verifies. Refuses a key on another curve and a point that is not on the curve.
     * The first EC key also runs the CVE-2022-21449 self-test of the JVM.
     */
    public static EcdsaKey ec(JwsAlgorithm algorithm, ECPublicKey publicKey, ECPrivateKey privateKey, String keyId) {
        return EcdsaKey.of(AsymmetricKey.requireKeyType(algorithm, "EC"), publicKey, privateKey, keyId);
    }

    /**
     * An Ed25519 key for EdDSA. {@code publicKey} may be null when {@code privateKey} is given;
     * {@code privateKey} may be null for a key that only verifies. Ed448 is refused.
     */
    public static EdDsaKey ed25519(PublicKey publicKey, PrivateKey privateKey, String keyId) {
        return EdDsaKey.of(publicKey, privateKey, keyId);
    }

    /** A key for any asymmetric {@code algorithm} from JDK key objects; either may be null, not both. */
    public static AsymmetricKey of(JwsAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            return switch (algorithm.family()) {
                case RSA, RSA_PSS -> rsa(algorithm, (RSAPublicKey) publicKey, (RSAPrivateKey) privateKey, keyId);
                case ECDSA -> ec(algorithm, (ECPublicKey) publicKey, (ECPrivateKey) privateKey, keyId);
                case EDDSA -> ed25519(publicKey, privateKey, keyId);
                case HMAC -> throw new IllegalArgumentException(algorithm + " takes a secret: use JwtKey.hmac");
            };
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(algorithm + " needs " + algorithm.keyType() + " keys; these are of another kind");
        }
    }

    /**
     * A key from PEM text (one or two blocks: a public key or certificate, a private key, or both):
     * {@code PUBLIC KEY}, {@code RSA PUBLIC KEY}, {@code CERTIFICATE}, {@code PRIVATE KEY},
     * {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. A literal {@code \n} (as in a one-line
     * environment variable) is read as a line break. With only a private key, the public key is
     * derived; with both, they must be a pair.
     */
    public static AsymmetricKey fromPem(JwsAlgorithm algorithm, String pem, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        Pem.Keys keys = Pem.read(pem, algorithm);
        if (keys.publicKey() == null && keys.privateKey() == null) {
            throw new IllegalArgumentException("the PEM text holds no key");
        }
        return of(algorithm, keys.publicKey(), keys.privateKey(), keyId);
    }

    /**
     * A key from one JWK (RFC 7517) whose {@code alg} names the algorithm (for EC and OKP keys
     * without {@code alg}, the curve does). Private members, when present, make a signing key.
     */
    public static JwtKey fromJwk(String json) {
        return fromJwk(json, null);
    }

    /**
     * A key from one JWK, bound to {@code algorithm} when the JWK has no {@code alg}; a JWK whose
     * {@code alg} differs from {@code algorithm} is refused. {@code algorithm} may be null.
     */
    public static JwtKey fromJwk(String json, JwsAlgorithm algorithm) {
        return Jwk.read(Jwk.object(json, "JWK"), algorithm, true);
    }

    // ---- accessors ------------------------------------------------------------------------

    /** The one algorithm this key signs and verifies with. */
    public final JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id written as {@code kid} into tokens this key signs; null for none. */
    public final String keyId() {
        return keyId;
    }

    /** A copy of this key with another key id (null for none). */
    public abstract JwtKey withKeyId(String newKeyId);

    /** True for an HMAC secret. */
    public final boolean isSymmetric() {
        return algorithm.isSymmetric();
    }

    /** Whether this key can sign: an HMAC secret, or a key pair with its private key. */
    public abstract boolean canSign();

    /** The same key without its private half (verification only); an HMAC key is returned as is. */
    public abstract JwtKey publicOnly();

    /** The JDK public key, or null for an HMAC secret. */
    public abstract PublicKey publicKey();

    // ---- signing and verifying ----------------------------------------------------------------

    /**
     * The signature of {@code signingInput} (ASCII bytes of {@code header.payload}).
     *
     * @throws IllegalStateException when this key only verifies, or the signature library fails
     */
    public final byte[] sign(byte[] signingInput) {
        if (!canSign()) {
            throw new IllegalStateException("this " + algorithm + " key has no private key: it only verifies");
        }
        return signature(Objects.requireNonNull(signingInput, "signingInput"));
    }

    /** The signature of {@code signingInput}, called only when {@link #canSign()}. */
    abstract byte[] signature(byte[] signingInput);

    /**
     * Whether {@code signature} (its base64url text, as it stands in the token) is this key's
     * signature of {@code signingInput}. MACs are compared in constant time.
     */
    public final boolean verify(byte[] signingInput, String signatureBase64Url) {
        if (signatureBase64Url == null || signatureBase64Url.indexOf('=') >= 0) {
            return false;
        }
        byte[] sig;
        try {
            sig = Base64.getUrlDecoder().decode(signatureBase64Url);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return verifySignature(signingInput, sig);
    }

    /**
     * Whether {@code signature} (raw bytes) is this key's signature of {@code signingInput}. An ES
     * signature must be R||S of exactly 64, 96 or 132 bytes (RFC 7518 §3.4; DER is refused), an
     * Ed25519 signature exactly 64 bytes with S below the group order, an RSA signature exactly the
     * modulus size.
     */
    public final boolean verifySignature(byte[] signingInput, byte[] signature) {
        return signingInput != null && signature != null && verifies(signingInput, 0, signingInput.length, signature);
    }

    /**
     * Whether {@code signature} (raw bytes) is this key's signature of the signing input
     * {@code data[offset, offset + length)}: {@link #verifySignature(byte[], byte[])} without copying
     * the input out of a larger buffer (HMAC reads it in place; the other algorithms get a copy).
     */
    public final boolean verifySignature(byte[] data, int offset, int length, byte[] signature) {
        if (data == null || signature == null || offset < 0 || length < 0 || offset > data.length - length) {
            return false;
        }
        return verifies(data, offset, length, signature);
    }

    /** The signature check of {@code data[offset, offset + length)}; the range is valid, nothing is null. */
    abstract boolean verifies(byte[] data, int offset, int length, byte[] signature);

    // ---- JWK and PEM forms --------------------------------------------------------------------

    /**
     * The public JWK of this key as JSON ({@code kty}, {@code use}, {@code alg}, {@code kid}, then
     * the public parameters). Never holds private members.
     *
     * @throws IllegalStateException for an HMAC key, which is a secret
     */
    public final String publicJwk() {
        return StrictJson.write(publicJwkMap());
    }

    /** {@link #publicJwk()} as an ordered map of JSON values. */
    public final Map<String, Object> publicJwkMap() {
        return Jwk.ordered(nimbusJwk(false));
    }

    /**
     * The public key as PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo).
     *
     * @throws IllegalStateException for an HMAC key
     */
    public abstract String publicPem();

    /**
     * The RFC 7638 SHA-256 thumbprint of the public key (base64url), a good default {@code kid}.
     *
     * @throws IllegalStateException for an HMAC key, whose thumbprint would be a hash of the secret
     */
    public final String thumbprint() {
        try {
            return nimbusJwk(false).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("thumbprint failed");
        }
    }

    /** The private JWK (for key generation tooling only: never published). */
    final String privateJwk() {
        if (!canSign()) {
            throw new IllegalStateException("this key has no private key");
        }
        return StrictJson.write(Jwk.ordered(nimbusJwk(true)));
    }

    /**
     * This key as a Nimbus JWK with {@code use}, {@code alg} and {@code kid}; with the private
     * members (or the secret) when {@code withPrivate}, which the caller asks only of a key that signs.
     */
    abstract JWK nimbusJwk(boolean withPrivate);

    @Override
    public final String toString() {
        return "JwtKey[" + algorithm + (canSign() ? ", signs" : ", verifies only") + (keyId == null ? "" : ", kid present") + "]";
    }
}
