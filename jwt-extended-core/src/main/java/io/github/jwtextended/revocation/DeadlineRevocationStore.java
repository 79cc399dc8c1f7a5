package io.github.jwtextended.revocation;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Puts a hard deadline on a store's checks: {@link #isRevoked(RevocationCheck)} answers within
 * {@code deadline} or fails with {@link RevocationStoreException} (the request then gets 503). For
 * stores whose own timeouts add up to more than the deadline, e.g. a JDBC pool that must wait for,
 * then validate, a connection before the statement's own timeout starts.
 *
 * <p>Each check runs on one of at most {@code maxConcurrentChecks} worker threads; when all are
 * busy (the store is hanging), a check fails at once instead of queueing. A check that a
 * {@link CachingRevocationStore} answers from memory ({@link CachingRevocationStore#cachedAnswer})
 * is answered on the caller's thread without a worker: it cannot hang. Writes ({@code revoke},
 * {@code revokeAllIssuedBefore}) run on the caller's thread with the store's own timeouts, so a
 * write never reports failure for a record it then makes. Refresh-token rotation ({@code rotate},
 * {@code revokeFamily}) is a write too, passed to the wrapped store when it is a
 * {@link RefreshRotationStore}; otherwise rotation is refused as the manager refuses it for a store
 * without rotation.
 *
 * <p>Thread safety: thread safe. {@link #close()} stops the workers (and closes the wrapped store
 * when it is {@link AutoCloseable}).
 */
public final class DeadlineRevocationStore implements RefreshRotationStore, AutoCloseable {
    private final RevocationStore delegate;
    private final long deadlineNanos;
    private final ThreadPoolExecutor workers;

    public DeadlineRevocationStore(RevocationStore delegate, Duration deadline, int maxConcurrentChecks) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("maxConcurrentChecks must be at least 1");
        }
        this.deadlineNanos = deadline.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(0, maxConcurrentChecks, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "revocation-check-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        if (delegate instanceof CachingRevocationStore) {
            Boolean cached = ((CachingRevocationStore) delegate).cachedAnswer(check);
            if (cached != null) {
                return cached;
            }
        }
        Future<Boolean> f;
        try {
            f = workers.submit(() -> delegate.isRevoked(check));
        } catch (RejectedExecutionException e) {
            throw new RevocationStoreException("revocation store busy: every check worker is waiting for it");
        }
        try {
            return f.get(deadlineNanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new RevocationStoreException("revocation check timed out");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RevocationStoreException) {
                throw (RevocationStoreException) cause;
            }
            throw new RevocationStoreException("revocation check failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(true);
            throw new RevocationStoreException("revocation check interrupted");
        }
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
    public RotationResult rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration grace) {
        return rotation().rotate(family, presentedJti, newJti, keepUntil, grace);
    }

    @Override
    public void revokeFamily(String family, Instant keepUntil) {
        rotation().revokeFamily(family, keepUntil);
    }

    private RefreshRotationStore rotation() {
        if (!(delegate instanceof RefreshRotationStore)) {
            throw new IllegalStateException("refresh-token rotation needs a store that supports it; " + delegate + " does not");
        }
        return (RefreshRotationStore) delegate;
    }

    /** The store this one bounds. */
    public RevocationStore delegate() {
        return delegate;
    }

    @Override
    public void close() {
        workers.shutdownNow();
        if (delegate instanceof AutoCloseable) {
            try {
                ((AutoCloseable) delegate).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the wrapped revocation store failed", e);
            }
        }
    }

    @Override
    public String toString() {
        return "DeadlineRevocationStore[" + delegate + "]";
    }
}
