package io.github.jwtextended.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A key set that changes while the application runs, for key rotation without a restart (see
 * {@code docs/keys.md}): {@link #add} a new key (it verifies at once and is published in the JWKS,
 * but does not sign yet), {@link #useForSigning} it once every verifier has fetched it, and
 * {@link #retire} the old key once the longest token it signed has expired.
 *
 * <p>Each change builds a new {@link StaticKeyResolver} with the same refusals (no mixed
 * symmetric/asymmetric set, no duplicate {@code kid}) and swaps it in atomically: a request sees
 * either the old set or the new one, never a mix.
 *
 * <p>Thread safety: thread safe; changes are serialised, reads never block.
 */
public final class RotatingKeyResolver implements KeyResolver {
    private final AtomicReference<StaticKeyResolver> current = new AtomicReference<>();
    private String signingKid;

    /** Starts with {@code keys}, of which the one with id {@code signingKid} signs. Every key needs a kid. */
    public RotatingKeyResolver(String signingKid, List<JwtKey> keys) {
        requireKids(keys);
        this.signingKid = signingKid;
        current.set(StaticKeyResolver.withSigningKey(signingKid, keys));
    }

    private static void requireKids(List<JwtKey> keys) {
        Objects.requireNonNull(keys, "keys");
        for (JwtKey k : keys) {
            if (k == null || k.keyId() == null) {
                throw new IllegalArgumentException("every key of a rotating set needs a kid");
            }
        }
    }

    /** Adds a key that verifies (and is published) from now on, without signing yet. */
    public synchronized void add(JwtKey key) {
        Objects.requireNonNull(key, "key");
        List<JwtKey> keys = new ArrayList<>(current.get().verificationKeys());
        keys.add(key);
        requireKids(keys);
        current.set(StaticKeyResolver.withSigningKey(signingKid, keys));
    }

    /** Makes the key with this id the signing key; it must be in the set and hold a private key. */
    public synchronized void useForSigning(String kid) {
        current.set(StaticKeyResolver.withSigningKey(kid, current.get().verificationKeys()));
        signingKid = kid;
    }

    /** Removes the key with this id: tokens it signed are refused from now on. The signing key cannot be retired. */
    public synchronized void retire(String kid) {
        Objects.requireNonNull(kid, "kid");
        if (kid.equals(signingKid)) {
            throw new IllegalArgumentException("the signing key cannot be retired: switch signing to another key first");
        }
        List<JwtKey> keys = new ArrayList<>(current.get().verificationKeys());
        if (!keys.removeIf(k -> kid.equals(k.keyId()))) {
            throw new IllegalArgumentException("no key has this id");
        }
        current.set(StaticKeyResolver.withSigningKey(signingKid, keys));
    }

    /** The id of the key that signs now. */
    public synchronized String signingKeyId() {
        return signingKid;
    }

    @Override
    public JwtKey signingKey() {
        return current.get().signingKey();
    }

    @Override
    public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
        return current.get().verificationKey(algorithm, kid);
    }

    @Override
    public List<JwtKey> verificationKeys() {
        return current.get().verificationKeys();
    }
}
