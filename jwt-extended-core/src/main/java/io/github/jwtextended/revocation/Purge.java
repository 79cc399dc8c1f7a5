package io.github.jwtextended.revocation;

/**
 * Deletes what a store keeps for tokens that have expired: the capability
 * {@link RevocationStore#purge()} gives when the store's expired entries stay until something
 * removes them (the JDBC store's rows; the in-memory store's entries between its own sweeps). A
 * store whose entries expire by themselves (Redis keys) has none. Purging is only about space:
 * expired entries are never reported revoked anyway. Meant for a background job, now and then.
 *
 * <p>Implementations must be thread safe.
 */
@FunctionalInterface
public interface Purge {
    /**
     * Deletes the entries of tokens that have expired and returns how many were deleted; fails
     * with {@link RevocationStoreException} when the backend cannot be reached.
     */
    int purgeExpired();
}
