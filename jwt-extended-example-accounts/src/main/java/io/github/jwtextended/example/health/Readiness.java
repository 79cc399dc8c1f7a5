package io.github.jwtextended.example.health;

import io.github.jwtextended.example.storage.Database;
import io.github.jwtextended.redis.RedisRevocationStore;
import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RevocationStore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The example servers' health answers, the same on both. {@code GET /healthz/live} (liveness)
 * touches nothing and answers 200 {@link #LIVE} while the process serves: a failing database or
 * store must not get the process restarted. {@code GET /healthz/ready} (readiness), and
 * {@code /healthz} as before, asks the database and the revocation store: 200
 * <pre>{"status": "ok", "database": "ok", "revocations": "ok", "near_cache": "trusted"}</pre>
 * or 503 with the first failure's message and the same fields
 * <pre>{"msg": "Database unavailable", "status": "unavailable", "database": "down", "revocations": "down", "near_cache": "untrusted"}</pre>
 * {@code database} and {@code revocations} are {@code ok} or {@code down} (revocations in the
 * database are down with it; Redis answers a {@code PING} within its timeout or is down);
 * {@code near_cache} is {@code trusted} (checks answered from memory), {@code untrusted} (loading,
 * or out of touch with the store for longer than allowed: checks ask the store) or {@code off}.
 * An untrusted near cache does not make the server unready: its checks still get answers. No
 * secret, address or class name is ever in a body.
 *
 * <p>Thread safety: thread safe; each {@link #check} asks again.
 *
 * @param database  the accounts database
 * @param storeUp   whether a revocation store outside the database answers (Redis), or null when
 *                  the revocations are in {@code database} (then it is up exactly when the database is)
 * @param nearCache the store's near cache, or null
 */
public record Readiness(Database database, BooleanSupplier storeUp, NearCache nearCache) {
    /** The liveness answer. */
    public static final Map<String, Object> LIVE = Map.of("status", "ok");
    public static final String DATABASE_DOWN = "Database unavailable";
    public static final String STORE_DOWN = "Revocation store unavailable";

    public Readiness {
        Objects.requireNonNull(database, "database");
    }

    /**
     * For the revocation store the server built, before any wrapper (fail-open, metrics): Redis
     * is asked on its own; any other store keeps its revocations in {@code database}.
     */
    public static Readiness of(Database database, RevocationStore store) {
        Optional<NearCache> cache = store == null ? Optional.empty() : store.nearCache();
        BooleanSupplier up = store instanceof RedisRevocationStore redis ? redis::isHealthy : null;
        return new Readiness(database, up, cache.orElse(null));
    }

    /**
     * The readiness answer.
     *
     * <p>Thread safety: immutable.
     *
     * @param status 200 or 503
     * @param body   the JSON body's fields, in order
     */
    public record Report(int status, Map<String, Object> body) {
    }

    /** Asks the database and the store now (the database once, when it holds the revocations). */
    public Report check() {
        boolean db = database.isHealthy();
        boolean store = storeUp == null ? db : storeUp.getAsBoolean();
        Map<String, Object> body = new LinkedHashMap<>();
        if (!db || !store) {
            body.put("msg", db ? STORE_DOWN : DATABASE_DOWN);
        }
        body.put("status", db && store ? "ok" : "unavailable");
        body.put("database", db ? "ok" : "down");
        body.put("revocations", store ? "ok" : "down");
        body.put("near_cache", nearCache == null ? "off" : nearCache.trusted() ? "trusted" : "untrusted");
        return new Report(db && store ? 200 : 503, Collections.unmodifiableMap(body));
    }
}
