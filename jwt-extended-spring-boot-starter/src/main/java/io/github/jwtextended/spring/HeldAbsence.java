package io.github.jwtextended.spring;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.JwtListener;
import io.github.jwtextended.event.RevocationKind;
import io.github.jwtextended.event.RotationOutcome;
import io.github.jwtextended.event.TokenType;
import io.github.jwtextended.event.VerificationOutcome;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.key.RemoteJwksKeyResolver;

import java.util.List;

/**
 * Lets a request's first verification report "no token" ({@link VerificationOutcome#ABSENT}) only
 * if nothing verifies the request again: Spring Security's {@code JwtAuthenticationFilter} verifies
 * every request before its authorization rules decide whether a token was needed, and a request
 * they refuse for lack of one is verified again by the entry point, which reports
 * {@link VerificationOutcome#MISSING}. Within a {@link #hold()} on the request's thread, the
 * {@code absent} report of the first verification is kept back; any later verification report on
 * that thread supersedes it; closing the hold reports it if nothing did. So each request counts
 * once: {@code absent} when it went on without a token, {@code missing} when it was refused for it.
 *
 * <p>Works for the listeners the starter registers on its own manager (every {@link JwtListener}
 * bean, through {@link #listener}); a hold on a thread whose manager reports to other listeners
 * changes nothing.
 *
 * <p>Thread safety: thread safe; a hold belongs to the thread that opened it.
 */
public final class HeldAbsence implements AutoCloseable {
    private static final ThreadLocal<HeldAbsence> CURRENT = new ThreadLocal<>();

    private final HeldAbsence enclosing;
    private boolean holding = true;
    private JwtEvents heldFor;
    private TokenType heldType;

    private HeldAbsence(HeldAbsence enclosing) {
        this.enclosing = enclosing;
    }

    /**
     * Opens a hold on this thread: an {@code absent} report of the verification that follows is kept
     * back ({@link #release()} ends that); close it when the request is answered.
     */
    public static HeldAbsence hold() {
        HeldAbsence hold = new HeldAbsence(CURRENT.get());
        CURRENT.set(hold);
        return hold;
    }

    /** The verification whose {@code absent} report is held is over: later reports pass and supersede it. */
    public void release() {
        holding = false;
    }

    /** Closes the hold: reports the held {@code absent} unless a later verification superseded it. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (enclosing == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(enclosing);
            }
        }
        JwtEvents events = heldFor;
        heldFor = null;
        if (events != null) {
            events.verification(VerificationOutcome.ABSENT, heldType, null);
        }
    }

    /** Whether this report is taken by the thread's hold (kept back), else it goes to {@code events}. */
    private static boolean taken(JwtEvents events, VerificationOutcome outcome, TokenType type) {
        HeldAbsence hold = CURRENT.get();
        if (hold == null) {
            return false;
        }
        if (hold.holding && outcome == VerificationOutcome.ABSENT) {
            hold.heldFor = events;
            hold.heldType = type;
            return true;
        }
        hold.heldFor = null; // a later verification of the request: its outcome is the request's
        return false;
    }

    /** One listener reporting to {@code listeners} in order, each failure caught, with verifications subject to holds. */
    public static JwtListener listener(List<JwtListener> listeners) {
        JwtEvents events = JwtEvents.of(listeners);
        return new JwtListener() {
            @Override
            public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
                if (!taken(events, outcome, type)) {
                    events.verification(outcome, type, location);
                }
            }

            @Override
            public void tokenIssued(TokenType type) {
                events.tokenIssued(type);
            }

            @Override
            public void refreshRotation(RotationOutcome outcome) {
                events.refreshRotation(outcome);
            }

            @Override
            public void revocation(RevocationKind kind) {
                events.revocation(kind);
            }

            @Override
            public void jwksFetch(JwksFetchOutcome outcome, int keys) {
                events.jwksFetch(outcome, keys);
            }

            @Override
            public void jwksFetch(JwksFetchOutcome outcome, RemoteJwksKeyResolver resolver) {
                events.jwksFetch(outcome, resolver);
            }
        };
    }
}
