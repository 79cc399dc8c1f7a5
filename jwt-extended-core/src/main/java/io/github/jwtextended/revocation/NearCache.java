package io.github.jwtextended.revocation;

/**
 * A store's near cache: revocations kept in this process's memory, from which checks are answered
 * without asking the backend while the cache is trusted; the capability
 * {@link RevocationStore#nearCache()} gives when the store keeps one. Wrappers that put machinery
 * around a check, such as {@link DeadlineRevocationStore} (a worker thread and a deadline), ask
 * {@link #cachedAnswer} first and use their machinery only when it has no answer, so a check
 * answered from memory costs a map lookup and nothing more.
 *
 * <p>Implementations must be thread safe, and neither method may block or do I/O.
 */
public interface NearCache {
    /**
     * The answer the store's {@link RevocationStore#isRevoked(RevocationCheck)} would give, from
     * memory, when the cache is trusted right now; null when the check must go to the store's
     * backend (then call {@link RevocationStore#isRevoked(RevocationCheck)}). Never blocks, never
     * throws for an outage.
     */
    Boolean cachedAnswer(RevocationCheck check);

    /**
     * Whether checks are answered from memory right now: false while the cache is (re)loading,
     * after it lost touch with the backend for longer than it allows, and once the store is closed.
     */
    boolean trusted();
}
