package io.github.jwtextended.revocation;

import java.time.Instant;
import java.util.Optional;

/**
 * Where revocations are kept: revoked token ids ({@code jti}) and, per identity, a not-before
 * instant ("log out everywhere": every token of that identity issued at or before it is revoked).
 * The manager calls {@link #isRevoked(RevocationCheck)} for every verified token unless a guard
 * skips the check, {@link #revoke} when one token is revoked and {@link #revokeAllIssuedBefore}
 * when all of an identity's tokens are.
 *
 * <p>Contract for implementations (checked for every store by the core's test-jar
 * {@code RevocationStoreContract}):
 * <ul>
 *   <li>an entry is kept at least until its {@code until} / {@code keepUntil} (the token's
 *       {@code exp} plus leeway; null means forever) and is not reported after it (expiry is
 *       exclusive), so memory stays bounded;</li>
 *   <li>recording an entry that exists keeps the later instants: a revocation is never shortened;</li>
 *   <li>one {@link #isRevoked(RevocationCheck)} answers both questions, in one round trip for a
 *       remote store;</li>
 *   <li>a write that returns has been recorded: a following check on any instance sharing the store
 *       sees it (a store with a local cache documents how long that takes);</li>
 *   <li>an outage or a timeout is reported by throwing {@link RevocationStoreException}, never by
 *       answering "not revoked" (the request then fails closed with 503) and never by returning
 *       from a write that was not recorded.</li>
 * </ul>
 *
 * <p><b>Capabilities.</b> What a store can do beyond the three questions is asked of it, never
 * guessed from its type: {@link #rotation()} (refresh-token families), {@link #sessions()} (their
 * session records), {@link #nearCache()}
 * (answers from memory) and {@link #purge()} (deleting expired entries) each give the capability
 * or nothing, and {@link #close()} releases what the store holds. A store's capabilities are
 * decided when it is built and never change, so a caller may ask once. A store that wraps another
 * (a deadline, fail-open) reports exactly its delegate's capabilities, under its own semantics,
 * and closes its delegate when closed: it never claims a capability its delegate lacks, and never
 * hides one its delegate has.
 *
 * <p>Implementations must be thread safe.
 */
public interface RevocationStore extends AutoCloseable {
    /** Records that the token with this {@code jti} is revoked until {@code until} (null: forever). */
    void revoke(String jti, Instant until);

    /**
     * Records that every token of {@code identity} issued at or before {@code notBefore} is revoked
     * (see {@link RevocationCheck#issuedNoLaterThan}); the record is kept until {@code keepUntil}
     * (null: forever), by when every such token has expired.
     */
    void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil);

    /** Whether the token described by {@code check} is revoked, by its {@code jti} or by its identity. */
    boolean isRevoked(RevocationCheck check);

    /** Whether the token with this {@code jti} is revoked (the per-identity rule is not consulted). */
    default boolean isRevoked(String jti) {
        return jti != null && isRevoked(RevocationCheck.ofJti(jti));
    }

    /**
     * Refresh-token rotation with reuse detection, when this store keeps refresh-token families
     * (then {@link #isRevoked(RevocationCheck)} also reports tokens of a revoked family, see
     * {@link RefreshRotation}); empty when it does not. Default: empty.
     */
    default Optional<RefreshRotation> rotation() {
        return Optional.empty();
    }

    /**
     * Session records (who a refresh-token family belongs to, when it began and was last refreshed,
     * a client description), when this store keeps them (see {@link SessionRecords}); empty when it
     * does not. A store with them has {@link #rotation()} too. Default: empty.
     */
    default Optional<SessionRecords> sessions() {
        return Optional.empty();
    }

    /** This store's near cache, when it keeps one (see {@link NearCache}); empty otherwise. Default: empty. */
    default Optional<NearCache> nearCache() {
        return Optional.empty();
    }

    /**
     * Deleting expired entries, when this store's expired entries stay until something removes
     * them (see {@link Purge}); empty when they leave by themselves or there is nothing to delete.
     * Default: empty.
     */
    default Optional<Purge> purge() {
        return Optional.empty();
    }

    /**
     * Releases what the store holds (threads, connections); a wrapper closes its delegate too.
     * Idempotent. The store may refuse work after it. Default: nothing to release.
     */
    @Override
    default void close() {
    }
}
