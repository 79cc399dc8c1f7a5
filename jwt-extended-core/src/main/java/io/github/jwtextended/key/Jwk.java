package io.github.jwtextended.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtextended.token.StrictJson;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One JSON Web Key (RFC 7517 §4) read into a {@link JwtKey}, with every refusal of the JWK members
 * ({@code kty}, {@code use}, {@code key_ops}, {@code alg}, {@code kid}, {@code crv}) before Nimbus
 * JOSE+JWT parses the key parameters, and the order in which a key's members are written.
 *
 * <p>Thread safety: stateless.
 */
final class Jwk {
    /** The order members are written in: the common members, then the parameters of RFC 7518 §6. */
    private static final List<String> MEMBER_ORDER = List.of("kty", "use", "alg", "kid", "crv", "n", "e", "x", "y", "k",
            "d", "p", "q", "dp", "dq", "qi");

    private Jwk() {
    }

    /** The JSON object in {@code json}; refused, naming {@code what} (a JWK, a JWKS), when it is not one. */
    static Map<String, Object> object(String json, String what) {
        Objects.requireNonNull(json, "json");
        try {
            return StrictJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
        } catch (StrictJson.NotAnObject e) {
            throw new IllegalArgumentException("the " + what + " is not a JSON object: " + e.getMessage());
        }
    }

    /**
     * The key of one JWK object; {@code fallback} (may be null) is its algorithm when it has no
     * {@code alg}; {@code allowPrivate} false refuses private members. A JWK whose {@code key_ops}
     * allow {@code verify} but not {@code sign} gives a key that only verifies.
     */
    static JwtKey read(Map<String, Object> jwk, JwsAlgorithm fallback, boolean allowPrivate) {
        if (!(jwk.get("kty") instanceof String kty)) {
            throw new IllegalArgumentException("the JWK has no kty");
        }
        Object kidValue = jwk.get("kid");
        if (kidValue != null && !(kidValue instanceof String)) {
            throw new IllegalArgumentException("the JWK kid must be a string");
        }
        String kid = (String) kidValue;
        JwsAlgorithm alg = algorithm(jwk, kty, fallback);
        if (!alg.keyType().equals(kty)) {
            throw new IllegalArgumentException("a JWK of kty " + kty + " cannot be used with " + alg + " (it needs kty " + alg.keyType() + ")");
        }
        Object use = jwk.get("use");
        if (use != null && !"sig".equals(use)) {
            throw new IllegalArgumentException("the JWK is not for signatures (use must be \"sig\")");
        }
        boolean verifyOnly = verifyOnly(jwk.get("key_ops"));
        if (alg.curve() != null && !alg.curve().equals(jwk.get("crv"))) {
            throw KeyChecks.wrongCurve(alg);
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
        boolean keepPrivate = parsed.isPrivate() && !verifyOnly;
        try {
            return switch (alg.family()) {
                case HMAC -> JwtKey.hmac(alg, ((OctetSequenceKey) parsed).toByteArray(), kid);
                case RSA, RSA_PSS -> {
                    RSAKey k = (RSAKey) parsed;
                    yield JwtKey.rsa(alg, k.toRSAPublicKey(), keepPrivate ? k.toRSAPrivateKey() : null, kid);
                }
                case ECDSA -> {
                    ECKey k = (ECKey) parsed;
                    yield JwtKey.ec(alg, k.toECPublicKey(), keepPrivate ? k.toECPrivateKey() : null, kid);
                }
                case EDDSA -> {
                    OctetKeyPair k = (OctetKeyPair) parsed;
                    yield JwtKey.ed25519(KeyChecks.ed25519Public(k.getDecodedX()),
                            keepPrivate ? KeyChecks.ed25519Private(k.getDecodedD()) : null, kid);
                }
            };
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the " + kty + " JWK values are invalid");
        }
    }

    /**
     * Whether {@code key_ops} (RFC 7517 §4.3; null when absent) allows verifying but not signing;
     * refuses a value that is not an array of strings or lacks {@code verify}.
     */
    private static boolean verifyOnly(Object keyOps) {
        if (keyOps == null) {
            return false;
        }
        if (!(keyOps instanceof List<?> ops) || ops.stream().anyMatch(o -> !(o instanceof String))) {
            throw new IllegalArgumentException("the JWK key_ops must be an array of strings");
        }
        if (!ops.contains("verify")) {
            throw new IllegalArgumentException("the JWK is not for signature verification (key_ops lacks \"verify\")");
        }
        return !ops.contains("sign");
    }

    /** The JWK's {@code alg}, else {@code fallback}, else (EC and OKP) the algorithm of its curve. */
    private static JwsAlgorithm algorithm(Map<String, Object> jwk, String kty, JwsAlgorithm fallback) {
        Object a = jwk.get("alg");
        if (a != null) {
            JwsAlgorithm alg = a instanceof String name ? JwsAlgorithm.fromName(name) : null;
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
            JwsAlgorithm byCurve = jwk.get("crv") instanceof String crv ? JwsAlgorithm.forCurve(crv) : null;
            if (byCurve == null) {
                throw new IllegalArgumentException("the JWK is on an unsupported curve; supported: P-256, P-384, P-521, Ed25519");
            }
            return byCurve;
        }
        throw new IllegalArgumentException("the " + kty + " JWK has no alg: name its algorithm (one key, one algorithm)");
    }

    /** The members of {@code jwk} in {@link #MEMBER_ORDER}, any others after them. */
    static Map<String, Object> ordered(JWK jwk) {
        Map<String, Object> members = jwk.toJSONObject();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : MEMBER_ORDER) {
            if (members.containsKey(name)) {
                out.put(name, members.get(name));
            }
        }
        members.forEach(out::putIfAbsent);
        return out;
    }
}
