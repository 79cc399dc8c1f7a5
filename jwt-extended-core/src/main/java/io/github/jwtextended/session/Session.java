package io.github.jwtextended.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One session of an identity, as a user may see it: a refresh-token family ({@code id} is its
 * {@code fam} claim), when it began (the login), when it was last refreshed, the client
 * description given at login (null: none), and whether it is the session of the token the listing
 * was asked with.
 *
 * <p>Thread safety: immutable.
 */
public record Session(String id, Instant createdAt, Instant lastUsedAt, String client, boolean current) {
    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
    }
}
