package io.github.jwtextended.example.settings;

/**
 * {@code REDIS_SENTINEL_PASSWORD}/{@code REDIS_SENTINEL_USERNAME}: what Redis Sentinels that ask a
 * password of their own ({@code requirepass}) are sent, for the Redis store's
 * {@code sentinelCredentials}; the {@code redis-sentinel://} URL's password is the data nodes'. A
 * secret: never shown ({@link #toString}); {@link #password} hands out a copy.
 *
 * <p>Thread safety: immutable.
 */
public final class SentinelCredentials {
    private final String user;
    private final char[] password;

    SentinelCredentials(String user, char[] password) {
        this.user = user;
        this.password = password.clone();
    }

    /** The Sentinels' ACL user, or null for their default user ({@code AUTH password}). */
    public String user() {
        return user;
    }

    /** A copy of the password. */
    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "SentinelCredentials[hidden]";
    }
}
