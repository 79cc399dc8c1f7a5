package io.github.jwtextended.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A store that wraps another and forwards everything to it: the writes, every capability
 * ({@link #rotation()}, {@link #sessions()}, {@link #nearCache()}, {@link #purge()}) exactly as the wrapped store has it,
 * and {@link #close()}. A wrapper extends it and overrides only what it changes (usually
 * {@link #isRevoked(RevocationCheck)}), so a capability added to {@link RevocationStore} later is
 * forwarded by every wrapper without touching it.
 *
 * <p>Thread safety: as the wrapped store; this class keeps no state of its own.
 */
public abstract class ForwardingRevocationStore implements RevocationStore {
    /** The wrapped store. */
    protected final RevocationStore delegate;

    protected ForwardingRevocationStore(RevocationStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public void revoke(String jti, Instant until) {
        delegate.revoke(jti, until);
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        delegate.revokeAllIssuedBefore(identity, notBefore, keepUntil);
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        return delegate.isRevoked(check);
    }

    // The capabilities, as the wrapped store has them: rotation and session records are writes (and
    // a listing) that a wrapper never bounds nor softens; the near cache is the store's own; the
    // purge runs with the store's own timeouts.
    @Override public Optional<RefreshRotation> rotation() { return delegate.rotation(); }
    @Override public Optional<SessionRecords> sessions() { return delegate.sessions(); }
    @Override public Optional<NearCache> nearCache() { return delegate.nearCache(); }
    @Override public Optional<Purge> purge() { return delegate.purge(); }

    /** {@code store}, then the stores it wraps, going inwards through forwarding stores. */
    static Stream<RevocationStore> chain(RevocationStore store) {
        return Stream.iterate(store, Objects::nonNull,
                s -> s instanceof ForwardingRevocationStore f ? f.delegate : null);
    }

    /** Closes the wrapped store. */
    @Override
    public void close() {
        delegate.close();
    }
}
