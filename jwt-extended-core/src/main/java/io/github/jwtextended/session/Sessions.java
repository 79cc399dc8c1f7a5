package io.github.jwtextended.session;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.RevocationKind;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.revocation.RevocationRetention;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.SessionRecords;
import io.github.jwtextended.revocation.SessionRecords.SessionRecord;
import io.github.jwtextended.token.Jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * <b>Sessions a user can see and end.</b> Under refresh-token rotation a login's family is a
 * session; a store with {@linkplain RevocationStore#sessions() session records} keeps, per family,
 * whose it is, when it began, when it was last refreshed and the client description given at login
 * ({@link RefreshRotator#login(Object, io.github.jwtextended.token.TokenOptions, String)}). This
 * lists an identity's sessions, ends one of them (only the identity's own: another identity's id
 * answers as an unknown one does) and ends all but the current one. Ending a session revokes its
 * family: every token carrying its {@code fam} claim, access tokens included unless they were left
 * out of families. Identities are compared as strings, as the revocation checks do.
 *
 * <p>Every call goes to the store and fails with {@link StoreUnavailableException} (503) when it
 * cannot answer; without session records ({@link #available()} false) every call is refused with
 * {@link IllegalStateException}.
 *
 * <p>Thread safety: immutable and thread safe if the store is.
 */
public final class Sessions {
    private final SessionRecords records;
    /** How long a revoked family is kept revoked: the refresh lifetime plus leeway (null: forever). */
    private final RevocationRetention retention;

    private final JwtEvents events;

    /** Sessions in {@code records} (null: the store keeps none). */
    public Sessions(JwtConfig config, Clock clock, SessionRecords records) {
        this(config, clock, records, JwtEvents.NONE);
    }

    /** Sessions in {@code records}, each ended one reported to {@code events} as a family revocation. */
    public Sessions(JwtConfig config, Clock clock, SessionRecords records, JwtEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.records = records;
        this.retention = new RevocationRetention(config, clock);
    }

    /** Whether the store keeps session records. */
    public boolean available() {
        return records != null;
    }

    /** The sessions of {@code current}'s identity, the most recently refreshed first, {@code current}'s own marked. */
    public List<Session> list(Jwt current) {
        Objects.requireNonNull(current, "current");
        return list(identity(current), current.family());
    }

    /** The sessions of {@code identity} (compared as a string), the most recently refreshed first, none marked current. */
    public List<Session> list(Object identity) {
        return list(String.valueOf(Objects.requireNonNull(identity, "identity")), null);
    }

    /**
     * Ends the session {@code id} of {@code current}'s identity; false when it is not one of its
     * live sessions (unknown, ended, or another identity's: the same answer, so that an id says
     * nothing about whose it is). Ending the current session is allowed.
     */
    public boolean revoke(Jwt current, String id) {
        Objects.requireNonNull(current, "current");
        return revoke(identity(current), id);
    }

    /** Ends the session {@code id} of {@code identity} (compared as a string); false when it is not one of its live sessions. */
    public boolean revoke(Object identity, String id) {
        SessionRecords r = require();
        String who = String.valueOf(Objects.requireNonNull(identity, "identity"));
        if (id == null || id.isEmpty()) {
            return false;
        }
        Instant keep = retention.familyRevokedNow();
        return reported(StoreUnavailableException.failClosed(() -> r.revoke(who, id, keep)) ? 1 : 0) == 1;
    }

    /** Ends every session of {@code current}'s identity but {@code current}'s own; returns how many were ended. */
    public int revokeOthers(Jwt current) {
        Objects.requireNonNull(current, "current");
        SessionRecords r = require();
        String who = identity(current);
        Instant keep = retention.familyRevokedNow();
        return reported(StoreUnavailableException.failClosed(() -> r.revokeAllExcept(who, current.family(), keep)));
    }

    /** Ends every session of {@code identity} (compared as a string); returns how many were ended. */
    public int revokeAll(Object identity) {
        SessionRecords r = require();
        String who = String.valueOf(Objects.requireNonNull(identity, "identity"));
        Instant keep = retention.familyRevokedNow();
        return reported(StoreUnavailableException.failClosed(() -> r.revokeAllExcept(who, null, keep)));
    }

    /** Reports {@code ended} sessions as family revocations (after the store wrote them); returns it. */
    private int reported(int ended) {
        for (int i = 0; i < ended; i++) {
            events.revocation(RevocationKind.FAMILY);
        }
        return ended;
    }

    /**
     * A client description as a session record keeps it: control characters replaced by a space,
     * surrounding blanks trimmed, cut to {@link SessionRecords#MAX_CLIENT_LENGTH} characters (never
     * inside a surrogate pair); null or blank gives null. The application decides what it says
     * (say, browser and OS family and a network prefix of the address); never put a token or a raw
     * request header in it.
     */
    public static String clientDescription(String description) {
        if (description == null) {
            return null;
        }
        String t = description.replaceAll("\\p{Cntrl}", " ").strip();
        if (t.length() > SessionRecords.MAX_CLIENT_LENGTH) {
            int end = SessionRecords.MAX_CLIENT_LENGTH;
            if (Character.isHighSurrogate(t.charAt(end - 1))) {
                end--;
            }
            t = t.substring(0, end).strip();
        }
        return t.isEmpty() ? null : t;
    }

    /** Records the session a login's refresh token {@code first} begins, kept until {@code keepUntil}. */
    void start(Jwt first, Instant keepUntil, String client) {
        SessionRecords r = require();
        String description = clientDescription(client);
        StoreUnavailableException.failClosed(() -> r.start(first.family(), first.identityAsString(), first.jti(), description, keepUntil));
    }

    private List<Session> list(String identity, String currentFamily) {
        SessionRecords r = require();
        List<SessionRecord> found = StoreUnavailableException.failClosed(() -> r.list(identity));
        return found.stream()
                .map(s -> new Session(s.family(), s.createdAt(), s.lastUsedAt(), s.client(), s.family().equals(currentFamily)))
                .toList();
    }

    private static String identity(Jwt token) {
        if (!token.isPresent() || token.identityAsString() == null) {
            throw new IllegalArgumentException("a verified token with an identity is needed");
        }
        return token.identityAsString();
    }

    private SessionRecords require() {
        if (records == null) {
            throw new IllegalStateException("sessions need a revocation store that keeps session records (RevocationStore.sessions())");
        }
        return records;
    }
}
