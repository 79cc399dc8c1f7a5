package io.github.jwtextended.key;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A fixed set of keys. The first key signs. A token is verified by the key bound to its
 * {@code alg} whose id equals its {@code kid}; a key without an id matches any {@code kid}
 * (tokens from flask-jwt-extended carry none).
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class StaticKeyResolver implements KeyResolver {
    private final List<JwtKey> keys;

    private StaticKeyResolver(List<JwtKey> keys) {
        this.keys = keys;
    }

    /** Keys in order; the first signs. Refuses an empty list and two keys with the same id and algorithm. */
    public static StaticKeyResolver of(List<JwtKey> keys) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is required");
        }
        Set<String> seen = new HashSet<>();
        for (JwtKey k : keys) {
            Objects.requireNonNull(k, "key");
            if (k.keyId() != null && !seen.add(k.algorithm() + "/" + k.keyId())) {
                throw new IllegalArgumentException("duplicate key id");
            }
        }
        return new StaticKeyResolver(List.copyOf(new ArrayList<>(keys)));
    }

    public static StaticKeyResolver of(JwtKey... keys) {
        return of(List.of(keys));
    }

    @Override
    public JwtKey signingKey() {
        return keys.get(0);
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
}
