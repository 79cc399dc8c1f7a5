package io.github.jwtextended.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link ErrorHandler} per {@link ErrorKind}: the defaults answer as flask-jwt-extended does
 * (or in the RFC 6750 style), and any of them can be replaced.
 *
 * <p>Thread safety: immutable; {@link #with} returns a copy.
 */
public final class ErrorHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandlers.class);
    /** The header every 401 answer carries. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final Map<ErrorKind, ErrorHandler> handlers;
    private final String messageKey;
    private final ErrorStyle style;

    private ErrorHandlers(Map<ErrorKind, ErrorHandler> handlers, String messageKey, ErrorStyle style) {
        this.handlers = handlers;
        this.messageKey = messageKey;
        this.style = style;
    }

    /** The default handlers: {@code {"<messageKey>": <message>}} with each kind's status. */
    public static ErrorHandlers defaults(String messageKey, ErrorStyle style) {
        Objects.requireNonNull(messageKey, "messageKey");
        Objects.requireNonNull(style, "style");
        Map<ErrorKind, ErrorHandler> m = new EnumMap<>(ErrorKind.class);
        for (ErrorKind kind : ErrorKind.values()) {
            m.put(kind, e -> defaultAnswer(kind, style, messageKey, e.getMessage()));
        }
        return new ErrorHandlers(m, messageKey, style);
    }

    private static ErrorResponse defaultAnswer(ErrorKind kind, ErrorStyle style, String key, String message) {
        int status = kind.defaultStatus();
        if (style == ErrorStyle.RFC6750 && kind == ErrorKind.INVALID_TOKEN) {
            status = 401;
        }
        ErrorResponse r = ErrorResponse.message(status, key, message);
        if (style == ErrorStyle.FLASK) {
            return status == 401 ? r.withHeader(WWW_AUTHENTICATE, "Bearer") : r;
        }
        String challenge = switch (kind) { // no default: a new kind must say its challenge
            case UNAUTHORIZED -> "Bearer";
            case BAD_REQUEST -> "Bearer error=\"invalid_request\"";
            case INVALID_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, USER_LOOKUP_FAILED -> "Bearer error=\"invalid_token\"";
            case NEEDS_FRESH_TOKEN -> "Bearer error=\"insufficient_scope\"";
            case VERIFICATION_FAILED, STORE_UNAVAILABLE -> null;
        };
        return challenge == null ? r : r.withHeader(WWW_AUTHENTICATE, challenge);
    }

    /** A copy in which {@code kind} is answered by {@code handler}. */
    public ErrorHandlers with(ErrorKind kind, ErrorHandler handler) {
        Map<ErrorKind, ErrorHandler> m = new EnumMap<>(handlers);
        m.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(handler, "handler"));
        return new ErrorHandlers(m, messageKey, style);
    }

    /**
     * The answer to {@code error}. A handler that throws or returns null is replaced by the
     * default answer (with the configured message key and style), so a failure is never turned
     * into a 500 by its own handler. A 401 answer without a {@code WWW-Authenticate} header gets
     * {@code WWW-Authenticate: Bearer} (RFC 7235 §3.1), whoever built it.
     */
    public ErrorResponse handle(JwtException error) {
        ErrorHandler h = handlers.get(error.kind());
        ErrorResponse r = null;
        try {
            r = h.handle(error);
        } catch (RuntimeException e) {
            // The default answer below; the operator learns that the application's handler is broken
            // (its message only at debug: it may quote request data).
            LOG.warn("the error handler for {} failed; the default answer was sent", error.kind());
            LOG.debug("error handler failure", e);
        }
        if (r == null) {
            r = defaultAnswer(error.kind(), style, messageKey, error.getMessage());
        }
        if (r.status() == 401 && r.headers().keySet().stream().noneMatch(WWW_AUTHENTICATE::equalsIgnoreCase)) {
            r = r.withHeader(WWW_AUTHENTICATE, "Bearer"); // RFC 7235 §3.1: a 401 must carry a challenge
        }
        return r;
    }
}
