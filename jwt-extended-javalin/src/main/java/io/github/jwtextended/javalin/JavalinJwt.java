package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;

/**
 * Reading the request's token in a handler after its guard ({@code get_jwt()},
 * {@code get_jwt_identity()}, {@code current_user}, ...) and writing the token cookies.
 *
 * <pre>{@code
 * String who = JavalinJwt.identity(ctx);
 * Map<String, Object> claims = JavalinJwt.claims(ctx);
 * User user = JavalinJwt.jwt(ctx).currentUser(User.class);
 * JavalinJwt.setAccessCookies(ctx, accessToken);
 * JavalinJwt.revokeRefreshCookie(ctx);   // at logout
 * }</pre>
 *
 * <p>Thread safety: stateless; each call works on the given request's context.
 */
public final class JavalinJwt {
    static final String ATTRIBUTE = "jwt-extended.jwt";

    private JavalinJwt() {
    }

    /** The manager registered by {@link JwtPlugin}. */
    public static JwtManager manager(Context ctx) {
        return ctx.appData(JwtPlugin.MANAGER);
    }

    /**
     * Verifies the request under {@code guard} (for routes guarded by hand rather than by a
     * {@link JwtGuard}) and stores the result for the accessors. Throws the failure, which the
     * plugin answers.
     */
    public static Jwt verify(Context ctx, Guard guard) {
        Jwt jwt = manager(ctx).verifyRequest(new ContextRequest(ctx), guard);
        ctx.attribute(ATTRIBUTE, jwt);
        return jwt;
    }

    /**
     * The verified token, with the rest of flask-jwt-extended's accessors: {@code jwt(ctx).header()}
     * ({@code get_jwt_header()}), {@code jwt(ctx).identity()} (the identity claim's raw value),
     * {@code jwt(ctx).currentUser(User.class)} ({@code get_current_user()}),
     * {@code jwt(ctx).location()} ({@code get_jwt_request_location()}). {@link Jwt#absent()} under an
     * optional guard without a token.
     */
    public static Jwt jwt(Context ctx) {
        Jwt jwt = ctx.attribute(ATTRIBUTE);
        if (jwt == null) {
            throw new IllegalStateException("No JWT was verified for this request: guard the route with JwtGuard or call JavalinJwt.verify first");
        }
        return jwt;
    }

    /** {@code get_jwt()}: the claims ({@code {}} without a token). */
    public static Map<String, Object> claims(Context ctx) {
        return jwt(ctx).claims();
    }

    /** {@code get_jwt_identity()}: the identity as a string, or null without a token. */
    public static String identity(Context ctx) {
        return jwt(ctx).identityAsString();
    }

    /** {@code set_access_cookies}: the access cookie and its CSRF cookie. */
    public static void setAccessCookies(Context ctx, String accessToken) {
        addAll(ctx, manager(ctx).accessCookies(accessToken));
    }

    /** {@code set_access_cookies(response, token, max_age, domain)}. */
    public static void setAccessCookies(Context ctx, String accessToken, Long maxAgeSeconds, String domain) {
        addAll(ctx, manager(ctx).accessCookies(accessToken, maxAgeSeconds, domain));
    }

    /** {@code set_refresh_cookies}: the refresh cookie and its CSRF cookie. */
    public static void setRefreshCookies(Context ctx, String refreshToken) {
        addAll(ctx, manager(ctx).refreshCookies(refreshToken));
    }

    /** {@code set_refresh_cookies(response, token, max_age, domain)}. */
    public static void setRefreshCookies(Context ctx, String refreshToken, Long maxAgeSeconds, String domain) {
        addAll(ctx, manager(ctx).refreshCookies(refreshToken, maxAgeSeconds, domain));
    }

    /** {@code unset_jwt_cookies}: clears all four cookies. */
    public static void unsetJwtCookies(Context ctx) {
        addAll(ctx, manager(ctx).unsetJwtCookies());
    }

    /** {@code unset_access_cookies}. */
    public static void unsetAccessCookies(Context ctx) {
        addAll(ctx, manager(ctx).unsetAccessCookies());
    }

    /** {@code unset_refresh_cookies}. */
    public static void unsetRefreshCookies(Context ctx) {
        addAll(ctx, manager(ctx).unsetRefreshCookies());
    }

    /**
     * Logout for browsers: revokes the refresh token in the request's refresh cookie, if it holds a
     * valid one, so that the cookie is dead even if the browser keeps it; see
     * {@link JwtManager#revokeRefreshCookie}. Call it in the logout handler, whose guard verified the
     * access token, after revoking that one:
     *
     * <pre>{@code
     * config.routes.post("/logout", ctx -> {
     *     jwt.revoke(JavalinJwt.jwt(ctx));
     *     JavalinJwt.revokeRefreshCookie(ctx);
     *     JavalinJwt.unsetJwtCookies(ctx);
     *     ctx.json(Map.of("msg", "logout successful"));
     * }, JwtGuard.required());
     * }</pre>
     *
     * Returns whether a token was revoked. A store that cannot record it fails the request with 503.
     */
    public static boolean revokeRefreshCookie(Context ctx) {
        return manager(ctx).revokeRefreshCookie(new ContextRequest(ctx));
    }

    private static void addAll(Context ctx, List<SetCookie> cookies) {
        ctx.attribute(ImplicitRefresh.COOKIES_WRITTEN, Boolean.TRUE);
        for (SetCookie c : cookies) {
            ctx.res().addHeader("Set-Cookie", c.toHeaderValue());
        }
    }
}
