package io.github.jwtextended.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import io.github.jwtextended.json.StrictJson;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One key bound to exactly one algorithm (RFC 8725 §3.1), with an optional key id ({@code kid}):
 * an HMAC secret, or an RSA, EC or Ed25519 public key with or without its private key. A key
 * without a private key only verifies.
 *
 * <p>Every factory refuses, with a message that never quotes key material: an HMAC secret shorter
 * than its hash, an RSA modulus under 2048 bits, an RSA public exponent that is even or below 3,
 * an RSA modulus with the ROCA fingerprint, an EC key on another curve than its algorithm's or a
 * point off the curve, an Ed448 key, a private key that does not belong to its public key, and
 * (for JWKs) a key marked for encryption ({@code use} other than {@code sig}, {@code key_ops}
 * without {@code verify}), an unknown {@code alg}, or a {@code kty} that does not fit the algorithm.
 *
 * <p>HMAC uses the JDK's {@link Mac} directly, one initialised instance per key and thread, with a
 * constant-time comparison ({@link MessageDigest#isEqual}). RSA, RSASSA-PSS and ECDSA go through
 * Nimbus JOSE+JWT; Ed25519 uses the JDK's own implementation (Nimbus needs Google Tink for it). No
 * Nimbus type is exposed.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class JwtKey {
    private static final byte[] PAIR_TEST = "jwt-extended key pair test".getBytes(StandardCharsets.US_ASCII);

    private final JwsAlgorithm algorithm;
    private final String keyId;
    private final JWSHeader header;
    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final byte[] secret;
    /** HMAC only: one initialised {@link Mac} per thread, reused (none is created per call). */
    private final ThreadLocal<Mac> macs;

    private JwtKey(JwsAlgorithm algorithm, String keyId, byte[] secret, PublicKey publicKey, PrivateKey privateKey) {
        this.algorithm = algorithm;
        this.keyId = keyId;
        this.header = new JWSHeader(JWSAlgorithm.parse(algorithm.name()));
        this.secret = secret;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.macs = algorithm.isSymmetric() ? macsFor(algorithm, secret) : null;
        try {
            switch (algorithm.family()) {
                case HMAC: // the JDK's Mac, see macs
                    signer = null;
                    verifier = null;
                    break;
                case RSA:
                case RSA_PSS:
                    signer = privateKey == null ? null : new RSASSASigner(privateKey);
                    verifier = new RSASSAVerifier((RSAPublicKey) publicKey);
                    break;
                case ECDSA:
                    signer = privateKey == null ? null : new ECDSASigner((ECPrivateKey) privateKey);
                    verifier = new ECDSAVerifier((ECPublicKey) publicKey);
                    break;
                default: // EdDSA: the JDK's Ed25519
                    signer = null;
                    verifier = null;
            }
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalArgumentException("the " + algorithm + " key was refused by the signature library");
        }
    }

    private static ThreadLocal<Mac> macsFor(JwsAlgorithm algorithm, byte[] secret) {
        SecretKeySpec spec = new SecretKeySpec(secret, algorithm.jcaName());
        newMac(spec); // fails here, at construction, rather than on the first token
        return ThreadLocal.withInitial(() -> newMac(spec));
    }

    private static Mac newMac(SecretKeySpec spec) {
        try {
            Mac mac = Mac.getInstance(spec.getAlgorithm());
            mac.init(spec);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the " + spec.getAlgorithm() + " key was refused by the JDK");
        }
    }

    /** The MAC of {@code data[offset, offset + length)} with this thread's {@link Mac}. */
    private byte[] mac(byte[] data, int offset, int length) {
        Mac mac = macs.get();
        mac.update(data, offset, length);
        return mac.doFinal(); // also resets it for the next use
    }

    // ---- factories ------------------------------------------------------------------------

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
        checkKeyId(keyId);
        return new JwtKey(algorithm, keyId, secret.clone(), null, null);
    }

    /**
     * An RSA key for an RS or PS algorithm. {@code publicKey} may be null when {@code privateKey} is
     * an {@link RSAPrivateCrtKey} (it holds the public exponent); {@code privateKey} may be null for a
     * key that only verifies.
     */
    public static JwtKey rsa(JwsAlgorithm algorithm, RSAPublicKey publicKey, RSAPrivateKey privateKey, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() != JwsAlgorithm.Family.RSA && algorithm.family() != JwsAlgorithm.Family.RSA_PSS) {
            throw new IllegalArgumentException(algorithm + " does not take an RSA key");
        }
        checkKeyId(keyId);
        RSAPublicKey pub = publicKey;
        if (pub == null) {
            if (!(privateKey instanceof RSAPrivateCrtKey)) {
                throw new IllegalArgumentException("an RSA key needs its public key (or a private key in CRT form)");
            }
            RSAPrivateCrtKey crt = (RSAPrivateCrtKey) privateKey;
            try {
                pub = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("the RSA public key cannot be derived from the private key");
            }
        }
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
        return checkedPair(new JwtKey(algorithm, keyId, null, pub, privateKey));
    }

    /**
     * An EC key for ES256 (P-256), ES384 (P-384) or ES512 (P-521). {@code publicKey} may be null when
     * {@code privateKey} is given (the public point is computed); {@code privateKey} may be null for a
     * key that only verifies. Refuses a key on another curve and a point that is not on the curve.
     * The first EC key also runs the CVE-2022-21449 self-test of the JVM.
     */
    public static JwtKey ec(JwsAlgorithm algorithm, ECPublicKey publicKey, ECPrivateKey privateKey, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        if (algorithm.family() != JwsAlgorithm.Family.ECDSA) {
            throw new IllegalArgumentException(algorithm + " does not take an EC key");
        }
        checkKeyId(keyId);
        KeyChecks.requireSafeEcdsa();
        String crv = algorithm.curve();
        ECPublicKey pub = publicKey;
        if (privateKey != null) {
            if (!KeyChecks.sameCurve(privateKey.getParams(), crv)) {
                throw wrongCurve(algorithm);
            }
            BigInteger s = privateKey.getS();
            if (s.signum() <= 0 || s.compareTo(privateKey.getParams().getOrder()) >= 0) {
                throw new IllegalArgumentException("The EC private key is out of range");
            }
            if (pub == null) {
                ECPoint w = KeyChecks.multiplyGenerator(s, privateKey.getParams());
                try {
                    pub = (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, privateKey.getParams()));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("the EC public key cannot be derived from the private key");
                }
            }
        }
        if (pub == null) {
            throw new IllegalArgumentException("an EC key needs its public key or its private key");
        }
        if (!KeyChecks.sameCurve(pub.getParams(), crv)) {
            throw wrongCurve(algorithm);
        }
        if (!KeyChecks.isOnCurve(pub.getW(), pub.getParams())) {
            throw new IllegalArgumentException("The EC public key is not a point on " + crv);
        }
        return checkedPair(new JwtKey(algorithm, keyId, null, pub, privateKey));
    }

    /**
     * An Ed25519 key for EdDSA. {@code publicKey} may be null when {@code privateKey} is given;
     * {@code privateKey} may be null for a key that only verifies. Ed448 is refused.
     */
    public static JwtKey ed25519(PublicKey publicKey, PrivateKey privateKey, String keyId) {
        checkKeyId(keyId);
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
        if (!(pub instanceof EdECPublicKey) || !"Ed25519".equals(((EdECPublicKey) pub).getParams().getName())) {
            throw new IllegalArgumentException("EdDSA needs an Ed25519 key (Ed448 is not supported)");
        }
        KeyChecks.ed25519Raw(pub);
        return checkedPair(new JwtKey(JwsAlgorithm.EdDSA, keyId, null, pub, privateKey));
    }

    /** A key for any asymmetric {@code algorithm} from JDK key objects; either may be null, not both. */
    public static JwtKey of(JwsAlgorithm algorithm, PublicKey publicKey, PrivateKey privateKey, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            switch (algorithm.family()) {
                case RSA:
                case RSA_PSS:
                    return rsa(algorithm, (RSAPublicKey) publicKey, (RSAPrivateKey) privateKey, keyId);
                case ECDSA:
                    return ec(algorithm, (ECPublicKey) publicKey, (ECPrivateKey) privateKey, keyId);
                case EDDSA:
                    return ed25519(publicKey, privateKey, keyId);
                default:
                    throw new IllegalArgumentException(algorithm + " takes a secret: use JwtKey.hmac");
            }
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
    public static JwtKey fromPem(JwsAlgorithm algorithm, String pem, String keyId) {
        Objects.requireNonNull(algorithm, "algorithm");
        Pem.Keys keys = Pem.read(pem, algorithm);
        if (keys.publicKey == null && keys.privateKey == null) {
            throw new IllegalArgumentException("the PEM text holds no key");
        }
        return of(algorithm, keys.publicKey, keys.privateKey, keyId);
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
        Objects.requireNonNull(json, "json");
        Map<String, Object> map;
        try {
            map = StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (StrictJson.NotAnObject e) {
            throw new IllegalArgumentException("the JWK is not a JSON object: " + e.getMessage());
        }
        return fromJwkMap(map, algorithm, true);
    }

    /** The JWK checks and conversion; {@code allowPrivate} false refuses private members. */
    static JwtKey fromJwkMap(Map<String, Object> jwk, JwsAlgorithm fallback, boolean allowPrivate) {
        Object kty = jwk.get("kty");
        if (!(kty instanceof String)) {
            throw new IllegalArgumentException("the JWK has no kty");
        }
        Object kidValue = jwk.get("kid");
        if (kidValue != null && !(kidValue instanceof String)) {
            throw new IllegalArgumentException("the JWK kid must be a string");
        }
        String kid = (String) kidValue;
        JwsAlgorithm alg = jwkAlgorithm(jwk, (String) kty, fallback);
        if (!alg.keyType().equals(kty)) {
            throw new IllegalArgumentException("a JWK of kty " + kty + " cannot be used with " + alg + " (it needs kty " + alg.keyType() + ")");
        }
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("the JWK is not for signatures (use must be \"sig\")");
        }
        boolean mayVerifyOnly = false;
        Object ops = jwk.get("key_ops");
        if (ops != null) {
            if (!(ops instanceof List) || ((List<?>) ops).stream().anyMatch(o -> !(o instanceof String))) {
                throw new IllegalArgumentException("the JWK key_ops must be an array of strings");
            }
            List<?> list = (List<?>) ops;
            if (!list.contains("verify")) {
                throw new IllegalArgumentException("the JWK is not for signature verification (key_ops lacks \"verify\")");
            }
            mayVerifyOnly = !list.contains("sign");
        }
        Object crv = jwk.get("crv");
        if (alg.curve() != null && !alg.curve().equals(crv)) {
            throw wrongCurve(alg);
        }
        JWK parsed;
        try {
            parsed = JWK.parse(jwk);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("the " + kty + " JWK is malformed or its values are invalid");
        }
        if (parsed.isPrivate() && !allowPrivate) {
            throw new IllegalArgumentException("the JWK holds a private key where only public keys are expected");
        }
        boolean keepPrivate = parsed.isPrivate() && !mayVerifyOnly;
        try {
            switch (alg.family()) {
                case HMAC:
                    return hmac(alg, ((OctetSequenceKey) parsed).toByteArray(), kid);
                case RSA:
                case RSA_PSS: {
                    RSAKey k = (RSAKey) parsed;
                    return rsa(alg, k.toRSAPublicKey(), keepPrivate ? k.toRSAPrivateKey() : null, kid);
                }
                case ECDSA: {
                    ECKey k = (ECKey) parsed;
                    return ec(alg, k.toECPublicKey(), keepPrivate ? k.toECPrivateKey() : null, kid);
                }
                default: {
                    OctetKeyPair k = (OctetKeyPair) parsed;
                    PublicKey pub = KeyChecks.ed25519Public(k.getDecodedX());
                    return ed25519(pub, keepPrivate ? KeyChecks.ed25519Private(k.getDecodedD()) : null, kid);
                }
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the " + kty + " JWK values are invalid");
        }
    }

    private static JwsAlgorithm jwkAlgorithm(Map<String, Object> jwk, String kty, JwsAlgorithm fallback) {
        Object a = jwk.get("alg");
        if (a != null) {
            JwsAlgorithm alg = a instanceof String ? JwsAlgorithm.fromName((String) a) : null;
            if (alg == null) {
                throw new IllegalArgumentException("the JWK names an unsupported algorithm; supported: " + JwsAlgorithm.supportedNames());
            }
            if (fallback != null && fallback != alg) {
                throw new IllegalArgumentException("the JWK is bound to " + alg + ", not " + fallback);
            }
            return alg;
        }
        if (fallback != null) {
            return fallback;
        }
        if ("EC".equals(kty) || "OKP".equals(kty)) {
            Object crv = jwk.get("crv");
            JwsAlgorithm byCurve = crv instanceof String ? JwsAlgorithm.forCurve((String) crv) : null;
            if (byCurve == null) {
                throw new IllegalArgumentException("the JWK is on an unsupported curve; supported: P-256, P-384, P-521, Ed25519");
            }
            return byCurve;
        }
        throw new IllegalArgumentException("the " + kty + " JWK has no alg: name its algorithm (one key, one algorithm)");
    }

    private static IllegalArgumentException wrongCurve(JwsAlgorithm alg) {
        return new IllegalArgumentException(alg + " needs a key on " + alg.curve() + "; this key is on another curve");
    }

    private static void checkKeyId(String keyId) {
        if (keyId != null && keyId.isEmpty()) {
            throw new IllegalArgumentException("keyId must be null or non-empty");
        }
    }

    /** Signs and verifies a fixed message: a private key that is not the public key's half is refused. */
    private static JwtKey checkedPair(JwtKey key) {
        if (key.privateKey != null) {
            byte[] sig;
            try {
                sig = key.sign(PAIR_TEST);
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("the " + key.algorithm + " private key cannot sign");
            }
            if (!key.verifySignature(PAIR_TEST, sig)) {
                throw new IllegalArgumentException("The private key does not belong to the public key");
            }
        }
        return key;
    }

    // ---- accessors ------------------------------------------------------------------------

    public JwsAlgorithm algorithm() {
        return algorithm;
    }

    /** The key id written as {@code kid} into tokens this key signs; null for none. */
    public String keyId() {
        return keyId;
    }

    /** A copy of this key with another key id (null for none). */
    public JwtKey withKeyId(String newKeyId) {
        checkKeyId(newKeyId);
        return new JwtKey(algorithm, newKeyId, secret, publicKey, privateKey);
    }

    /** True for an HMAC secret. */
    public boolean isSymmetric() {
        return algorithm.isSymmetric();
    }

    /** Whether this key can sign: an HMAC secret, or a key pair with its private key. */
    public boolean canSign() {
        return isSymmetric() || privateKey != null;
    }

    /** The same key without its private half (verification only); an HMAC key is returned as is. */
    public JwtKey publicOnly() {
        return isSymmetric() || privateKey == null ? this : new JwtKey(algorithm, keyId, null, publicKey, null);
    }

    /** The JDK public key, or null for an HMAC secret. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** For RSA: the modulus size in bits; 0 for the others. */
    public int rsaBits() {
        return publicKey instanceof RSAPublicKey ? ((RSAPublicKey) publicKey).getModulus().bitLength() : 0;
    }

    // ---- signing and verifying ----------------------------------------------------------------

    /** The signature of {@code signingInput} (ASCII bytes of {@code header.payload}). */
    public byte[] sign(byte[] signingInput) {
        if (!canSign()) {
            throw new IllegalStateException("this " + algorithm + " key has no private key: it only verifies");
        }
        if (algorithm.isSymmetric()) {
            return mac(signingInput, 0, signingInput.length);
        }
        if (algorithm == JwsAlgorithm.EdDSA) {
            try {
                Signature s = Signature.getInstance("Ed25519");
                s.initSign(privateKey);
                s.update(signingInput);
                return s.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing failed for " + algorithm);
            }
        }
        try {
            return signer.sign(header, signingInput).decode();
        } catch (JOSEException | RuntimeException e) {
            throw new IllegalStateException("signing failed for " + algorithm);
        }
    }

    /**
     * Whether {@code signature} (its base64url text, as it stands in the token) is this key's
     * signature of {@code signingInput}. MACs are compared in constant time.
     */
    public boolean verify(byte[] signingInput, String signatureBase64Url) {
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
     * Whether {@code signature} (raw bytes) is this key's signature of the signing input
     * {@code data[offset, offset + length)}: {@link #verifySignature(byte[], byte[])} without copying
     * the input out of a larger buffer (HMAC reads it in place; the other algorithms get a copy).
     */
    public boolean verifySignature(byte[] data, int offset, int length, byte[] signature) {
        if (data == null || signature == null || offset < 0 || length < 0 || offset > data.length - length) {
            return false;
        }
        if (algorithm.isSymmetric()) {
            return signature.length == algorithm.signatureLength()
                    && MessageDigest.isEqual(mac(data, offset, length), signature); // constant time
        }
        return verifySignature(Arrays.copyOfRange(data, offset, offset + length), signature);
    }

    /**
     * Whether {@code signature} (raw bytes) is this key's signature of {@code signingInput}. An ES
     * signature must be R||S of exactly 64, 96 or 132 bytes (RFC 7518 §3.4; DER is refused), an
     * Ed25519 signature exactly 64 bytes with S below the group order, an RSA signature exactly the
     * modulus size.
     */
    public boolean verifySignature(byte[] signingInput, byte[] signature) {
        if (signingInput == null || signature == null) {
            return false;
        }
        switch (algorithm.family()) {
            case HMAC:
                return verifySignature(signingInput, 0, signingInput.length, signature);
            case ECDSA:
                if (signature.length != algorithm.signatureLength()) {
                    return false;
                }
                break;
            case EDDSA:
                if (signature.length != 64 || !KeyChecks.ed25519SIsCanonical(signature)) {
                    return false;
                }
                try {
                    Signature v = Signature.getInstance("Ed25519");
                    v.initVerify(publicKey);
                    v.update(signingInput);
                    return v.verify(signature);
                } catch (GeneralSecurityException | RuntimeException e) {
                    return false;
                }
            case RSA:
            case RSA_PSS:
                if (signature.length != (rsaBits() + 7) / 8) {
                    return false;
                }
                break;
            default:
                break;
        }
        try {
            return verifier.verify(header, signingInput, Base64URL.encode(signature));
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    // ---- JWK and PEM forms --------------------------------------------------------------------

    /**
     * The public JWK of this key as JSON ({@code kty}, {@code use}, {@code alg}, {@code kid}, then
     * the public parameters). Never holds private members. Refused for HMAC keys, which are secrets.
     */
    public String publicJwk() {
        return StrictJson.write(publicJwkMap());
    }

    /** {@link #publicJwk()} as an ordered map of JSON values. */
    public Map<String, Object> publicJwkMap() {
        return orderedJwk(nimbusJwk(false).toJSONObject());
    }

    /** The public key as PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo). Refused for HMAC keys. */
    public String publicPem() {
        if (isSymmetric()) {
            throw new IllegalStateException("an HMAC key is a secret and has no public form");
        }
        return Pem.write("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * The RFC 7638 SHA-256 thumbprint of the public key (base64url), a good default {@code kid}.
     * Refused for HMAC keys, whose thumbprint would be a hash of the secret.
     */
    public String thumbprint() {
        try {
            return nimbusJwk(false).computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("thumbprint failed");
        }
    }

    /** The private JWK (for key generation tooling only: never published). */
    String privateJwk() {
        if (!canSign()) {
            throw new IllegalStateException("this key has no private key");
        }
        return StrictJson.write(orderedJwk(nimbusJwk(true).toJSONObject()));
    }

    /** A copy of the HMAC secret (key generation tooling only). */
    byte[] secretCopy() {
        return secret == null ? null : secret.clone();
    }

    /** The private key as PEM {@code PRIVATE KEY} (PKCS#8), for key generation tooling only. */
    String privatePem() {
        if (isSymmetric() || privateKey == null) {
            throw new IllegalStateException("this key has no private key in PEM form");
        }
        return Pem.write("PRIVATE KEY", privateKey.getEncoded());
    }

    private JWK nimbusJwk(boolean withPrivate) {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.name());
        switch (algorithm.family()) {
            case HMAC:
                if (!withPrivate) {
                    throw new IllegalStateException("an HMAC key is a secret and has no public form");
                }
                return new OctetSequenceKey.Builder(secret).keyUse(KeyUse.SIGNATURE).algorithm(alg).keyID(keyId).build();
            case RSA:
            case RSA_PSS: {
                RSAKey.Builder b = new RSAKey.Builder((RSAPublicKey) publicKey).keyUse(KeyUse.SIGNATURE).algorithm(alg).keyID(keyId);
                if (withPrivate) {
                    b.privateKey((RSAPrivateKey) privateKey);
                }
                return b.build();
            }
            case ECDSA: {
                ECKey.Builder b = new ECKey.Builder(Curve.parse(algorithm.curve()), (ECPublicKey) publicKey)
                        .keyUse(KeyUse.SIGNATURE).algorithm(alg).keyID(keyId);
                if (withPrivate) {
                    b.privateKey((ECPrivateKey) privateKey);
                }
                return b.build();
            }
            default: {
                OctetKeyPair.Builder b = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(KeyChecks.ed25519Raw(publicKey)))
                        .keyUse(KeyUse.SIGNATURE).algorithm(alg).keyID(keyId);
                if (withPrivate) {
                    b.d(Base64URL.encode(KeyChecks.ed25519Seed(privateKey)));
                }
                return b.build();
            }
        }
    }

    private static final List<String> JWK_ORDER = List.of("kty", "use", "alg", "kid", "crv", "n", "e", "x", "y", "k",
            "d", "p", "q", "dp", "dq", "qi");

    private static Map<String, Object> orderedJwk(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : JWK_ORDER) {
            if (m.containsKey(name)) {
                out.put(name, m.get(name));
            }
        }
        for (Map.Entry<String, Object> e : m.entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return out;
    }

    @Override
    public String toString() {
        return "JwtKey[" + algorithm + (canSign() ? ", signs" : ", verifies only") + (keyId == null ? "" : ", kid present") + "]";
    }
}
