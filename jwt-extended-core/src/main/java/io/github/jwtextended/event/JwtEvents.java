package io.github.jwtextended.event;

import io.github.jwtextended.error.JwtException;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.key.JwksFetchListener;
import io.github.jwtextended.key.JwksFetchOutcome;
import io.github.jwtextended.key.RemoteJwksKeyResolver;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the library's parts report to the registered {@link JwtListener}s: each call is passed to
 * every listener in order, and an exception a listener throws is caught, so that a listener never
 * changes an answer; it is logged at WARN once per kind of event (then at DEBUG), naming the kind
 * and never a value. With no listener ({@link #NONE}) every call returns at once and allocates nothing.
 *
 * <p>Thread safety: immutable (the logged-once flags are atomic) and thread safe if the listeners are.
 */
public final class JwtEvents implements JwksFetchListener {
    /** No listener: every report is a no-op. */
    public static final JwtEvents NONE = new JwtEvents(new JwtListener[0]);

    private static final Logger LOG = LoggerFactory.getLogger(JwtEvents.class);
    private static final int VERIFICATION = 1;
    private static final int TOKEN_ISSUED = 2;
    private static final int ROTATION = 4;
    private static final int REVOCATION = 8;
    private static final int JWKS_FETCH = 16;

    private final JwtListener[] listeners;
    /** The kinds of event whose listener failure has been logged at WARN (bits above). */
    private final AtomicInteger logged = new AtomicInteger();

    private JwtEvents(JwtListener[] listeners) {
        this.listeners = listeners;
    }

    /** Reports to {@code listeners}, in order; {@link #NONE} when there are none. */
    public static JwtEvents of(List<JwtListener> listeners) {
        return listeners.isEmpty() ? NONE : new JwtEvents(listeners.toArray(new JwtListener[0]));
    }

    /** Whether any listener is registered. */
    public boolean active() {
        return listeners.length > 0;
    }

    /** {@link JwtListener#verification}. */
    public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
        if (listeners.length > 0) { // no lambda, no allocation, without listeners
            each(VERIFICATION, "verification", l -> l.verification(outcome, type, location));
        }
    }

    /** {@link JwtListener#verification} for a failure; the outcome is worked out only when someone listens. */
    public void verificationFailed(JwtException error, TokenType type, TokenLocation location) {
        if (listeners.length > 0) {
            verification(VerificationOutcome.of(error), type, location);
        }
    }

    /** {@link JwtListener#tokenIssued}. */
    public void tokenIssued(TokenType type) {
        if (listeners.length > 0) {
            each(TOKEN_ISSUED, "tokenIssued", l -> l.tokenIssued(type));
        }
    }

    /** {@link JwtListener#refreshRotation}. */
    public void refreshRotation(RotationOutcome outcome) {
        if (listeners.length > 0) {
            each(ROTATION, "refreshRotation", l -> l.refreshRotation(outcome));
        }
    }

    /** {@link JwtListener#revocation}. */
    public void revocation(RevocationKind kind) {
        if (listeners.length > 0) {
            each(REVOCATION, "revocation", l -> l.revocation(kind));
        }
    }

    /** {@link JwtListener#jwksFetch(JwksFetchOutcome, int)}. */
    @Override
    public void jwksFetch(JwksFetchOutcome outcome, int keys) {
        if (listeners.length > 0) {
            each(JWKS_FETCH, "jwksFetch", l -> l.jwksFetch(outcome, keys));
        }
    }

    /** {@link JwtListener#jwksFetch(JwksFetchOutcome, RemoteJwksKeyResolver)}: what a resolver the manager built reports. */
    @Override
    public void jwksFetch(JwksFetchOutcome outcome, RemoteJwksKeyResolver resolver) {
        if (listeners.length > 0) {
            each(JWKS_FETCH, "jwksFetch", l -> l.jwksFetch(outcome, resolver));
        }
    }

    /** Calls every listener; one that throws is logged (once per event kind) and the others still run. */
    private void each(int bit, String event, java.util.function.Consumer<JwtListener> call) {
        for (JwtListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException e) {
                failed(bit, event, e);
            }
        }
    }

    private void failed(int bit, String event, RuntimeException e) {
        int seen = logged.getAndUpdate(v -> v | bit);
        if ((seen & bit) == 0) {
            LOG.warn("a JwtListener failed on the {} event; the answer was not changed (logged once per event kind)", event);
        }
        LOG.debug("JwtListener failure on {}", event, e);
    }
}
