package io.github.jwtextended.key;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;

/**
 * An Ed25519 key for EdDSA (RFC 8037, JWK {@code kty} {@code OKP}, {@code crv} {@code Ed25519});
 * Ed448 is not supported. Made by {@link JwtKey#ed25519}, {@link JwtKey#of} or from PEM or JWK;
 * signs and verifies with the JDK's own Ed25519 (Nimbus would need Google Tink). A signature is
 * exactly 64 bytes with S below the group order (RFC 8032 §5.1.7).
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class EdDsaKey extends AsymmetricKey {
    EdDsaKey(String keyId, PublicKey publicKey, PrivateKey privateKey) {
        super(JwsAlgorithm.EdDSA, keyId, publicKey, privateKey, new Ed25519Jws(publicKey, privateKey));
    }

    /** See {@link JwtKey#ed25519}. */
    static EdDsaKey of(PublicKey publicKey, PrivateKey privateKey, String keyId) {
        PublicKey pub = publicKey;
        if (privateKey != null) {
            byte[] seed = KeyChecks.ed25519Seed(privateKey);
            if (pub == null) {
                pub = KeyChecks.ed25519PublicOf(seed);
            }
        }
        if (pub == null) {
            throw new IllegalArgumentException("an Ed25519 key needs its public key or its private key");
        }
        if (!(pub instanceof EdECPublicKey ed) || !"Ed25519".equals(ed.getParams().getName())) {
            throw new IllegalArgumentException("EdDSA needs an Ed25519 key (Ed448 is not supported)");
        }
        KeyChecks.ed25519Raw(pub);
        return checkedPair(new EdDsaKey(keyId, pub, privateKey));
    }

    @Override
    JWK nimbusJwk(boolean withPrivate) {
        OctetKeyPair.Builder b = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(KeyChecks.ed25519Raw(publicKey())))
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.parse(algorithm().name())).keyID(keyId());
        if (withPrivate) {
            b.d(Base64URL.encode(KeyChecks.ed25519Seed(privateKey())));
        }
        return b.build();
    }
}
