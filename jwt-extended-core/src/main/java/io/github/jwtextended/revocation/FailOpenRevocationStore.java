package io.github.jwtextended.revocation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * <b>Explicit opt-in to fail open</b>: wraps a store so that a check the store cannot answer (it
 * throws) is answered "not revoked" instead of failing the request with 503. While the store is
 * down, <em>revoked tokens are accepted</em>: choose this only when availability matters more than
 * logout, and know that it is logged loudly — a WARN when the wrapper is built, and a WARN for the
 * first failed check and then at most once per {@code warnInterval} (with the count of failures
 * since the last line).
 *
 * <p>Only an outage of the store opens it: a {@link RevocationStoreException} whose
 * {@linkplain RevocationStoreException#reason() reason} is not {@code OUTAGE} (this process's own
 * check workers saturated, as under a flood of requests, or its checks stopped) still fails the
 * check, so a client cannot get a revoked token accepted by keeping the workers busy. Any other
 * runtime failure of the store counts as an outage.
 *
 * <p>Writes are never softened: {@link #revoke} and {@link #revokeAllIssuedBefore} still throw
 * when the store cannot record them, so a logout never claims success for a token that was not
 * revoked.
 *
 * <p>Capabilities: exactly the wrapped store's ({@link RevocationStore}), none softened.
 * Refresh-token rotation ({@link #rotation()}) is a write: a rotation the store cannot answer
 * fails (no new tokens without the record), and a store without rotation gives none here either.
 * {@link #purge()} and {@link #nearCache()} are the wrapped store's (a near cache never fails for
 * an outage: it has no answer instead). {@link #close()} closes the wrapped store.
 *
 * <p>Each check answered open is also told to its {@link Listener}s (metrics: jwt-extended-micrometer's
 * {@code MeteredRevocationStore} is one, whichever side of this wrapper it is on): those added with
 * {@link #addListener}, and every wrapper inside this one that is a listener, found when this one
 * is built. {@link #find} finds the fail-open wrapper in a chain of wrappers, for a wrapper around
 * it to add itself.
 *
 * <p>Thread safety: thread safe if the wrapped store is; listeners may be added at any time.
 */
public final class FailOpenRevocationStore extends ForwardingRevocationStore {
    private static final Logger LOG = LoggerFactory.getLogger(FailOpenRevocationStore.class);

    private final Clock clock;
    private final long warnIntervalMillis;
    private final AtomicLong nextWarn = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Hears each check that a {@link FailOpenRevocationStore} answered "not revoked" because its
     * store failed, on the request's thread, after the fact. It must return quickly; an exception
     * it throws is ignored (the answer stays "not revoked").
     *
     * <p>Implementations must be thread safe.
     */
    @FunctionalInterface
    public interface Listener {
        /** A check was answered "not revoked" because the store failed with {@code failure}. */
        void answeredOpen(RuntimeException failure);
    }

    /** Wraps {@code delegate}, warning at most every 10 seconds. */
    public FailOpenRevocationStore(RevocationStore delegate) {
        this(delegate, Duration.ofSeconds(10), Clock.systemUTC());
    }

    public FailOpenRevocationStore(RevocationStore delegate, Duration warnInterval, Clock clock) {
        super(delegate);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.warnIntervalMillis = warnInterval.toMillis();
        ForwardingRevocationStore.chain(delegate).forEach(s -> {
            if (s instanceof Listener l) {
                listeners.add(l);
            }
        });
        LOG.warn("revocation checks FAIL OPEN: while the revocation store is unavailable, revoked tokens are ACCEPTED");
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        try {
            return delegate.isRevoked(check);
        } catch (RevocationStoreException e) {
            if (e.reason() != RevocationStoreException.Reason.OUTAGE) {
                throw e; // not the store's outage: fail closed
            }
            return failOpen(e);
        } catch (RuntimeException e) {
            return failOpen(e);
        }
    }

    private boolean failOpen(RuntimeException e) {
        failures.incrementAndGet();
        warn(e);
        for (Listener l : listeners) {
            try {
                l.answeredOpen(e);
            } catch (RuntimeException ignored) {
                LOG.debug("a fail-open listener failed; the answer was not changed", ignored);
            }
        }
        return false;
    }

    /** Tells {@code listener} about every check answered open from now on. */
    public void addListener(Listener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * The fail-open wrapper in {@code store}: the store itself, or the first found going inwards
     * through the {@link ForwardingRevocationStore}s it wraps; empty when there is none.
     */
    public static Optional<FailOpenRevocationStore> find(RevocationStore store) {
        return ForwardingRevocationStore.chain(store)
                .filter(FailOpenRevocationStore.class::isInstance)
                .map(FailOpenRevocationStore.class::cast)
                .findFirst();
    }

    /** How many checks were answered "not revoked" because the store failed, since this wrapper was built. */
    public long failOpenCount() {
        return failures.get();
    }

    private void warn(RuntimeException e) {
        long now = clock.millis();
        long due = nextWarn.get();
        if (now >= due && nextWarn.compareAndSet(due, now + warnIntervalMillis)) {
            long more = suppressed.getAndSet(0);
            LOG.warn("revocation store unavailable, token ACCEPTED WITHOUT REVOCATION CHECK (fail-open){}: {}",
                    more > 0 ? " (" + more + " more since the last warning)" : "", e.getMessage());
        } else {
            suppressed.incrementAndGet();
        }
    }

    @Override
    public String toString() {
        return "FailOpen[" + delegate + "]";
    }
}
