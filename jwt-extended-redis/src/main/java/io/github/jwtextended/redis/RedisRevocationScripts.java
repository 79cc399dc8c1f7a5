package io.github.jwtextended.redis;

/**
 * The Lua scripts of a {@link RedisRevocationStore}'s revocation writes. Each is one script so that
 * reading the current value, keeping the later of the two and publishing the result on the store's
 * channel (to the near caches) happen as one step in Redis: of concurrent writes to one key, none
 * can shorten another, and every write that changed a key is announced. The scripts of refresh-token
 * rotation and session records are in {@link RedisRefreshFamilies}, those of the epoch in
 * {@link RedisEpoch}.
 *
 * <p>Thread safety: thread safe; constants only.
 */
final class RedisRevocationScripts {
    /**
     * Sets the jti key unless a later (or endless) one is there, then publishes it. KEYS: the
     * revoked key. ARGV: expiry (ms or inf), ttl (ms), channel, jti. Publishes {@code r <expiry> <jti>}.
     */
    static final String REVOKE = String.join("\n",
            "local cur = redis.call('GET', KEYS[1])",
            "if cur and (cur == 'inf' or (ARGV[1] ~= 'inf' and tonumber(cur) >= tonumber(ARGV[1]))) then return 0 end",
            "if ARGV[1] == 'inf' then redis.call('SET', KEYS[1], 'inf')",
            "else redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end",
            "redis.call('PUBLISH', ARGV[3], 'r ' .. ARGV[1] .. ' ' .. ARGV[4])",
            "return 1");

    /**
     * Sets the identity key to the later not-before and the later keep-until, then publishes it.
     * KEYS: the identity's not-before key (value {@code <nbf>:<keep-until>}). ARGV: not-before (ms),
     * keep-until (ms or inf), ttl (ms), channel, identity. Publishes {@code n <nbf> <keep-until> <identity>}.
     */
    static final String REVOKE_ALL = String.join("\n",
            "local nbf = ARGV[1]",
            "local keep = ARGV[2]",
            "local ttl = ARGV[3]",
            "local cur = redis.call('GET', KEYS[1])",
            "if cur then",
            "  local sep = string.find(cur, ':', 1, true)",
            "  local cnbf = string.sub(cur, 1, sep - 1)",
            "  local ckeep = string.sub(cur, sep + 1)",
            "  if tonumber(cnbf) > tonumber(nbf) then nbf = cnbf end",
            "  if ckeep == 'inf' or keep == 'inf' then keep = 'inf'",
            "  elseif tonumber(ckeep) > tonumber(keep) then keep = ckeep; ttl = tostring(redis.call('PTTL', KEYS[1])) end",
            "end",
            "if keep == 'inf' then redis.call('SET', KEYS[1], nbf .. ':inf')",
            "else redis.call('SET', KEYS[1], nbf .. ':' .. keep, 'PX', ttl) end",
            "redis.call('PUBLISH', ARGV[4], 'n ' .. nbf .. ' ' .. keep .. ' ' .. ARGV[5])",
            "return 1");

    /**
     * Drops the family's client description (KEYS[2], its state hash), then sets its revoked key
     * (KEYS[1]) unless a later (or endless) one is there, and publishes it: {@link #REVOKE} with
     * the family in place of the jti. ARGV: expiry (ms or inf), ttl (ms), channel, family.
     * Publishes {@code f <expiry> <family>}.
     */
    static final String REVOKE_FAMILY = "redis.call('HDEL', KEYS[2], 'client')\n" + REVOKE.replace("'r '", "'f '");

    private RedisRevocationScripts() {
    }
}
