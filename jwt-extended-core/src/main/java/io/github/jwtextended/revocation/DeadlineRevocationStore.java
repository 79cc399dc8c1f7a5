package io.github.jwtextended.revocation;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.jwtextended.revocation.RevocationStoreException.Reason.SATURATED;
import static io.github.jwtextended.revocation.RevocationStoreException.Reason.STOPPED;

/**
 * Puts a hard deadline on a store's checks: {@link #isRevoked(RevocationCheck)} answers within
 * {@code deadline} or fails with {@link RevocationStoreException} (the request then gets 503). For
 * stores whose own timeouts add up to more than the deadline, e.g. a JDBC pool that must wait for,
 * then validate, a connection before the statement's own timeout starts.
 *
 * <p>Each check runs on one of at most {@code maxConcurrentChecks} worker threads. When all are
 * busy, a check waits for one, but only within its own deadline: a store that is merely busy (more
 * requests at once than workers, each answered in milliseconds) is waited for, not refused; a store
 * that hangs holds every worker, and the checks behind them fail when their deadline ends, so no
 * check ever takes longer than the deadline and no more than {@code maxConcurrentChecks} threads
 * ever wait on the store. A check that the wrapped store's {@linkplain RevocationStore#nearCache()
 * near cache} answers from memory ({@link NearCache#cachedAnswer}) is answered on the caller's
 * thread without a worker: it cannot hang.
 *
 * <p>A failed check says why ({@link RevocationStoreException#reason()}): {@code OUTAGE} when the
 * store failed, or ran out of time with a check that got a worker at once; {@code SATURATED} when
 * the check found every worker busy (none was free within its deadline, or it waited for one and
 * then ran out of time); {@code STOPPED} once closed or when the calling thread is interrupted.
 * {@link FailOpenRevocationStore} answers "not revoked" for outages only, so a flood of checks that
 * keeps the workers busy never opens it.
 *
 * <p>Writes ({@code revoke}, {@code revokeAllIssuedBefore}) run on the caller's thread with the
 * store's own timeouts, so a write never reports failure for a record it then makes.
 *
 * <p>Capabilities: exactly the wrapped store's ({@link RevocationStore}). Refresh-token rotation
 * ({@link #rotation()}) is the wrapped store's, and is a write too: it is not cut off by the
 * deadline, since a rotation reported failed but then made by the store would turn the client's
 * retry with the same refresh token into reuse and revoke its whole family. {@link #purge()} is the
 * wrapped store's (a background job, bounded by the store's own timeouts), {@link #nearCache()} the
 * wrapped store's (it never blocks). A store without rotation gives none here either.
 *
 * <p>Thread safety: thread safe. {@link #close()} stops the workers and closes the wrapped store.
 */
public final class DeadlineRevocationStore extends ForwardingRevocationStore {
    /** The wrapped store's near cache, or null: asked before a check takes a worker. */
    private final NearCache nearCache;
    private final long deadlineNanos;
    private final ThreadPoolExecutor workers;
    /** One per worker: a check holds one from before it is handed to a worker until the worker is done with it. */
    private final Semaphore slots;

    public DeadlineRevocationStore(RevocationStore delegate, Duration deadline, int maxConcurrentChecks) {
        super(delegate);
        this.nearCache = delegate.nearCache().orElse(null); // capabilities never change: asked once
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        if (maxConcurrentChecks < 1) {
            throw new IllegalArgumentException("maxConcurrentChecks must be at least 1");
        }
        this.deadlineNanos = deadline.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.slots = new Semaphore(maxConcurrentChecks);
        // At most maxConcurrentChecks tasks exist at once (the slots), so the queue holds at most a
        // task handed over while its worker is between two tasks.
        this.workers = new ThreadPoolExecutor(maxConcurrentChecks, maxConcurrentChecks, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "revocation-check-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.workers.allowCoreThreadTimeOut(true);
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        if (nearCache != null) {
            Boolean cached = nearCache.cachedAnswer(check);
            if (cached != null) {
                return cached;
            }
        }
        long start = System.nanoTime();
        // Queued: the check waited behind this process's own checks, so running out of time is
        // (at least partly) this process's load, not the store's outage.
        boolean queued = !slots.tryAcquire();
        try {
            if (queued && !slots.tryAcquire(deadlineNanos, TimeUnit.NANOSECONDS)) {
                throw new RevocationStoreException(SATURATED, "revocation checks saturated: every check worker stayed busy for the whole deadline");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RevocationStoreException(STOPPED, "revocation check interrupted");
        }
        // Whoever sets it first owns the slot's release: the worker when it starts the check, or
        // this thread when the deadline ends before a worker took the task (it is then skipped).
        AtomicBoolean claimed = new AtomicBoolean();
        Future<Boolean> f;
        try {
            f = workers.submit(() -> {
                if (!claimed.compareAndSet(false, true)) {
                    return false; // given up by its caller before it started: nobody reads this
                }
                try {
                    return delegate.isRevoked(check);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) { // closed
            slots.release();
            throw new RevocationStoreException(STOPPED, "revocation checks are stopped");
        }
        try {
            return f.get(Math.max(0, deadlineNanos - (System.nanoTime() - start)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            giveUp(f, claimed);
            throw queued ? new RevocationStoreException(SATURATED, "revocation check timed out after waiting for a check worker")
                    : new RevocationStoreException("revocation check timed out", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RevocationStoreException) {
                throw (RevocationStoreException) cause;
            }
            throw new RevocationStoreException("revocation check failed", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            giveUp(f, claimed);
            throw new RevocationStoreException(STOPPED, "revocation check interrupted");
        }
    }

    /** After the deadline: a check not yet started is skipped and its slot freed; a running one is interrupted. */
    private void giveUp(Future<Boolean> f, AtomicBoolean claimed) {
        if (claimed.compareAndSet(false, true)) {
            slots.release();
        } else {
            f.cancel(true); // the worker frees the slot when the store lets go of it
        }
    }
    /** Worker threads alive now (for tests). */
    int workerThreads() {
        return workers.getPoolSize();
    }

    /** Stops the workers (checks then fail with {@link RevocationStoreException}) and closes the wrapped store. Idempotent. */
    @Override
    public void close() {
        workers.shutdownNow();
        super.close();
    }

    @Override
    public String toString() {
        return "DeadlineRevocationStore[" + delegate + "]";
    }
}
