package io.github.jwtextended.key;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fixed set of keys, one of which may sign. A token is verified by the key bound to its
 * {@code alg} whose id equals its {@code kid}; a key without an id matches any {@code kid}
 * (tokens from flask-jwt-extended carry none), and a token without {@code kid} is verified by the
 * first key bound to its {@code alg}.
 *
 * <p>Refused at construction: an empty set, a set mixing HMAC secrets with public-key algorithms
 * (RFC 8725 §2.1: the confusion of the two is a classic forgery), and two keys with the same
 * {@code kid}.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class StaticKeyResolver implements KeyResolver {
    private final List<JwtKey> keys;
    private final JwtKey signing;

    private StaticKeyResolver(List<JwtKey> keys, JwtKey signing) {
        this.keys = keys;
        this.signing = signing;
    }

    /** Keys in order; the first that can sign is the signing key (none: the resolver only verifies). */
    public static StaticKeyResolver of(List<JwtKey> keys) {
        List<JwtKey> list = check(keys);
        JwtKey signing = null;
        for (JwtKey k : list) {
            if (k.canSign()) {
                signing = k;
                break;
            }
        }
        return new StaticKeyResolver(list, signing);
    }

    public static StaticKeyResolver of(JwtKey... keys) {
        return of(List.of(keys));
    }

    /** Keys of which the one with id {@code signingKid} signs; it must be present and hold a private key. */
    public static StaticKeyResolver withSigningKey(String signingKid, List<JwtKey> keys) {
        Objects.requireNonNull(signingKid, "signingKid");
        List<JwtKey> list = check(keys);
        for (JwtKey k : list) {
            if (signingKid.equals(k.keyId())) {
                if (!k.canSign()) {
                    throw new IllegalArgumentException("the signing key has no private key");
                }
                return new StaticKeyResolver(list, k);
            }
        }
        throw new IllegalArgumentException("no key has the signing key id");
    }

    /** Keys that only verify: private halves are dropped, {@link #signingKey()} is refused. */
    public static StaticKeyResolver verifyOnly(List<JwtKey> keys) {
        List<JwtKey> list = check(keys);
        for (JwtKey k : list) {
            if (k.isSymmetric()) {
                throw new IllegalArgumentException("a verify-only key set cannot hold HMAC secrets (they also sign)");
            }
        }
        return new StaticKeyResolver(list.stream().map(JwtKey::publicOnly).toList(), null);
    }

    private static List<JwtKey> check(List<JwtKey> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        Set<String> seen = new HashSet<>();
        boolean symmetric = false;
        boolean asymmetric = false;
        for (JwtKey k : keys) {
            Objects.requireNonNull(k, "key");
            if (k.keyId() != null && !seen.add(k.keyId())) {
                throw new IllegalArgumentException("duplicate key id: each key in a set needs its own kid");
            }
            symmetric |= k.isSymmetric();
            asymmetric |= !k.isSymmetric();
        }
        if (symmetric && asymmetric) {
            throw new IllegalArgumentException("a key set cannot mix HMAC secrets with public-key (RS/PS/ES/EdDSA) keys");
        }
        return List.copyOf(keys);
    }

    @Override
    public JwtKey signingKey() {
        if (signing == null) {
            throw new IllegalStateException("no signing key: these keys only verify tokens");
        }
        return signing;
    }

    /** True when one of the keys signs. */
    public boolean canSign() {
        return signing != null;
    }

    @Override
    public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
        JwtKey anyId = null;
        for (JwtKey k : keys) {
            if (k.algorithm() != algorithm) {
                continue;
            }
            if (kid != null && kid.equals(k.keyId())) {
                return k;
            }
            if (k.keyId() == null && anyId == null) {
                anyId = k;
            }
        }
        if (anyId == null && kid == null) {
            for (JwtKey k : keys) {
                if (k.algorithm() == algorithm) {
                    return k; // a token without kid, keys that all have one: the first for its alg
                }
            }
        }
        return anyId;
    }

    @Override
    public List<JwtKey> verificationKeys() {
        return keys;
    }
}
