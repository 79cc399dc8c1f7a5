package io.github.jwtextended.revocation;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Revocations held in memory: revoked token ids, per-identity "not before" cut-offs and revoked
 * refresh-token families, each kept until an instant (epoch milliseconds; {@link Long#MAX_VALUE}
 * for ever). Every record only ever grows: applying an older or shorter record never weakens a
 * newer one, so records may arrive in any order and more than once (a database poll, a pub/sub
 * message and a resynchronisation may all carry the same one). The near caches of the JDBC and
 * Redis stores keep one each.
 *
 * <p>Thread safety: thread safe; lookups never block writers.
 */
public final class RevocationIndex {
    /** "Kept for ever": the record of a token without {@code exp}. */
    public static final long FOREVER = Long.MAX_VALUE;

    private final ConcurrentHashMap<String, Long> revoked = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, long[]> notBefore = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> families = new ConcurrentHashMap<>();

    /** The token id {@code jti} is revoked until {@code untilMillis}. */
    public void revoke(String jti, long untilMillis) {
        revoked.merge(jti, untilMillis, Math::max);
    }

    /** Tokens of {@code identity} issued at or before {@code notBeforeMillis} are revoked until {@code keepUntilMillis}. */
    public void revokeAllIssuedBefore(String identity, long notBeforeMillis, long keepUntilMillis) {
        notBefore.merge(identity, new long[] {notBeforeMillis, keepUntilMillis},
                (a, b) -> new long[] {Math.max(a[0], b[0]), Math.max(a[1], b[1])});
    }

    /** Every token of the refresh-token family is revoked until {@code keepUntilMillis}. */
    public void revokeFamily(String family, long keepUntilMillis) {
        families.merge(family, keepUntilMillis, Math::max);
    }

    /** Whether {@code check} is revoked at {@code nowMillis}. */
    public boolean isRevoked(RevocationCheck check, long nowMillis) {
        return isRevoked(check.jti(), check.identity(), check.family(), check, nowMillis);
    }

    /**
     * The same, with the keys given as the store keeps them (a store may normalise or prefix
     * them); {@code check} supplies the issue time.
     */
    public boolean isRevoked(String jti, String identity, String family, RevocationCheck check, long nowMillis) {
        if (jti != null) {
            Long until = revoked.get(jti);
            if (until != null && until > nowMillis) {
                return true;
            }
        }
        if (family != null) {
            Long until = families.get(family);
            if (until != null && until > nowMillis) {
                return true;
            }
        }
        if (identity != null) {
            long[] entry = notBefore.get(identity);
            return entry != null && entry[1] > nowMillis && check.issuedNoLaterThan(entry[0]);
        }
        return false;
    }

    /** Drops the records kept until {@code nowMillis} or earlier; returns how many it dropped. */
    public int sweep(long nowMillis) {
        int[] dropped = new int[1];
        revoked.values().removeIf(until -> counted(until <= nowMillis, dropped));
        notBefore.values().removeIf(entry -> counted(entry[1] <= nowMillis, dropped));
        families.values().removeIf(until -> counted(until <= nowMillis, dropped));
        return dropped[0];
    }

    private static boolean counted(boolean expired, int[] count) {
        if (expired) {
            count[0]++;
        }
        return expired;
    }

    /** Receives the records still live (see {@link #forEachLive}). */
    public interface Visitor {
        void revoked(String jti, long untilMillis);

        void notBefore(String identity, long notBeforeMillis, long keepUntilMillis);

        void family(String family, long keepUntilMillis);
    }

    /**
     * Gives {@code visitor} every record still live at {@code nowMillis} (kept until a later
     * instant), e.g. to write them back to a store that lost them. A weakly consistent view:
     * records added meanwhile may or may not be given.
     */
    public void forEachLive(long nowMillis, Visitor visitor) {
        revoked.forEach((jti, until) -> {
            if (until > nowMillis) {
                visitor.revoked(jti, until);
            }
        });
        notBefore.forEach((identity, entry) -> {
            if (entry[1] > nowMillis) {
                visitor.notBefore(identity, entry[0], entry[1]);
            }
        });
        families.forEach((family, until) -> {
            if (until > nowMillis) {
                visitor.family(family, until);
            }
        });
    }

    /** Records held: revoked ids, identities and families together. */
    public int size() {
        return revoked.size() + notBefore.size() + families.size();
    }

    /** For a log line: how many of each kind are held. */
    @Override
    public String toString() {
        return revoked.size() + " revoked ids, " + notBefore.size() + " identities, " + families.size() + " families";
    }
}
