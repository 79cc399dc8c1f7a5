package io.github.jwtextended.micrometer;

import io.github.jwtextended.revocation.ForwardingRevocationStore;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A store wrapper that does something around each call of a known {@link Operation}: the check,
 * the two writes and the wrapped store's rotation (wrapped once, when the store has one). A subclass
 * says only what happens around one call ({@link #around}); the names of the operations and of the
 * causes of a failure ({@link Cause#of}) are the ones every subclass reports. Session records, the
 * near cache, purge and close are forwarded as they are.
 *
 * <p>Thread safety: as the wrapped store; a subclass's {@link #around} must be thread safe.
 */
abstract class InstrumentedRevocationStore extends ForwardingRevocationStore {
    /** A store call; {@link #tag} is the lower-case name. */
    enum Operation {
        CHECK, REVOKE, REVOKE_ALL, ROTATE, REVOKE_FAMILY;

        final String tag = name().toLowerCase(Locale.ROOT);
    }

    /** Why a call failed; {@link #tag} is the lower-case name. */
    enum Cause {
        TIMEOUT, SATURATED, STOPPED, ERROR;

        final String tag = name().toLowerCase(Locale.ROOT);

        /** The cause of a failure: the store's reason, else a timeout anywhere in its causes, else an error. */
        static Cause of(Throwable failure) {
            if (failure instanceof RevocationStoreException e) {
                if (e.reason() == RevocationStoreException.Reason.SATURATED) {
                    return SATURATED;
                }
                if (e.reason() == RevocationStoreException.Reason.STOPPED) {
                    return STOPPED;
                }
            }
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                // TimeoutException, and the drivers' own: SocketTimeoutException, SQLTimeoutException,
                // Lettuce's RedisCommandTimeoutException
                if (t instanceof TimeoutException || t.getClass().getSimpleName().endsWith("TimeoutException")) {
                    return TIMEOUT;
                }
            }
            return ERROR;
        }
    }

    /** A write given as a {@code Runnable}, as a call with no result. */
    private static final Function<Runnable, Void> WRITE = write -> {
        write.run();
        return null;
    };

    /** The check, made once: a check (every verification's) allocates nothing here. */
    private final Function<RevocationCheck, Boolean> check = c -> delegate.isRevoked(c);
    private final Optional<RefreshRotation> rotation;

    InstrumentedRevocationStore(RevocationStore delegate) {
        super(delegate);
        this.rotation = delegate.rotation().map(InstrumentedRotation::new); // capabilities never change
    }

    /**
     * Makes one store call of {@code operation}, {@code call} applied to {@code argument}, with
     * what this wrapper does around it: returns its result and throws its failure unchanged.
     */
    abstract <A, R> R around(Operation operation, Function<? super A, ? extends R> call, A argument);

    @Override
    public final boolean isRevoked(RevocationCheck check) {
        return around(Operation.CHECK, this.check, check);
    }

    @Override
    public final void revoke(String jti, Instant until) {
        around(Operation.REVOKE, WRITE, () -> delegate.revoke(jti, until));
    }

    @Override
    public final void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        around(Operation.REVOKE_ALL, WRITE, () -> delegate.revokeAllIssuedBefore(identity, notBefore, keepUntil));
    }

    /** The wrapped store's rotation, each of its calls wrapped. */
    @Override
    public final Optional<RefreshRotation> rotation() {
        return rotation;
    }

    /** The wrapped rotation, each call wrapped. */
    private final class InstrumentedRotation implements RefreshRotation {
        private final RefreshRotation rotation;

        InstrumentedRotation(RefreshRotation rotation) {
            this.rotation = rotation;
        }

        @Override
        public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return around(Operation.ROTATE, Supplier<Outcome>::get, () -> rotation.rotate(family, presentedJti, newJti, keepUntil, window));
        }

        @Override
        public void revokeFamily(String family, Instant keepUntil) {
            around(Operation.REVOKE_FAMILY, WRITE, () -> rotation.revokeFamily(family, keepUntil));
        }
    }
}
