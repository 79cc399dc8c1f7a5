package io.github.jwtextended.example.session;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.session.Session;
import io.github.jwtextended.token.Jwt;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What {@code GET /sessions}, {@code DELETE /sessions/{id}} and {@code POST /logout-others} do and
 * answer, as both example servers run them, for the caller's verified access token: a session is a
 * refresh-token family ({@link JwtManager#sessions()}), recorded at login when refresh-token
 * rotation is on. A session is listed as {@code {"id", "current", "created_at", "last_used_at",
 * "client"}}, the instants as ISO-8601 UTC text to the second ({@code 2026-12-03T08:31:54Z}).
 * Another user's session id and an unknown one get the same answer ({@link Ended#NOT_FOUND}): an id
 * tells nothing about whose it is. With rotation off there are no sessions to show
 * ({@link #enabled()} false): the servers answer 404 {@link #ROTATION_OFF}.
 *
 * <p>Thread safety: immutable; thread safe as the manager is.
 */
public final class SessionEndpoints {
    /** The message of a session id that is not one of the caller's live sessions. */
    public static final String NOT_FOUND = "Session not found";
    /** The message of the session endpoints when refresh-token rotation is off. */
    public static final String ROTATION_OFF = "Sessions need refresh-token rotation (REFRESH_TOKEN_ROTATION=true)";
    /** The message of a session ended by {@code DELETE /sessions/{id}}. */
    public static final String ENDED = "session ended";

    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final JwtManager jwt;
    private final boolean rotation;

    /** Sessions of {@code jwt}'s store, shown when {@code rotation} ({@code REFRESH_TOKEN_ROTATION}) is on. */
    public SessionEndpoints(JwtManager jwt, boolean rotation) {
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.rotation = rotation;
    }

    /** Whether there are sessions to show: rotation on and a store that keeps session records. */
    public boolean enabled() {
        return rotation && jwt.sessions().available();
    }

    /** How a {@link #end} went. */
    public enum Ended {
        /** The caller's own session, the one its token belongs to: the caller is logged out too. */
        CURRENT,
        /** Another session of the caller. */
        OTHER,
        /** Not one of the caller's live sessions (unknown, ended, or another user's): 404. */
        NOT_FOUND
    }

    /** {@code GET /sessions}: the caller's live sessions, the most recently refreshed first, its own marked current. */
    public List<Map<String, Object>> list(Jwt caller) {
        return jwt.sessions().list(caller).stream().map(SessionEndpoints::json).toList();
    }

    /** {@code DELETE /sessions/{id}}: ends the caller's session {@code id}. */
    public Ended end(Jwt caller, String id) {
        // Ids are family ids (base64url, or a token id): anything else is no session, unasked of the store.
        if (id == null || !SESSION_ID.matcher(id).matches() || !jwt.sessions().revoke(caller, id)) {
            return Ended.NOT_FOUND;
        }
        return id.equals(caller.family()) ? Ended.CURRENT : Ended.OTHER;
    }

    /** {@code POST /logout-others}: ends every session of the caller but the current one; the answer's JSON. */
    public Map<String, Object> endOthers(Jwt caller) {
        int ended = jwt.sessions().revokeOthers(caller);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg", "other sessions ended");
        body.put("ended", ended);
        return body;
    }

    /** One session as the endpoints show it. */
    public static Map<String, Object> json(Session s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("current", s.current());
        out.put("created_at", iso(s.createdAt()));
        out.put("last_used_at", iso(s.lastUsedAt()));
        out.put("client", s.client());
        return out;
    }

    /** An instant as ISO-8601 UTC text to the second. */
    public static String iso(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
