package io.github.jwtextended.example.http;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.error.UserLookupException;
import io.github.jwtextended.example.health.Readiness;
import io.github.jwtextended.example.login.LoginBody;
import io.github.jwtextended.example.login.LoginChecks;
import io.github.jwtextended.example.login.LoginRequest;
import io.github.jwtextended.example.login.LoginOriginCheck;
import io.github.jwtextended.example.login.LoginThrottle;
import io.github.jwtextended.example.login.LoginTokens;
import io.github.jwtextended.example.request.BodyLimit;
import io.github.jwtextended.example.session.SessionEndpoints;
import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.example.storage.User;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.extract.RefusedBodies;
import io.github.jwtextended.javalin.JavalinJwt;
import io.github.jwtextended.javalin.JwtGuard;
import io.github.jwtextended.log.LogText;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The example's endpoints: {@code /login}, {@code /protected}, {@code /fresh}, {@code /optional},
 * {@code /admin}, {@code /refresh}, {@code /logout}, {@code /logout-all}, {@code /sessions} (list, and
 * {@code DELETE /sessions/{id}}: {@link SessionEndpoints}), {@code /logout-others}, {@code /ping}, {@code /healthz} ({@code /healthz/live}, {@code /healthz/ready}: {@link Readiness}), and the JSON
 * answers to every failure ({@code {"msg": "..."}}): the plugin answers token failures; this class
 * answers bad requests (4xx; a body over {@link #MAX_BODY_BYTES} 413 on every route), a database
 * outage (503), unknown paths (404), wrong methods (405) and, as a last resort, anything unexpected
 * (500 without details). {@code /login} refuses cross-site requests (403, {@link LoginOriginCheck})
 * and too many failures (429, {@link LoginThrottle}). Every answer that sets a token cookie is
 * marked {@code Cache-Control: no-store}.
 *
 * <p>Thread safety: thread safe (its parts are).
 */
public final class AuthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);
    /** Set on a request a handler answered with its own message (an {@link ApiException}). */
    private static final String ANSWERED = "jwt-example.answered";

    private final JwtManager jwt;
    private final UserStore users;
    private final LoginChecks login;
    private final Readiness readiness;
    private final boolean rotation;
    private final boolean refreshTokenInBody;
    private final SessionEndpoints sessions;

    /**
     * The routes of {@code jwt}'s server: {@code /login} runs {@code login} (its defences and
     * counting: the cross-site check, the body, the brute-force limit and the password),
     * {@code /healthz} asks {@code readiness}; {@code rotation} is whether {@code /refresh} rotates
     * the refresh token (a new one with every access token; reuse of a rotated one revokes its
     * family); {@code refreshTokenInBody} is {@code REFRESH_TOKEN_IN_BODY} ({@link LoginTokens#refreshTokenInBody}).
     */
    public AuthRoutes(JwtManager jwt, UserStore users, Readiness readiness, boolean rotation, LoginChecks login,
                      boolean refreshTokenInBody) {
        this.jwt = jwt;
        this.users = users;
        this.readiness = java.util.Objects.requireNonNull(readiness, "readiness");
        this.rotation = rotation;
        this.login = java.util.Objects.requireNonNull(login, "login");
        this.refreshTokenInBody = LoginTokens.refreshTokenInBody(refreshTokenInBody, jwt.config().tokenLocations());
        this.sessions = new SessionEndpoints(jwt, rotation);
    }

    /** Declares the routes and failure answers on a Javalin configuration (the JwtPlugin must be registered too). */
    public void register(JavalinConfig cfg) {
        cfg.routes.before(AuthRoutes::limitBody);
        cfg.routes.after(this::noStoreWithTokenCookies);
        cfg.routes.post("/login", this::login);
        cfg.routes.get("/protected", this::whoAmI, JwtGuard.required());
        cfg.routes.post("/protected", this::whoAmI, JwtGuard.required());
        cfg.routes.get("/fresh", this::whoAmI, JwtGuard.of(Guard.required().fresh(true)));
        cfg.routes.get("/optional", this::whoAmI, JwtGuard.of(Guard.required().optional(true)));
        cfg.routes.get("/admin", this::admin, JwtGuard.required());
        cfg.routes.post("/refresh", this::refresh, JwtGuard.of(Guard.required().refresh(true)));
        cfg.routes.post("/logout", this::logout, JwtGuard.of(Guard.required().verifyType(false)));
        cfg.routes.post("/logout-all", this::logoutAll, JwtGuard.of(Guard.required().verifyType(false)));
        cfg.routes.get("/sessions", this::listSessions, JwtGuard.required());
        cfg.routes.delete("/sessions/{id}", this::endSession, JwtGuard.required());
        cfg.routes.post("/logout-others", this::logoutOthers, JwtGuard.required());
        cfg.routes.get("/ping", ctx -> ctx.json(Map.of("status", "ok")));
        cfg.routes.get("/healthz", this::ready); // as before: readiness
        cfg.routes.get("/healthz/ready", this::ready);
        cfg.routes.get("/healthz/live", ctx -> ctx.json(Readiness.LIVE));

        cfg.routes.exception(ApiException.class, (e, ctx) -> {
            ctx.attribute(ANSWERED, Boolean.TRUE); // a handler's own 404 keeps its message
            message(ctx, e.status(), e.getMessage());
        });
        cfg.routes.exception(StorageException.class, (e, ctx) -> {
            LOG.warn("database unavailable on {} {}: {}", ctx.method(), LogText.escape(ctx.path()), e.getMessage());
            message(ctx, 503, "Service temporarily unavailable");
        });
        cfg.routes.exception(HttpResponseException.class, (e, ctx) -> message(ctx, e.getStatus(), reason(e.getStatus())));
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            String id = UUID.randomUUID().toString().substring(0, 8);
            // No exception name or stack trace at the default level; with this logger at DEBUG the
            // exception follows under the same id (for a developer, never on by default).
            LOG.error("internal error {} on {} {}", id, ctx.method(), LogText.escape(ctx.path()));
            LOG.debug("internal error " + id, e);
            message(ctx, 500, "Internal server error");
        });
        cfg.routes.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                message(ctx, 404, "Not Found");
            }
        });
        cfg.routes.error(405, ctx -> message(ctx, 405, "Method Not Allowed"));
    }

    private static String reason(int status) {
        HttpStatus s = HttpStatus.forStatus(status);
        return s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
    }

    /** The most bytes of a request body any route reads (Javalin's {@code maxRequestSize} too). */
    public static final int MAX_BODY_BYTES = BodyLimit.MAX_BYTES;

    /**
     * Refuses a body over {@link #MAX_BODY_BYTES} on every route, known or not, guarded or not,
     * before anything else runs: by its {@code Content-Length}, or for a chunked body by reading
     * it. Every body is read here (at most that many bytes, kept for the handler), so that a body
     * that cannot be read (malformed chunked encoding, a client that sends less than it declared)
     * is a 400, never a failure inside a handler.
     */
    static void limitBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            RefusedBodies.discard(() -> ctx.req().getInputStream(), declared);
            throw new ApiException(413, BodyLimit.MESSAGE);
        }
        if (declared > 0 || (declared < 0 && ctx.header("Transfer-Encoding") != null)) {
            try {
                ctx.bodyAsBytes(); // Javalin stops at maxRequestSize with 413
            } catch (HttpResponseException e) {
                if (e.getStatus() == 413) {
                    throw new ApiException(413, BodyLimit.MESSAGE);
                }
                throw new ApiException(400, BodyLimit.UNREADABLE_MESSAGE);
            } catch (Exception e) { // Jetty's I/O failure arrives unchecked through Kotlin
                throw new ApiException(400, BodyLimit.UNREADABLE_MESSAGE);
            }
        }
    }

    /**
     * Every answer that sets a token cookie (login, refresh, and the plugin's implicit refresh)
     * must not be cached: {@code Cache-Control: no-store}. Runs after every other handler.
     */
    private void noStoreWithTokenCookies(Context ctx) {
        java.util.Collection<String> cookies = ctx.res().getHeaders("Set-Cookie");
        if (cookies == null) {
            return;
        }
        String access = jwt.config().access().cookieName() + "=";
        String refresh = jwt.config().refresh().cookieName() + "=";
        for (String c : cookies) {
            boolean token = (c.startsWith(access) && !c.startsWith(access + ";")) || (c.startsWith(refresh) && !c.startsWith(refresh + ";"));
            if (token) {
                noStore(ctx);
                return;
            }
        }
    }

    static void message(Context ctx, int status, String msg) {
        ctx.status(status).json(Map.of("msg", msg));
    }

    // ---- handlers ----------------------------------------------------------------------------

    void login(Context ctx) {
        LoginRequest request = new LoginRequest(ctx.req()::getHeader, ctx.req()::getHeaders, ctx.req().getRemoteAddr(),
                () -> loginBody(ctx));
        User user;
        try {
            user = login.authenticate(request); // 403 cross-site, 4xx body, 429 over the limit, 401
        } catch (LoginThrottle.TooManyAttempts e) {
            ctx.header("Retry-After", Long.toString(e.retryAfter()));
            throw new ApiException(429, e.getMessage());
        } catch (LoginBody.Refused e) {
            throw new ApiException(e.status(), e.getMessage());
        }
        String name = user.username();
        ctx.attribute(RequestLog.IDENTITY, name);
        login.passwordLogin().deviceCookie(name).ifPresent(c -> ctx.res().addHeader("Set-Cookie", c));
        answer(ctx, LoginTokens.issue(jwt, name, rotation, login.client(request)));
    }

    /**
     * The login body as sent (Jetty's parsed form would throw on {@code charset=utf-7}), read by
     * {@link #limitBody} already; one declared over {@link LoginBody#MAX_BODY_BYTES} is refused unread.
     */
    private static byte[] loginBody(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > LoginBody.MAX_BODY_BYTES) {
            RefusedBodies.discard(() -> ctx.req().getInputStream(), declared);
            throw LoginBody.tooLarge();
        }
        return ctx.bodyAsBytes();
    }

    void whoAmI(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("logged_in_as", JavalinJwt.identity(ctx));
        ctx.json(body);
    }

    void admin(Context ctx) {
        Object roles = JavalinJwt.claims(ctx).get("roles");
        if (!(roles instanceof List) || !((List<?>) roles).contains("admin")) {
            throw new ApiException(403, "Admins only!");
        }
        whoAmI(ctx);
    }

    void refresh(Context ctx) {
        // A removed user: UserLookupException; a reused rotated token: RevokedTokenException -> 401.
        answer(ctx, LoginTokens.refresh(jwt, users, JavalinJwt.jwt(ctx), rotation));
    }

    /** New tokens: not to be cached, in cookies when the configuration uses them, and in the body (the refresh token as set). */
    private void answer(Context ctx, LoginTokens tokens) {
        noStore(ctx);
        if (usesCookies()) {
            JavalinJwt.setAccessCookies(ctx, tokens.accessToken());
            if (tokens.refreshToken() != null) {
                JavalinJwt.setRefreshCookies(ctx, tokens.refreshToken());
            }
        }
        ctx.json(tokens.body(refreshTokenInBody));
    }

    /**
     * Ends the caller's session: the presented token and its whole refresh-token family (every
     * token carrying its {@code fam}, access tokens included), and the refresh cookie's token.
     */
    void logout(Context ctx) {
        Jwt presented = JavalinJwt.jwt(ctx);
        jwt.revoke(presented); // StoreUnavailableException -> 503: never claim success without the record
        jwt.revokeFamily(presented); // the session: a copied access cookie is no longer renewed either
        if (usesCookies()) {
            JavalinJwt.revokeRefreshCookie(ctx); // a cookie holding no token of ours is left alone; 503 likewise
            JavalinJwt.unsetJwtCookies(ctx);
        }
        ctx.json(Map.of("msg", "logout successful"));
    }

    /**
     * Log out everywhere: revokes every token of the caller issued up to now, on every instance
     * (any token type is accepted, as for {@code /logout}); 503 without claiming success when the
     * store cannot record it.
     */
    void logoutAll(Context ctx) {
        Jwt presented = JavalinJwt.jwt(ctx);
        jwt.revokeAllFor(presented.identity()); // StoreUnavailableException -> 503
        if (usesCookies()) {
            JavalinJwt.unsetJwtCookies(ctx);
        }
        ctx.json(Map.of("msg", "logged out everywhere"));
    }

    void listSessions(Context ctx) {
        requireSessions();
        ctx.json(sessions.list(JavalinJwt.jwt(ctx)));
    }

    /** Ends one of the caller's sessions; its own logs it out (cookies cleared); another user's id is 404 like an unknown one. */
    void endSession(Context ctx) {
        requireSessions();
        SessionEndpoints.Ended ended = sessions.end(JavalinJwt.jwt(ctx), ctx.pathParam("id"));
        if (ended == SessionEndpoints.Ended.NOT_FOUND) {
            throw new ApiException(404, SessionEndpoints.NOT_FOUND);
        }
        if (ended == SessionEndpoints.Ended.CURRENT && usesCookies()) {
            JavalinJwt.unsetJwtCookies(ctx);
        }
        ctx.json(Map.of("msg", SessionEndpoints.ENDED));
    }

    void logoutOthers(Context ctx) {
        requireSessions();
        ctx.json(sessions.endOthers(JavalinJwt.jwt(ctx)));
    }

    private void requireSessions() {
        if (!sessions.enabled()) {
            throw new ApiException(404, SessionEndpoints.ROTATION_OFF);
        }
    }

    /** Readiness: 200 or 503 with the database's and the revocation store's state ({@link Readiness}). */
    void ready(Context ctx) {
        Readiness.Report r = readiness.check();
        ctx.status(r.status()).json(r.body());
    }

    /** The message of a 429 from the login limit; the same whichever limit was reached. */
    public static final String TOO_MANY_ATTEMPTS = LoginThrottle.MESSAGE;

    private boolean usesCookies() {
        return jwt.config().tokenLocations().contains(TokenLocation.COOKIES);
    }

    private static void noStore(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.header("Pragma", "no-cache");
    }
}
