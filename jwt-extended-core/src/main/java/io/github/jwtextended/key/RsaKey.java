package io.github.jwtextended.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import java.math.BigInteger;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/**
 * An RSA key for RS256/384/512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3) or PS256/384/512 (RSASSA-PSS,
 * §3.5), JWK {@code kty} {@code RSA}: a modulus of at least 2048 bits, an odd public exponent of at
 * least 3, no ROCA fingerprint. Made by {@link JwtKey#rsa}, {@link JwtKey#of} or from PEM or JWK;
 * signs and verifies through Nimbus JOSE+JWT. A signature is exactly the modulus size.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class RsaKey extends AsymmetricKey {
    RsaKey(JwsAlgorithm algorithm, String keyId, RSAPublicKey publicKey, RSAPrivateKey privateKey) {
        super(algorithm, keyId, publicKey, privateKey, NimbusJws.of(algorithm, publicKey, RSASSAVerifier::new, privateKey, RSASSASigner::new));
    }

    /** See {@link JwtKey#rsa}; {@code algorithm} is an RS or PS one. */
    static RsaKey of(JwsAlgorithm algorithm, RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {
        RSAPublicKey pub = publicKey != null ? publicKey : publicKeyOf(privateKey);
        BigInteger n = pub.getModulus();
        BigInteger e = pub.getPublicExponent();
        if (n.bitLength() < JwsAlgorithm.MIN_RSA_BITS) {
            throw new IllegalArgumentException("The RSA key has " + n.bitLength() + " bits; " + algorithm
                    + " needs at least " + JwsAlgorithm.MIN_RSA_BITS + " (RFC 7518 section 3.3)");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0) {
            throw new IllegalArgumentException("The RSA public exponent must be odd and at least 3 (65537 is usual)");
        }
        if (KeyChecks.hasRocaFingerprint(n)) {
            throw new IllegalArgumentException("The RSA key has the ROCA fingerprint (CVE-2017-15361): it was made by a "
                    + "vulnerable generator and must be replaced");
        }
        if (privateKey != null && !privateKey.getModulus().equals(n)) {
            throw new IllegalArgumentException("The RSA private key does not belong to the public key");
        }
        return checkedPair(new RsaKey(algorithm, keyId, pub, privateKey));
    }

    /** The public key held by a private key in CRT form. */
    private static RSAPublicKey publicKeyOf(RSAPrivateKey privateKey) {
        if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
            throw new IllegalArgumentException("an RSA key needs its public key (or a private key in CRT form)");
        }
        return (RSAPublicKey) derivedPublicKey("RSA", new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    @Override
    public RSAPublicKey publicKey() {
        return (RSAPublicKey) super.publicKey();
    }

    /** The modulus size in bits (at least 2048); a signature is this many bits, rounded up to bytes. */
    public int modulusBits() {
        return publicKey().getModulus().bitLength();
    }

    /** The modulus size in bytes. */
    @Override
    int signatureLength() {
        return (modulusBits() + 7) / 8;
    }

    @Override
    JWK nimbusJwk(boolean withPrivate) {
        RSAKey.Builder b = new RSAKey.Builder(publicKey()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(algorithm().name())).keyID(keyId());
        if (withPrivate) {
            b.privateKey((RSAPrivateKey) privateKey());
        }
        return b.build();
    }
}
