package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RefreshRotation.Outcome;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.revocation.SessionRecords;
import io.github.jwtextended.revocation.SessionRecords.SessionRecord;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The refresh-token families of a {@link RedisRevocationStore}: rotation by the compare-and-set
 * script, and the session records kept in the families' state hashes and in a set per identity
 * (keys, values and their lifetimes: see the store's class comment). Each operation is one Lua
 * script; a write that must be confirmed by replicas goes through the store's write connection
 * and its {@code WAIT}, a session listing through the checks' connection. A family's revocation is
 * the store's own write (also used to write back a near cache's revocations).
 *
 * <p>Thread safety: thread safe; no state of its own, every call goes through the store's shared
 * connections (Lettuce multiplexes), and each script is atomic in Redis.
 */
final class RedisRefreshFamilies implements RefreshRotation, SessionRecords {
    private static final String FOREVER = RedisRevocationStore.FOREVER;

    /**
     * A login's family and its session record. KEYS: state hash, the identity's session set. ARGV:
     * first jti, now (ms), keep-until (ms or inf), ttl (ms), identity, client ('' for none), family.
     */
    private static final String START_SCRIPT = String.join("\n",
            "if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end",
            "redis.call('HSET', KEYS[1], 'cur', ARGV[1], 'at', ARGV[2], 'since', ARGV[2], 'who', ARGV[5], 'keep', ARGV[3])",
            "if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'client', ARGV[6]) end",
            "if ARGV[3] ~= 'inf' then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end",
            "local existed = redis.call('EXISTS', KEYS[2])",
            "redis.call('SADD', KEYS[2], ARGV[7])",
            "local t = redis.call('PTTL', KEYS[2])",
            "if ARGV[3] == 'inf' then redis.call('PERSIST', KEYS[2])",
            "elseif existed == 0 or (t >= 0 and t < tonumber(ARGV[4])) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end",
            "return 1");

    /**
     * An identity's live sessions, dropping from its set the families that ended. KEYS: the
     * session set. ARGV: state hash prefix, revoked key prefix, now (ms). Answers (family, since,
     * at, client) for each.
     */
    private static final String LIST_SCRIPT = String.join("\n",
            "local out = {}",
            "for _, f in ipairs(redis.call('SMEMBERS', KEYS[1])) do",
            "  local h = ARGV[1] .. f",
            "  local keep = redis.call('HGET', h, 'keep')",
            "  if (not keep) or redis.call('EXISTS', ARGV[2] .. f) == 1 then",
            "    redis.call('SREM', KEYS[1], f)",
            "  elseif keep == 'inf' or tonumber(keep) > tonumber(ARGV[3]) then",
            "    local v = redis.call('HMGET', h, 'since', 'at', 'client')",
            "    table.insert(out, f); table.insert(out, v[1] or '0'); table.insert(out, v[2] or '0'); table.insert(out, v[3] or '')",
            "  end",
            "end",
            "return out");

    /**
     * Ends a family only when it is a live session of the identity. KEYS: state hash, revoked key,
     * the identity's session set. ARGV: identity, keep-until (ms or inf), ttl (ms), channel, family,
     * now (ms). Answers the revoked key's value, or '' when nothing was revoked.
     */
    private static final String REVOKE_SESSION_SCRIPT = String.join("\n",
            "if redis.call('HGET', KEYS[1], 'who') ~= ARGV[1] or redis.call('EXISTS', KEYS[2]) == 1 then return '' end",
            "local k = redis.call('HGET', KEYS[1], 'keep')",
            "if k ~= 'inf' and tonumber(k) <= tonumber(ARGV[6]) then return '' end",
            "if k == 'inf' or ARGV[2] == 'inf' then",
            "  k = 'inf'; redis.call('HSET', KEYS[1], 'keep', 'inf'); redis.call('PERSIST', KEYS[1])",
            "elseif tonumber(k) < tonumber(ARGV[2]) then",
            "  k = ARGV[2]; redis.call('HSET', KEYS[1], 'keep', k); redis.call('PEXPIRE', KEYS[1], ARGV[3])",
            "end",
            "if k == 'inf' then redis.call('SET', KEYS[2], 'inf')",
            "else redis.call('SET', KEYS[2], k, 'PX', redis.call('PTTL', KEYS[1])) end",
            "redis.call('HDEL', KEYS[1], 'client')",
            "redis.call('SREM', KEYS[3], ARGV[5])",
            "redis.call('PUBLISH', ARGV[4], 'f ' .. k .. ' ' .. ARGV[5])",
            "return k");

    /**
     * The rotation compare-and-set. KEYS: state hash, revoked key. ARGV: presented jti, new jti,
     * now (ms), window (ms), keep-until (ms or inf), ttl (ms), channel, family, session set prefix.
     * Answers the result and, when tokens may be issued, the successor jti. The identity's session
     * set lives at least as long as the family; reuse drops the family from it, and its client.
     */
    private static final String ROTATE_SCRIPT = String.join("\n",
            "if redis.call('EXISTS', KEYS[2]) == 1 then return {'REVOKED'} end",
            "local function extend()",
            "  local k = redis.call('HGET', KEYS[1], 'keep')",
            "  if k == 'inf' or ARGV[5] == 'inf' then",
            "    redis.call('HSET', KEYS[1], 'keep', 'inf'); redis.call('PERSIST', KEYS[1])",
            "  elseif (not k) or tonumber(k) < tonumber(ARGV[5]) then",
            "    redis.call('HSET', KEYS[1], 'keep', ARGV[5]); redis.call('PEXPIRE', KEYS[1], ARGV[6])",
            "  end",
            "  local who = redis.call('HGET', KEYS[1], 'who')",
            "  if who then",
            "    local t = redis.call('PTTL', ARGV[9] .. who)",
            "    if redis.call('HGET', KEYS[1], 'keep') == 'inf' then redis.call('PERSIST', ARGV[9] .. who)",
            "    elseif t >= 0 and t < tonumber(ARGV[6]) then redis.call('PEXPIRE', ARGV[9] .. who, ARGV[6]) end",
            "  end",
            "end",
            "local cur = redis.call('HGET', KEYS[1], 'cur')",
            "if (not cur) or cur == ARGV[1] then",
            "  redis.call('HSET', KEYS[1], 'cur', ARGV[2], 'prev', ARGV[1], 'at', ARGV[3])",
            "  extend()",
            "  return {'ROTATED', ARGV[2]}",
            "end",
            "if tonumber(ARGV[4]) > 0 and redis.call('HGET', KEYS[1], 'prev') == ARGV[1]",
            "    and tonumber(ARGV[3]) < tonumber(redis.call('HGET', KEYS[1], 'at')) + tonumber(ARGV[4]) then",
            "  extend()",
            "  return {'GRACE', cur}",
            "end",
            "extend()",
            "local who = redis.call('HGET', KEYS[1], 'who')",
            "if who then redis.call('SREM', ARGV[9] .. who, ARGV[8]) end",
            "redis.call('HDEL', KEYS[1], 'client')",
            "local k = redis.call('HGET', KEYS[1], 'keep')",
            "if k == 'inf' then redis.call('SET', KEYS[2], 'inf')",
            "else redis.call('SET', KEYS[2], k, 'PX', redis.call('PTTL', KEYS[1])) end",
            "redis.call('PUBLISH', ARGV[7], 'f ' .. k .. ' ' .. ARGV[8])",
            "return {'REUSE'}");

    private final RedisRevocationStore store;

    /**
     * The families of {@code store}, which may still be under construction: every call reads the
     * store's settings and connections then, never here.
     */
    RedisRefreshFamilies(RedisRevocationStore store) {
        this.store = store;
    }

    @Override
    public Outcome rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(presentedJti, "presentedJti");
        Objects.requireNonNull(newJti, "newJti");
        long now = store.clock().millis();
        String keep = keepUntil == null ? FOREVER : Long.toString(keepUntil.toEpochMilli());
        String ttl = keepUntil == null ? "" : Long.toString(Math.max(1, keepUntil.toEpochMilli() - now));
        String windowMillis = Long.toString(window == null ? 0 : window.toMillis());
        List<Object> answer;
        RedisClusterCommands<String, String> w = store.writer();
        try {
            answer = w.eval(ROTATE_SCRIPT, ScriptOutputType.MULTI,
                    new String[] {store.familyKey(family), store.familyRevokedKey(family)},
                    presentedJti, newJti, Long.toString(now), windowMillis, keep, ttl, store.channel(), family,
                    store.sessionKey(""));
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not rotate a refresh token", e);
        }
        store.awaitReplicas(w, "a refresh-token rotation");
        Outcome outcome;
        try {
            RotationResult result = RotationResult.valueOf((String) answer.get(0));
            outcome = new Outcome(result, answer.size() > 1 ? (String) answer.get(1) : null);
        } catch (RuntimeException e) {
            throw new RevocationStoreException("Redis revocation store gave an unexpected rotation answer", e);
        }
        RedisNearCache nearCache = store.localCache();
        if (outcome.result() == RotationResult.REUSE && nearCache != null) {
            nearCache.applyFamilyRevoked(family, keep);
        }
        return outcome;
    }

    @Override
    public void revokeFamily(String family, Instant keepUntil) {
        store.revokeFamilyInRedis(family, keepUntil);
    }

    @Override
    public void start(String family, String identity, String firstJti, String client, Instant keepUntil) {
        SessionRecords.checkStart(family, identity, firstJti, client);
        long now = store.clock().millis();
        String keep = keepUntil == null ? FOREVER : Long.toString(keepUntil.toEpochMilli());
        String ttl = keepUntil == null ? "" : Long.toString(Math.max(1, keepUntil.toEpochMilli() - now));
        RedisClusterCommands<String, String> w = store.writer();
        try {
            w.eval(START_SCRIPT, ScriptOutputType.INTEGER, new String[] {store.familyKey(family), store.sessionKey(identity)},
                    firstJti, Long.toString(now), keep, ttl, identity, client == null ? "" : client, family);
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not record a session", e);
        }
        // The family's first refresh token: reuse detection after a failover needs it as much as a rotation's record.
        store.awaitReplicas(w, "the start of a session");
    }

    @Override
    public List<SessionRecord> list(String identity) {
        Objects.requireNonNull(identity, "identity");
        List<Object> flat;
        try {
            // The checks' connection: a write waiting for replicas blocks its own (WAIT), and a
            // listing must not wait behind it. In a Cluster it routes EVAL by the session set's
            // key to the primary of the store's slot, like a write; the script's only writes
            // drop ended families (nothing to confirm).
            flat = store.commands().eval(LIST_SCRIPT, ScriptOutputType.MULTI, new String[] {store.sessionKey(identity)},
                    store.familyKey(""), store.familyRevokedKey(""), Long.toString(store.clock().millis()));
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not list sessions", e);
        }
        List<SessionRecord> out = new ArrayList<>();
        for (int i = 0; i + 3 < flat.size(); i += 4) {
            String client = (String) flat.get(i + 3);
            out.add(new SessionRecord((String) flat.get(i),
                    Instant.ofEpochMilli(RedisRevocationStore.parse((String) flat.get(i + 1))),
                    Instant.ofEpochMilli(RedisRevocationStore.parse((String) flat.get(i + 2))), client.isEmpty() ? null : client));
        }
        out.sort(MOST_RECENT_FIRST);
        return out;
    }

    @Override
    public boolean revoke(String identity, String family, Instant keepUntil) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(family, "family");
        long now = store.clock().millis();
        String keep = keepUntil == null ? FOREVER : Long.toString(keepUntil.toEpochMilli());
        String ttl = keepUntil == null ? "" : Long.toString(Math.max(1, keepUntil.toEpochMilli() - now));
        String revoked;
        RedisClusterCommands<String, String> w = store.writer();
        try {
            revoked = w.eval(REVOKE_SESSION_SCRIPT, ScriptOutputType.VALUE,
                    new String[] {store.familyKey(family), store.familyRevokedKey(family), store.sessionKey(identity)},
                    identity, keep, ttl, store.channel(), family, Long.toString(now));
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not end a session", e);
        }
        if (revoked == null || revoked.isEmpty()) {
            return false;
        }
        RedisNearCache nearCache = store.localCache();
        if (nearCache != null) {
            nearCache.applyFamilyRevoked(family, revoked);
        }
        store.awaitReplicas(w, "the end of a session");
        return true;
    }
}
