package io.github.jwtextended.revocation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A store's session records, the capability {@link RevocationStore#sessions()} gives when the store
 * keeps them: a refresh-token family is a session, and its record says whose it is, when it started
 * (the login), when it was last refreshed (its latest rotation) and a short client description the
 * application gave at login. The record is the family's own (see {@link RefreshRotation}): it lives
 * exactly as long as the family's record, and the description is dropped when the family is revoked.
 *
 * <p>What a record holds is only what is given here: never a token, never a raw request header.
 * The client description is at most {@value #MAX_CLIENT_LENGTH} characters (longer is refused).
 *
 * <p>Contract for implementations (checked by the core's test-jar {@code SessionRecordsContract}):
 * <ul>
 *   <li>{@link #start} writes a family record whose current refresh token is the login's, so its
 *       first rotation is an ordinary one;</li>
 *   <li>{@link #list} gives an identity's live sessions only: neither revoked nor past their
 *       {@code keepUntil}, and never another identity's;</li>
 *   <li>{@link #revoke} revokes a family only when it is a live session of the identity named, as
 *       {@link RefreshRotation#revokeFamily} does, atomically: a family of another identity (or an
 *       unknown or ended one) is left as it is and answers false, the same answer in every case;</li>
 *   <li>an outage is a {@link RevocationStoreException}.</li>
 * </ul>
 * Identities are compared as strings (the identity claim's value, as {@link RevocationCheck} does).
 * Implementations must be thread safe.
 */
public interface SessionRecords {
    /** The longest client description a record keeps. */
    int MAX_CLIENT_LENGTH = 200;
    /** The order of {@link #list}: the most recently refreshed first, then by family. */
    Comparator<SessionRecord> MOST_RECENT_FIRST =
            Comparator.comparing(SessionRecord::lastUsedAt).reversed().thenComparing(SessionRecord::family);

    /**
     * Records a login: {@code family} begins now with {@code firstJti} as its current refresh token,
     * belongs to {@code identity}, and is described by {@code client} (null: none). The record is
     * kept until {@code keepUntil} (null: forever), extended by each rotation.
     */
    void start(String family, String identity, String firstJti, String client, Instant keepUntil);

    /** {@code identity}'s live sessions, the most recently refreshed first. */
    List<SessionRecord> list(String identity);

    /**
     * Revokes {@code family} until {@code keepUntil} (null: forever; never shortened) when it is a
     * live session of {@code identity}; false, changing nothing, otherwise.
     */
    boolean revoke(String identity, String family, Instant keepUntil);

    /** Revokes every live session of {@code identity} but {@code except} (null: every one); returns how many. */
    default int revokeAllExcept(String identity, String except, Instant keepUntil) {
        int revoked = 0;
        for (SessionRecord s : list(identity)) {
            if (!s.family().equals(except) && revoke(identity, s.family(), keepUntil)) {
                revoked++;
            }
        }
        return revoked;
    }

    /**
     * Checks the arguments of {@link #start}: family, identity and first {@code jti} present, the
     * client description null or at most {@link #MAX_CLIENT_LENGTH} characters.
     */
    static void checkStart(String family, String identity, String firstJti, String client) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(firstJti, "firstJti");
        if (client != null && client.length() > MAX_CLIENT_LENGTH) {
            throw new IllegalArgumentException("a client description has at most " + MAX_CLIENT_LENGTH + " characters");
        }
    }

    /**
     * One session as the store keeps it: its family, when it began, when it was last refreshed (its
     * start until the first rotation) and its client description (null: none).
     */
    record SessionRecord(String family, Instant createdAt, Instant lastUsedAt, String client) {
        public SessionRecord {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        }
    }
}
