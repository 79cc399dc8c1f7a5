package io.github.jwtextended.redis.readme;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.token.Jwt;

/** The manager and its Redis store: made once at startup, closed at shutdown. */
public final class RedisRevocations implements AutoCloseable {
    private final RedisRevocationStore store;
    private final JwtManager jwt;

    public RedisRevocations(JwtConfig config, String redisUrl) {   // e.g. redis://:password@redis.internal:6379/0
        store = RedisRevocationStore.builder(redisUrl)
                .nearCache(true)                    // optional, see below
                .build();                           // RevocationStoreException when Redis is unreachable
        jwt = JwtManager.builder(config).revocationStore(store).build();
    }

    public JwtManager jwt() {
        return jwt;
    }

    public void logout(Jwt token) {
        jwt.revoke(token);                          // one token, on every instance sharing this Redis
    }

    public void logoutEverywhere(String identity) {
        jwt.revokeAllFor(identity);                 // every token of that identity issued up to now
    }

    @Override
    public void close() {
        store.close();                              // at shutdown
    }
}
