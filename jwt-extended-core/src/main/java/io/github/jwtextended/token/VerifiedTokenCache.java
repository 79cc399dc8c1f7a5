package io.github.jwtextended.token;

import io.github.jwtextended.key.JwsAlgorithm;
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
 * <p>Thread safety: thread safe; lookups are lock-free, only the generation swap is synchronized.
 */
final class VerifiedTokenCache {
    /** One verified token: its decoded form and what a hit must re-check. */
    static final class Entry {
        final Jwt jwt;
        final JwtKey key;
        final JwsAlgorithm algorithm;
        final String kid;
        /** The NumericDates in seconds; NaN when the claim is absent. */
        final double iat;
        final double nbf;
        final double exp;

        Entry(Jwt jwt, JwtKey key, JwsAlgorithm algorithm, String kid, double iat, double nbf, double exp) {
            this.jwt = jwt;
            this.key = key;
            this.algorithm = algorithm;
            this.kid = kid;
            this.iat = iat;
            this.nbf = nbf;
            this.exp = exp;
        }
    }

    private final int generationSize;
    private volatile ConcurrentHashMap<String, Entry> young;
    private volatile ConcurrentHashMap<String, Entry> old;
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
        int h = token.hashCode();
        int slot = (h ^ (h >>> 16)) & (seen.length - 1);
        if (seen[slot] == h) {
            return true;
        }
        seen[slot] = h;
        return false;
    }

    private ConcurrentHashMap<String, Entry> newGeneration() {
        return new ConcurrentHashMap<>(Math.min(generationSize, 1 << 16) * 4 / 3 + 1);
    }

    /** The entry for exactly this token string, or null. */
    Entry get(String token) {
        Entry e = young.get(token);
        if (e == null) {
            e = old.get(token);
            if (e != null) {
                put(token, e); // still in use: keep it through the next swap
            }
        }
        return e;
    }

    void put(String token, Entry e) {
        ConcurrentHashMap<String, Entry> y = young;
        y.put(token, e);
        if (y.size() >= generationSize) {
            swap(y);
        }
    }

    private synchronized void swap(ConcurrentHashMap<String, Entry> full) {
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
