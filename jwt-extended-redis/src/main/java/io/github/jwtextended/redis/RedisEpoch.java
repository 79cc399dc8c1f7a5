package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationStoreException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Tells a Redis that lost its data (restarted without snapshot or append-only file, flushed,
 * replaced) from one that kept it. The key {@code <prefix>epoch} holds a random value, written by
 * the first store that finds it missing and never expiring; each store remembers the value it
 * saw. A store that later reads another value, or none, knows that Redis forgot what it held: it
 * logs an error, writes a new epoch if there is none, and sets {@code <prefix>restoring} for the
 * restore window, during which every store fails closed on what only Redis could tell it, while
 * near caches that held a complete copy write their live revocations back.
 *
 * <p>Thread safety: thread safe.
 */
final class RedisEpoch {
    private static final Logger LOG = LoggerFactory.getLogger(RedisEpoch.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The epoch, written when there is none. KEYS: epoch. ARGV: a fresh value. */
    private static final String ADOPT_SCRIPT = String.join("\n",
            "local v = redis.call('GET', KEYS[1])",
            "if v then return v end",
            "redis.call('SET', KEYS[1], ARGV[1])",
            "return ARGV[1]");

    /**
     * After a loss: the epoch (written when there is none), and the restoring mark for the window
     * when this store is the first to see the loss (no epoch) or will write revocations back
     * (ARGV[4] = '1'); nothing when the epoch is still the one known (another thread of this store
     * already handled it). KEYS: epoch, restoring. ARGV: a fresh value, the known value, the
     * window (ms), whether this store writes back.
     */
    private static final String LOSS_SCRIPT = String.join("\n",
            "local v = redis.call('GET', KEYS[1])",
            "if v == ARGV[2] then return v end",
            "local first = not v",
            "if first then v = ARGV[1]; redis.call('SET', KEYS[1], v) end",
            "if first or ARGV[4] == '1' then redis.call('SET', KEYS[2], '1', 'PX', ARGV[3]) end",
            "return v");

    /** What the epoch and restoring keys say. */
    enum Status {
        /** The epoch is the one known and no store is restoring. */
        INTACT,
        /** The epoch is the one known, but a loss was seen less than the restore window ago. */
        RESTORING,
        /** The epoch is missing or another: Redis lost its data since this store last looked. */
        LOST
    }

    private final String epochKey;
    private final String restoringKey;
    private final long windowMillis;
    private final String where;
    private volatile String known;
    private volatile long losses;

    RedisEpoch(String prefix, Duration restoreWindow, String where) {
        this.epochKey = prefix + "epoch";
        this.restoringKey = prefix + "restoring";
        this.windowMillis = restoreWindow.toMillis();
        this.where = where;
    }

    String epochKey() {
        return epochKey;
    }

    String restoringKey() {
        return restoringKey;
    }

    /**
     * At the first connection: reads the epoch, writing one when there is none. A read that times
     * out (a busy Redis, a loaded machine at start) is asked again until {@code within} (the
     * connection timeout) has passed, as a connection attempt would be: the script is idempotent, so
     * a timed-out attempt that did run only leaves the epoch the next one reads.
     */
    void adopt(RedisClusterCommands<String, String> redis, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                known = redis.eval(ADOPT_SCRIPT, ScriptOutputType.VALUE, new String[] {epochKey}, fresh());
                return;
            } catch (RedisCommandTimeoutException e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new RevocationStoreException("Redis revocation store could not read its epoch at " + where
                            + " within " + within.toMillis() + " ms", e);
                }
            } catch (RedisException e) {
                throw new RevocationStoreException("Redis revocation store could not read its epoch at " + where, e);
            }
        }
    }

    /** The status told by the values of the epoch and restoring keys (null: missing). */
    Status status(String epoch, String restoring) {
        if (epoch == null || !epoch.equals(known)) {
            return Status.LOST;
        }
        return restoring == null ? Status.INTACT : Status.RESTORING;
    }

    /** Reads both keys (one MGET) and tells the status. */
    Status read(RedisClusterCommands<String, String> redis) {
        Map<String, String> values = new HashMap<>();
        redis.mget(epochKey, restoringKey).forEach(kv -> values.put(kv.getKey(), kv.getValueOrElse(null)));
        return status(values.get(epochKey), values.get(restoringKey));
    }

    /**
     * Handles a loss seen on {@code redis}: writes the new epoch when there is none, sets the
     * restoring mark when this store is the first to see the loss or {@code writesBack} (a near
     * cache about to write its revocations back; a strict store that merely notices late does not
     * prolong the window), logs it as an error, and counts it. Returns whether this call found the
     * loss (false when another thread of this store already handled it).
     */
    synchronized boolean handleLoss(RedisClusterCommands<String, String> redis, boolean writesBack) {
        String now;
        try {
            now = redis.eval(LOSS_SCRIPT, ScriptOutputType.VALUE, new String[] {epochKey, restoringKey},
                    fresh(), known == null ? "" : known, Long.toString(windowMillis), writesBack ? "1" : "0");
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not mark the loss of its data at " + where, e);
        }
        if (now.equals(known)) {
            return false;
        }
        known = now;
        losses++;
        LOG.error("Redis at {} lost its data (its epoch key is gone or replaced: restarted without snapshot or "
                + "append-only file, flushed, or another server); checks only Redis could answer fail closed while "
                + "near caches write back the revocations they hold (restore window {} ms)", where, windowMillis);
        return true;
    }

    /** How many losses this store has seen. */
    long losses() {
        return losses;
    }

    private static String fresh() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * Warns when Redis keeps neither snapshots nor an append-only file, so that a restart forgets
     * every revocation; one INFO line when {@code CONFIG GET} is refused (managed services).
     */
    static void warnIfForgetful(RedisClusterCommands<String, String> redis, String where) {
        Map<String, String> save;
        Map<String, String> aof;
        try {
            save = redis.configGet("save");
            aof = redis.configGet("appendonly");
        } catch (RedisException e) {
            LOG.info("Redis at {} does not tell its persistence settings (CONFIG GET refused)", where);
            return;
        }
        String s = save.getOrDefault("save", "");
        String a = aof.getOrDefault("appendonly", "");
        if (s.isBlank() && "no".equalsIgnoreCase(a)) {
            LOG.warn("Redis at {} keeps neither snapshots (save \"\") nor an append-only file (appendonly no): "
                    + "a restart forgets every revocation, and only instances with a near cache can write theirs "
                    + "back; set appendonly yes", where);
        }
    }
}
