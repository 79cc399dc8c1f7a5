package io.github.jwtextended.example.http;

import io.github.jwtextended.javalin.JavalinJwt;
import io.github.jwtextended.log.LogText;
import io.github.jwtextended.token.Jwt;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * One log line per request: method, path (without the query string, which may carry a token),
 * status, duration and the identity when it is known, e.g.
 * {@code POST /login 200 41.7ms user=testuser}. Never a token, cookie, header or body. Every value
 * is escaped by {@link LogText} so that a line cannot be split or forged (line breaks, controls,
 * spaces become {@code \\uXXXX}).
 *
 * <p>Thread safety: stateless.
 */
public final class RequestLog {
    /** The request attribute a handler sets when it knows the identity without a verified token (login). */
    static final String IDENTITY = "jwt-extended-example.identity";
    private static final Logger LOG = LoggerFactory.getLogger("jwt-extended-example.requests");

    private RequestLog() {
    }

    /** Javalin's request logger. */
    public static void log(Context ctx, Float millis) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(ctx.method().name(), ctx.path(), ctx.statusCode(), millis == null ? 0f : millis, identity(ctx)));
        }
    }

    /**
     * A request Jetty refused before any route (431, 414, a malformed request's 400, 505, ...):
     * its method and path are not known to be sound, so the line has dashes for them, and nothing
     * of the request.
     */
    public static void refusedBeforeRouting(int status) {
        if (LOG.isInfoEnabled()) {
            LOG.info("- - {} refused before routing", status);
        }
    }

    /** The line for one request. */
    public static String line(String method, String path, int status, float millis, String identity) {
        StringBuilder b = new StringBuilder(96);
        b.append(LogText.escape(method)).append(' ').append(LogText.escape(path)).append(' ').append(status).append(' ')
                .append(String.format(Locale.ROOT, "%.1fms", millis));
        if (identity != null) {
            b.append(" user=").append(LogText.escape(identity));
        }
        return b.toString();
    }

    static String identity(Context ctx) {
        Object set = ctx.attribute(IDENTITY);
        if (set instanceof String) {
            return (String) set;
        }
        try {
            Jwt jwt = JavalinJwt.jwt(ctx);
            return jwt.isPresent() ? jwt.identityAsString() : null;
        } catch (IllegalStateException notVerified) {
            return null;
        }
    }
}
