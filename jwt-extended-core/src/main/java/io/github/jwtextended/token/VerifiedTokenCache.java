package io.github.jwtextended.token;

import io.github.jwtextended.key.JwtKey;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and time-independent claims have been verified, keyed by the whole token
 * string, so that a client sending the same token again is not parsed and MAC'd again. Only
 * successes are stored, and only from a token's second successful verification on
 * ({@link #seenBefore}). An entry remembers the key that verified it: a hit counts only while the
 * resolver still gives that same key for the token's {@code alg} and {@code kid} (a rotated or
 * retired key makes it a miss). The caller re-checks {@code iat}, {@code nbf}, {@code exp} and the
 * CSRF value on every hit; type, freshness, revocation and the callbacks run after the decoder as
 * they always do.
 *
 * <p>Bounded by two generations of at most {@code maxEntries / 2} tokens each: when the young one
 * fills up it becomes the old one and the previous old one is dropped whole; a hit in the old
 * generation moves the token back to the young one. Concurrent puts racing a swap can
 * overshoot the bound by a few entries per thread, never more.
 *
 * <p>Keys are hashed by the token's last 16 characters and its length ({@link #tailHash}): the end
 * of the signature, uniformly random for signed tokens, so the whole token (hundreds of
 * characters, a new string on every request) is not hashed on every lookup; a lookup that finds the
 * hash still compares the whole string.
 *
 * <p>Thread safety: thread safe; lookups are lock-free, only the generation swap is synchronized.
 */
final class VerifiedTokenCache {
    /** A token as a map key, with its {@link #tailHash}. */
    static final class Key {
        final String token;
        final int hash;

        Key(String token) {
            this.token = token;
            this.hash = tailHash(token);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hash == hash && k.token.equals(token);
        }
    }

    /** A hash of the last 16 characters and the length. */
    static int tailHash(String s) {
        int n = s.length();
        int h = n;
        for (int i = Math.max(0, n - 16); i < n; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h;
    }

    /**
     * One verified token: its decoded form, the key that verified it and the token's {@code kid}
     * (a hit counts while the resolver gives that key for them), and the dates a hit re-checks.
     */
    record Entry(Jwt jwt, JwtKey key, String kid, TokenDecoder.Times times) {
    }

    private final int generationSize;
    private volatile ConcurrentHashMap<Key, Entry> young;
    private volatile ConcurrentHashMap<Key, Entry> old;
    /** Hashes of tokens verified once (a slot per hash, last writer wins); see {@link #seenBefore}. */
    private final int[] seen;

    VerifiedTokenCache(int maxEntries) {
        if (maxEntries < 2) {
            throw new IllegalArgumentException("a verified-token cache holds at least 2 entries");
        }
        this.generationSize = maxEntries / 2;
        this.young = newGeneration();
        this.old = newGeneration();
        this.seen = new int[Integer.highestOneBit(Math.min(maxEntries, 1 << 20)) << 1];
    }

    /**
     * Whether a token that was just verified had been verified before (then it is worth an entry):
     * the first verification only records the token's hash. So a token used once never costs an
     * entry, and a burst of one-off tokens cannot push a client's session out of the cache; a
     * session's token is remembered from its second request on. Races and hash collisions only
     * make a token remembered one request earlier or later.
     */
    boolean seenBefore(String token) {
        int h = tailHash(token);
        int slot = (h ^ (h >>> 16)) & (seen.length - 1);
        if (seen[slot] == h) {
            return true;
        }
        seen[slot] = h;
        return false;
    }

    private ConcurrentHashMap<Key, Entry> newGeneration() {
        return new ConcurrentHashMap<>(Math.min(generationSize, 1 << 16) * 4 / 3 + 1);
    }

    /** The entry for exactly this token string, or null. */
    Entry get(String token) {
        Key key = new Key(token);
        Entry e = young.get(key);
        if (e == null) {
            e = old.get(key);
            if (e != null) {
                put(key, e); // still in use: keep it through the next swap
            }
        }
        return e;
    }

    void put(String token, Entry e) {
        put(new Key(token), e);
    }

    private void put(Key key, Entry e) {
        ConcurrentHashMap<Key, Entry> y = young;
        y.put(key, e);
        if (y.size() >= generationSize) {
            swap(y);
        }
    }

    private synchronized void swap(ConcurrentHashMap<Key, Entry> full) {
        if (young == full) {
            old = full;
            young = newGeneration();
        }
    }

    /** Entries held now (both generations; a token in both counts twice). */
    int size() {
        return young.size() + old.size();
    }
}
