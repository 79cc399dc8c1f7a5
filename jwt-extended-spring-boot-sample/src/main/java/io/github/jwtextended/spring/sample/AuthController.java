package io.github.jwtextended.spring.sample;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.example.health.Readiness;
import io.github.jwtextended.example.login.LoginBody;
import io.github.jwtextended.example.login.LoginChecks;
import io.github.jwtextended.example.login.LoginRequest;
import io.github.jwtextended.example.login.LoginThrottle;
import io.github.jwtextended.example.login.LoginTokens;
import io.github.jwtextended.example.request.BodyLimit;
import io.github.jwtextended.example.session.SessionEndpoints;
import io.github.jwtextended.example.settings.CommonSettings;
import io.github.jwtextended.example.storage.UserStore;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.spring.JwtIdentity;
import io.github.jwtextended.spring.security.JwtFresh;
import io.github.jwtextended.token.Jwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example server's endpoints on Spring MVC with the starter: {@code /login}, {@code /protected},
 * {@code /fresh}, {@code /optional}, {@code /admin}, {@code /refresh}, {@code /logout},
 * {@code /logout-all}, {@code /sessions} ({@code GET}, {@code DELETE /sessions/{id}}: {@link SessionEndpoints}),
 * {@code /logout-others}, {@code /ping}, {@code /healthz} ({@code /healthz/live}, {@code /healthz/ready}), answering as the Javalin example does
 * (same bodies, cookies and statuses; the shared {@code FlowContract} checks it). {@code /login}
 * refuses cross-site requests (403) and too many failures (429 with
 * {@code Retry-After}), by the example's own code ({@link LoginChecks}, which counts each login); answers with tokens are
 * {@code Cache-Control: no-store}. Token checks are Spring Security's
 * ({@link SecurityConfiguration}: every route needs an access token unless its rules say otherwise;
 * {@link JwtFresh} and {@link PreAuthorize} here); the values come from the starter's argument resolvers.
 *
 * <p>Thread safety: thread safe (its parts are).
 */
@RestController
public class AuthController {
    private final JwtManager jwt;
    private final UserStore users;
    private final LoginChecks login;
    private final Readiness readiness;
    private final boolean rotation;
    private final boolean refreshTokenInBody;
    private final SessionEndpoints sessions;

    public AuthController(JwtManager jwt, UserStore users, LoginChecks login, Readiness readiness, CommonSettings settings) {
        this.jwt = jwt;
        this.users = users;
        this.login = login;
        this.readiness = readiness;
        this.rotation = settings.rotation();
        this.refreshTokenInBody = LoginTokens.refreshTokenInBody(settings.refreshTokenInBody(), jwt.config().tokenLocations());
        this.sessions = new SessionEndpoints(jwt, rotation);
    }

    /** 403 cross-site, 4xx body, 429 over the limit ({@link LoginThrottle.TooManyAttempts}), 401: {@link LoginChecks}. */
    @PostMapping("/login")
    public Map<String, Object> login(HttpServletRequest request, HttpServletResponse response) {
        LoginRequest req = new LoginRequest(request::getHeader, request::getHeaders, request.getRemoteAddr(), () -> body(request));
        String name = login.authenticate(req).username();
        login.passwordLogin().deviceCookie(name).ifPresent(c -> response.addHeader("Set-Cookie", c));
        return answer(LoginTokens.issue(jwt, name, rotation, login.client(req)), request, response);
    }

    /** The login body as sent, at most {@link LoginBody#MAX_BODY_BYTES} + 1 bytes; one declared larger is refused unread. */
    private static byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > LoginBody.MAX_BODY_BYTES) {
            throw LoginBody.tooLarge();
        }
        try {
            return request.getInputStream().readNBytes(LoginBody.MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new LoginBody.Refused(400, BodyLimit.UNREADABLE_MESSAGE);
        }
    }

    @RequestMapping(path = "/protected", method = {RequestMethod.GET, RequestMethod.POST})
    public Map<String, Object> whoAmI(@JwtIdentity String identity) {
        return loggedInAs(identity);
    }

    @GetMapping("/fresh")
    @JwtFresh
    public Map<String, Object> fresh(@JwtIdentity String identity) {
        return loggedInAs(identity);
    }

    @GetMapping("/optional") // a token or none: SecurityConfiguration
    public Map<String, Object> optional(@JwtIdentity String identity) {
        return loggedInAs(identity);
    }

    /** Others: 403 {@code Admins only!} (the chain's access-denied answer). */
    @GetMapping("/admin")
    @PreAuthorize("hasRole('admin')")
    public Map<String, Object> admin(@JwtIdentity String identity) {
        return loggedInAs(identity);
    }

    @PostMapping("/refresh") // a refresh token: SecurityConfiguration
    public Map<String, Object> refresh(Jwt token, HttpServletRequest request, HttpServletResponse response) {
        // A removed user: UserLookupException; a reused rotated token: RevokedTokenException (401).
        return answer(LoginTokens.refresh(jwt, users, token, rotation), request, response);
    }

    /** New tokens: not to be cached, in cookies when the configuration uses them, and in the body (the refresh token as set). */
    private Map<String, Object> answer(LoginTokens tokens, HttpServletRequest request, HttpServletResponse response) {
        noStore(response);
        if (usesCookies()) {
            ServletJwt.setAccessCookies(request, response, tokens.accessToken());
            if (tokens.refreshToken() != null) {
                ServletJwt.setRefreshCookies(request, response, tokens.refreshToken());
            }
        }
        return tokens.body(refreshTokenInBody);
    }

    @PostMapping("/logout") // either token type: SecurityConfiguration
    public Map<String, Object> logout(Jwt presented, HttpServletRequest request, HttpServletResponse response) {
        jwt.revoke(presented); // StoreUnavailableException -> 503: never claim success without the record
        jwt.revokeFamily(presented); // the whole session: every token carrying its fam, access tokens included
        if (usesCookies()) {
            ServletJwt.revokeRefreshCookie(request); // a cookie holding no token of ours is left alone; 503 likewise
            ServletJwt.unsetJwtCookies(request, response);
        }
        return Map.of("msg", "logout successful");
    }

    /** Revokes every token of the caller issued up to now (any token type is accepted, as for {@code /logout}). */
    @PostMapping("/logout-all") // either token type: SecurityConfiguration
    public Map<String, Object> logoutAll(Jwt presented, HttpServletRequest request, HttpServletResponse response) {
        jwt.revokeAllFor(presented.identity()); // StoreUnavailableException -> 503
        if (usesCookies()) {
            ServletJwt.unsetJwtCookies(request, response);
        }
        return Map.of("msg", "logged out everywhere");
    }

    /** The caller's sessions (an access token, not necessarily fresh). */
    @GetMapping("/sessions")
    public List<Map<String, Object>> listSessions(Jwt caller) {
        requireSessions();
        return sessions.list(caller);
    }

    /** Ends one of the caller's sessions; its own logs it out (cookies cleared); another user's id is 404 like an unknown one. */
    @DeleteMapping("/sessions/{id}")
    public Map<String, Object> endSession(Jwt caller, @PathVariable("id") String id, HttpServletRequest request,
                                          HttpServletResponse response) {
        requireSessions();
        SessionEndpoints.Ended ended = sessions.end(caller, id);
        if (ended == SessionEndpoints.Ended.NOT_FOUND) {
            throw new LoginBody.Refused(404, SessionEndpoints.NOT_FOUND);
        }
        if (ended == SessionEndpoints.Ended.CURRENT && usesCookies()) {
            ServletJwt.unsetJwtCookies(request, response);
        }
        return Map.of("msg", SessionEndpoints.ENDED);
    }

    /** Ends every session of the caller but the current one. */
    @PostMapping("/logout-others")
    public Map<String, Object> logoutOthers(Jwt caller) {
        requireSessions();
        return sessions.endOthers(caller);
    }

    private void requireSessions() {
        if (!sessions.enabled()) {
            throw new LoginBody.Refused(404, SessionEndpoints.ROTATION_OFF);
        }
    }

    @GetMapping("/ping")
    public Map<String, Object> ping() {
        return Map.of("status", "ok");
    }

    /** Readiness, as {@code /healthz/ready} ({@link Readiness}). */
    @GetMapping({"/healthz", "/healthz/ready"})
    public ResponseEntity<Map<String, Object>> ready() {
        Readiness.Report r = readiness.check();
        return ResponseEntity.status(r.status()).body(r.body());
    }

    /** Liveness: 200 while the process serves, touching nothing. */
    @GetMapping("/healthz/live")
    public Map<String, Object> live() {
        return Readiness.LIVE;
    }

    private static Map<String, Object> loggedInAs(String identity) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logged_in_as", identity);
        return out;
    }

    private boolean usesCookies() {
        return jwt.config().tokenLocations().contains(TokenLocation.COOKIES);
    }

    private static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Pragma", "no-cache");
    }
}
