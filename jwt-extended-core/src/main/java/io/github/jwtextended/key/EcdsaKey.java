package io.github.jwtextended.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;

import java.math.BigInteger;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;

/**
 * An EC key for ES256 (P-256), ES384 (P-384) or ES512 (P-521): ECDSA, RFC 7518 §3.4, JWK
 * {@code kty} {@code EC}. The key is on its algorithm's curve and its point on that curve; the first
 * one made also runs the CVE-2022-21449 self-test of the JVM. Made by {@link JwtKey#ec},
 * {@link JwtKey#of} or from PEM or JWK; signs and verifies through Nimbus JOSE+JWT. A signature is
 * R||S of exactly 64, 96 or 132 bytes (DER is refused).
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class EcdsaKey extends AsymmetricKey {
    EcdsaKey(JwsAlgorithm algorithm, String keyId, ECPublicKey publicKey, ECPrivateKey privateKey) {
        super(algorithm, keyId, publicKey, privateKey, NimbusJws.of(algorithm, publicKey, ECDSAVerifier::new, privateKey, ECDSASigner::new));
    }

    /** See {@link JwtKey#ec}; {@code algorithm} is an ECDSA one. */
    static EcdsaKey of(JwsAlgorithm algorithm, ECPublicKey publicKey, ECPrivateKey privateKey, String keyId) {
        KeyChecks.requireSafeEcdsa();
        String crv = algorithm.curve();
        ECPublicKey pub = publicKey;
        if (privateKey != null) {
            if (!KeyChecks.sameCurve(privateKey.getParams(), crv)) {
                throw KeyChecks.wrongCurve(algorithm);
            }
            BigInteger s = privateKey.getS();
            if (s.signum() <= 0 || s.compareTo(privateKey.getParams().getOrder()) >= 0) {
                throw new IllegalArgumentException("The EC private key is out of range");
            }
            if (pub == null) {
                ECPoint w = KeyChecks.multiplyGenerator(s, privateKey.getParams());
                pub = (ECPublicKey) derivedPublicKey("EC", new ECPublicKeySpec(w, privateKey.getParams()));
            }
        }
        if (pub == null) {
            throw new IllegalArgumentException("an EC key needs its public key or its private key");
        }
        if (!KeyChecks.sameCurve(pub.getParams(), crv)) {
            throw KeyChecks.wrongCurve(algorithm);
        }
        if (!KeyChecks.isOnCurve(pub.getW(), pub.getParams())) {
            throw new IllegalArgumentException("The EC public key is not a point on " + crv);
        }
        return checkedPair(new EcdsaKey(algorithm, keyId, pub, privateKey));
    }

    @Override
    public ECPublicKey publicKey() {
        return (ECPublicKey) super.publicKey();
    }

    @Override
    JWK nimbusJwk(boolean withPrivate) {
        ECKey.Builder b = new ECKey.Builder(Curve.parse(algorithm().curve()), publicKey()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.parse(algorithm().name())).keyID(keyId());
        if (withPrivate) {
            b.privateKey((ECPrivateKey) privateKey());
        }
        return b.build();
    }
}
