package io.github.jwtextended.revocation;

import java.util.Objects;

/**
 * A revocation store could not answer or record (connection refused, timeout, ...), or this
 * process did not ask it; {@link #reason()} tells which. The verify pipeline turns it into a 503
 * answer whatever the reason; a caller revoking a token must not report success.
 * {@link FailOpenRevocationStore} answers "not revoked" only for {@link Reason#OUTAGE}.
 *
 * <p>Thread safety: immutable.
 */
public class RevocationStoreException extends RuntimeException {
    /** Why there is no answer. */
    public enum Reason {
        /** The store failed, or did not answer within the time it was given: an outage of the store. */
        OUTAGE,
        /**
         * This process's own check workers were all busy: the check found no free worker within its
         * deadline, or waited for one and then ran out of time. A load on this process, not an
         * outage of the store.
         */
        SATURATED,
        /** This process stopped the check: its checks were closed, or the calling thread was interrupted. */
        STOPPED
    }

    private final Reason reason;

    /** An {@linkplain Reason#OUTAGE outage} of the store, with the store's own failure as the cause. */
    public RevocationStoreException(String message, Throwable cause) {
        super(message, cause);
        this.reason = Reason.OUTAGE;
    }

    /** An {@linkplain Reason#OUTAGE outage} of the store. */
    public RevocationStoreException(String message) {
        this(Reason.OUTAGE, message);
    }

    public RevocationStoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
