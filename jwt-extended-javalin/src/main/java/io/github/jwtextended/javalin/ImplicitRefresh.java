package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.verify.Guard;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Implicit refresh for cookie clients (flask-jwt-extended's documented "refresh tokens that are
 * about to expire" recipe, built in and opt-in through {@link JwtPlugin.Config#implicitRefreshWindow}):
 * an after-handler that sets a new access cookie when the request's access token came from a
 * cookie and expires within the window.
 *
 * <p>It never re-issues: for a request without a verified token, a token from anywhere but the
 * cookies (a header client manages its own tokens), a refresh token, a token already expired or
 * without {@code exp}, an error answer (status 400 or more), a response whose handler wrote or
 * cleared the token cookies itself (login, refresh, logout: unlike the reference's recipe, a
 * logout's deleted cookies are never set again), or a token that is revoked by the time the handler
 * has run (it is verified again, revocation check included, so a revoked refresh-token family, as
 * after a logout or an ended session, gets nothing). The new access token continues the session
 * ({@link io.github.jwtextended.session.RefreshRotator#continueAccess}): it is not fresh, keeps the
 * token's identity and its refresh-token family ({@code fam}), and gets the additional claims
 * loader's claims; with a maximum session lifetime it carries the session's {@code auth_time}, never
 * expires after {@code auth_time + lifetime}, and once the session is over none is set (the request
 * is answered with the token it came with, which ends at the session's end at the latest).
 *
 * <p>Thread safety: immutable; thread safe.
 */
final class ImplicitRefresh {
    private static final Logger LOG = LoggerFactory.getLogger(ImplicitRefresh.class);
    /** Set on the request when a handler wrote or cleared token cookies through {@link JavalinJwt}. */
    static final String COOKIES_WRITTEN = "jwt-extended.cookies-written";

    private final Duration window;

    ImplicitRefresh(Duration window) {
        this.window = Objects.requireNonNull(window, "window");
    }

    void after(Context ctx) {
        Jwt jwt = ctx.attribute(JavalinJwt.ATTRIBUTE);
        if (jwt == null || !jwt.isPresent() || jwt.isRefresh() || jwt.location() != TokenLocation.COOKIES) {
            return;
        }
        if (ctx.statusCode() >= 400 || Boolean.TRUE.equals(ctx.attribute(COOKIES_WRITTEN))) {
            return;
        }
        JwtManager manager = JavalinJwt.manager(ctx);
        if (writesAccessCookie(ctx, manager.config().access().cookieName())) {
            return;
        }
        Instant exp = jwt.expiresAt();
        Instant now = manager.clock().instant();
        if (exp == null || !exp.isAfter(now) || exp.isAfter(now.plus(window))) {
            return;
        }
        Jwt current;
        try {
            // Again, after the handler: it may have revoked the token (or logged out everywhere).
            current = manager.verifyRequest(new ContextRequest(ctx), Guard.required().locations(TokenLocation.COOKIES));
        } catch (JwtException e) {
            return;
        }
        if (!current.isPresent() || current.isRefresh() || !Objects.equals(current.jti(), jwt.jti())) {
            return;
        }
        try {
            Optional<String> access = manager.rotator().continueAccess(current, current.identity(), TokenOptions.defaults());
            if (access.isEmpty()) {
                return; // the session is over (or the token already lasts until its end): the request keeps its own
            }
            JavalinJwt.setAccessCookies(ctx, access.get());
            ctx.header("Cache-Control", "no-store"); // the answer now carries a token (RFC 6749 §5.1)
        } catch (RuntimeException e) {
            LOG.warn("implicit refresh failed on a {} request: no new access cookie was set", ctx.method());
        }
    }

    private static boolean writesAccessCookie(Context ctx, String accessCookieName) {
        Collection<String> set = ctx.res().getHeaders("Set-Cookie");
        if (set == null) {
            return false;
        }
        for (String h : set) {
            if (h.startsWith(accessCookieName + "=")) {
                return true;
            }
        }
        return false;
    }
}
