package io.github.jwtextended.servlet;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.adapter.ErrorAnswer;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Reading the request's token in a servlet (or controller) after the {@link JwtFilter} verified it
 * ({@code get_jwt()}, {@code get_jwt_identity()}, {@code current_user}, ...), verifying by hand,
 * writing the token cookies and answering a failure.
 *
 * <pre>{@code
 * String who = ServletJwt.identity(request);
 * Map<String, Object> claims = ServletJwt.claims(request);
 * ServletJwt.setAccessCookies(request, response, accessToken);
 * }</pre>
 *
 * The verified token is the request attribute {@link #JWT_ATTRIBUTE}, its parts the attributes
 * {@link #IDENTITY_ATTRIBUTE}, {@link #CLAIMS_ATTRIBUTE}, {@link #HEADER_ATTRIBUTE},
 * {@link #CURRENT_USER_ATTRIBUTE} and {@link #LOCATION_ATTRIBUTE} (for views and other filters),
 * the manager the attribute {@link #MANAGER_ATTRIBUTE} (set by the filter on every request it sees).
 *
 * <p>Thread safety: stateless; each call works on the given request and response.
 */
public final class ServletJwt {
    /** Request attribute holding the verified {@link Jwt}. */
    public static final String JWT_ATTRIBUTE = "io.github.jwtextended.jwt";
    /** Request attribute: the identity claim's raw value (null without a token). */
    public static final String IDENTITY_ATTRIBUTE = "io.github.jwtextended.identity";
    /** Request attribute: the claims, a {@code Map<String, Object>} (empty without a token). */
    public static final String CLAIMS_ATTRIBUTE = "io.github.jwtextended.claims";
    /** Request attribute: the token's header, a {@code Map<String, Object>}. */
    public static final String HEADER_ATTRIBUTE = "io.github.jwtextended.header";
    /** Request attribute: the user loaded by the user lookup callback (null without one or without a token). */
    public static final String CURRENT_USER_ATTRIBUTE = "io.github.jwtextended.currentUser";
    /** Request attribute: the {@link TokenLocation} the token came from (null without a token). */
    public static final String LOCATION_ATTRIBUTE = "io.github.jwtextended.location";
    /** Request attribute holding the {@link JwtManager} of the filter that saw the request. */
    public static final String MANAGER_ATTRIBUTE = "io.github.jwtextended.manager";

    private ServletJwt() {
    }

    /** The manager of the {@link JwtFilter} that saw this request. */
    public static JwtManager manager(ServletRequest request) {
        Object m = request.getAttribute(MANAGER_ATTRIBUTE);
        if (!(m instanceof JwtManager)) {
            throw new IllegalStateException("No JwtFilter saw this request: register JwtFilter, or pass the JwtManager explicitly");
        }
        return (JwtManager) m;
    }

    /**
     * Verifies {@code request} under {@code guard} with the filter's manager (for a route guarded by
     * hand) and stores the result for the accessors. Throws the failure, which the filter answers.
     */
    public static Jwt verify(HttpServletRequest request, Guard guard) {
        return verify(manager(request), request, guard);
    }

    /** Verifies {@code request} under {@code guard} with {@code manager} and stores the result for the accessors. */
    public static Jwt verify(JwtManager manager, HttpServletRequest request, Guard guard) {
        Jwt jwt = manager.verifyRequest(new ServletJwtRequest(request), guard);
        request.setAttribute(JWT_ATTRIBUTE, jwt);
        request.setAttribute(IDENTITY_ATTRIBUTE, jwt.identity());
        request.setAttribute(CLAIMS_ATTRIBUTE, jwt.claims());
        request.setAttribute(HEADER_ATTRIBUTE, jwt.header());
        request.setAttribute(CURRENT_USER_ATTRIBUTE, jwt.user());
        request.setAttribute(LOCATION_ATTRIBUTE, jwt.location());
        return jwt;
    }

    /**
     * The verified token, with the rest of flask-jwt-extended's accessors:
     * {@code jwt(request).header()} ({@code get_jwt_header()}), {@code jwt(request).identity()} (the
     * identity claim's raw value), {@code jwt(request).currentUser(User.class)}
     * ({@code get_current_user()}), {@code jwt(request).location()}
     * ({@code get_jwt_request_location()}). {@link Jwt#absent()} under an optional guard without a
     * token (and for OPTIONS).
     */
    public static Jwt jwt(ServletRequest request) {
        Object jwt = request.getAttribute(JWT_ATTRIBUTE);
        if (!(jwt instanceof Jwt)) {
            throw new IllegalStateException("No JWT was verified for this request: guard its path in JwtFilter or call ServletJwt.verify first");
        }
        return (Jwt) jwt;
    }

    /** {@code get_jwt()}: the claims ({@code {}} without a token). */
    public static Map<String, Object> claims(ServletRequest request) {
        return jwt(request).claims();
    }

    /** {@code get_jwt_identity()}: the identity as a string, or null without a token. */
    public static String identity(ServletRequest request) {
        return jwt(request).identityAsString();
    }

    // ---- cookies ----

    /** {@code set_access_cookies}: the access cookie and its CSRF cookie. */
    public static void setAccessCookies(HttpServletRequest request, HttpServletResponse response, String accessToken) {
        addAll(response, manager(request).accessCookies(accessToken));
    }

    /** {@code set_access_cookies(response, token, max_age, domain)}. */
    public static void setAccessCookies(HttpServletRequest request, HttpServletResponse response, String accessToken,
                                        Long maxAgeSeconds, String domain) {
        addAll(response, manager(request).accessCookies(accessToken, maxAgeSeconds, domain));
    }

    /** {@code set_refresh_cookies}: the refresh cookie and its CSRF cookie. */
    public static void setRefreshCookies(HttpServletRequest request, HttpServletResponse response, String refreshToken) {
        addAll(response, manager(request).refreshCookies(refreshToken));
    }

    /** {@code set_refresh_cookies(response, token, max_age, domain)}. */
    public static void setRefreshCookies(HttpServletRequest request, HttpServletResponse response, String refreshToken,
                                         Long maxAgeSeconds, String domain) {
        addAll(response, manager(request).refreshCookies(refreshToken, maxAgeSeconds, domain));
    }

    /** {@code unset_jwt_cookies}: clears all four cookies. */
    public static void unsetJwtCookies(HttpServletRequest request, HttpServletResponse response) {
        addAll(response, manager(request).unsetJwtCookies());
    }

    /** {@code unset_access_cookies}. */
    public static void unsetAccessCookies(HttpServletRequest request, HttpServletResponse response) {
        addAll(response, manager(request).unsetAccessCookies());
    }

    /** {@code unset_refresh_cookies}. */
    public static void unsetRefreshCookies(HttpServletRequest request, HttpServletResponse response) {
        addAll(response, manager(request).unsetRefreshCookies());
    }

    /**
     * Logout for browsers: revokes the refresh token in the request's refresh cookie, if it holds a
     * valid one, so that the cookie is dead even if the browser keeps it; see
     * {@link JwtManager#revokeRefreshCookie}. Call it at logout, after the guard verified the access
     * token and that one was revoked. Returns whether a token was revoked; a store that cannot
     * record it throws {@link StoreUnavailableException}, answered 503 by the filter.
     */
    public static boolean revokeRefreshCookie(HttpServletRequest request) {
        return manager(request).revokeRefreshCookie(new ServletJwtRequest(request));
    }

    /**
     * Adds each cookie as a {@code Set-Cookie} line written by {@link SetCookie#toHeaderValue()}
     * (Werkzeug's attribute order), never through the container's own cookie writer.
     */
    public static void addAll(HttpServletResponse response, List<SetCookie> cookies) {
        for (SetCookie c : cookies) {
            response.addHeader("Set-Cookie", c.toHeaderValue());
        }
    }

    // ---- failures ----

    /**
     * Answers {@code error} with the manager's error response as every adapter writes it
     * ({@link ErrorAnswer}): its status, its headers, and its body as compact JSON with
     * {@code Content-Type: application/json}, byte for byte what the Javalin plugin sends. A body
     * already buffered is discarded; headers already set are kept, as in the Javalin plugin.
     */
    public static void respond(JwtManager manager, HttpServletRequest request, HttpServletResponse response, JwtException error)
            throws IOException {
        ErrorAnswer answer = ErrorAnswer.of(manager, error, request.getMethod(), request.getRequestURI());
        byte[] body = answer.body();
        response.resetBuffer();
        response.setStatus(answer.status());
        answer.headers().forEach(response::setHeader);
        response.setContentType(ErrorAnswer.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
