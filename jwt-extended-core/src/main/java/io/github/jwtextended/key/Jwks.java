package io.github.jwtextended.key;

import io.github.jwtextended.token.StrictJson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * JWK Sets (RFC 7517 §5): reading a configured set (public and private keys, for signing and
 * verifying), reading a published set (public keys only, for a verifier), and writing the public
 * keys of a resolver as the document served at {@code /.well-known/jwks.json}. HMAC secrets are
 * never written, nor is any private member.
 *
 * <p>Thread safety: stateless.
 */
public final class Jwks {
    private Jwks() {
    }

    /**
     * The keys of a configured JWKS (a file or an environment variable). Every key must be usable
     * and is checked as {@link JwtKey#fromJwk(String, JwsAlgorithm)} does; {@code defaultAlgorithm}
     * (may be null) binds keys without {@code alg}. Refuses an empty set, a set mixing HMAC and
     * public-key keys, and duplicate {@code kid}s.
     */
    public static List<JwtKey> parse(String json, JwsAlgorithm defaultAlgorithm) {
        List<JwtKey> keys = new ArrayList<>();
        int i = 0;
        for (Map<String, Object> jwk : members(json)) {
            try {
                keys.add(Jwk.read(jwk, fallback(jwk, defaultAlgorithm), true));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("JWKS key #" + i + ": " + e.getMessage());
            }
            i++;
        }
        StaticKeyResolver.of(keys); // the set-level refusals
        return keys;
    }

    /**
     * The usable public keys of a published JWKS (one fetched from a URL). A key that cannot be used
     * for verification here (an encryption key, an unknown algorithm or curve, an RSA key without
     * {@code alg} and no {@code defaultAlgorithm}, a weak key) is left out and {@code skipped} is told
     * why; the whole document is refused when it holds an HMAC secret or any private member (it is
     * then not a public key set), or duplicate {@code kid}s.
     */
    public static List<JwtKey> parsePublished(String json, JwsAlgorithm defaultAlgorithm, Consumer<String> skipped) {
        List<JwtKey> keys = new ArrayList<>();
        Set<String> kids = new HashSet<>();
        int i = 0;
        for (Map<String, Object> jwk : members(json)) {
            if ("oct".equals(jwk.get("kty"))) {
                throw new IllegalArgumentException("a published JWKS cannot hold a symmetric (oct) key");
            }
            for (String priv : List.of("d", "p", "q", "dp", "dq", "qi", "oth", "k")) {
                if (jwk.containsKey(priv)) {
                    throw new IllegalArgumentException("a published JWKS cannot hold private key members");
                }
            }
            if (jwk.get("kid") instanceof String kid && !kids.add(kid)) {
                throw new IllegalArgumentException("duplicate key id in the JWKS");
            }
            try {
                keys.add(Jwk.read(jwk, fallback(jwk, defaultAlgorithm), false));
            } catch (IllegalArgumentException | IllegalStateException e) {
                if (skipped != null) {
                    skipped.accept("key #" + i + " left out: " + e.getMessage());
                }
            }
            i++;
        }
        return keys;
    }

    /**
     * The algorithm for a member without {@code alg}: EC and OKP keys take theirs from the curve
     * (none is given); RSA and oct keys take the default when it fits their {@code kty}.
     */
    private static JwsAlgorithm fallback(Map<String, Object> jwk, JwsAlgorithm defaultAlgorithm) {
        Object kty = jwk.get("kty");
        if (jwk.containsKey("alg") || defaultAlgorithm == null || "EC".equals(kty) || "OKP".equals(kty)
                || !defaultAlgorithm.keyType().equals(kty)) {
            return null;
        }
        return defaultAlgorithm;
    }

    @SuppressWarnings("unchecked") // a JSON object is read as a Map<String, Object>
    private static List<Map<String, Object>> members(String json) {
        if (!(Jwk.object(json, "JWKS").get("keys") instanceof List<?> keys)) {
            throw new IllegalArgumentException("the JWKS has no \"keys\" array");
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object k : keys) {
            if (!(k instanceof Map<?, ?> member)) {
                throw new IllegalArgumentException("every JWKS member must be a JSON object");
            }
            out.add((Map<String, Object>) member);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the JWKS holds no key");
        }
        return out;
    }

    /** {@code {"keys":[...]}} with the public JWK of every asymmetric key; HMAC secrets are left out. */
    public static Map<String, Object> publicMap(Collection<JwtKey> keys) {
        List<Object> list = new ArrayList<>();
        for (JwtKey k : keys) {
            if (k instanceof AsymmetricKey publicHalf) {
                list.add(publicHalf.publicJwkMap());
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", list);
        return doc;
    }

    /** {@link #publicMap(Collection)} as JSON text. */
    public static String publicJson(Collection<JwtKey> keys) {
        return StrictJson.write(publicMap(keys));
    }

    /** The public keys a resolver verifies with now, as a JWKS document. */
    public static String publicJson(KeyResolver resolver) {
        return publicJson(resolver.verificationKeys());
    }
}
