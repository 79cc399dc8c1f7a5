package io.github.jwtextended.revocation;

/**
 * A {@link RevocationStore} that can answer some checks from memory (a near cache). Wrappers that
 * put machinery around a check, such as {@link DeadlineRevocationStore} (a worker thread and a
 * deadline), ask {@link #cachedAnswer} first and use their machinery only when it has no answer, so
 * a check answered from memory costs a map lookup and nothing more.
 *
 * <p>Implementations must be thread safe, and {@link #cachedAnswer} must never block or do I/O.
 */
public interface CachingRevocationStore extends RevocationStore {
    /**
     * The answer {@link #isRevoked(RevocationCheck)} would give, from memory, when the store trusts
     * its memory right now; null when the check must go to the store's backend (then call
     * {@link #isRevoked(RevocationCheck)}). Never blocks, never throws for an outage.
     */
    Boolean cachedAnswer(RevocationCheck check);
}
