package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.NearCache;
import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationIndex;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.revocation.SessionRecords;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import reactor.core.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Revocations in Redis, shared by every server instance using the same Redis (and database
 * number): a revoked {@code jti} is the key {@code <prefix>revoked:<jti>}, an identity's
 * not-before instant ("log out everywhere") the key {@code <prefix>nbf:<identity>}; each lives
 * exactly as long as the tokens it concerns ({@code PX} = the token's {@code exp} plus leeway minus
 * now, never shorter; no expiry for "forever"), and a second write never shortens the first.
 *
 * <pre>{@code
 * RedisRevocationStore store = RedisRevocationStore.builder("redis://:secret@redis.internal:6379/0")
 *         .nearCache(true)           // optional: checks become local lookups
 *         .build();
 * JwtManager jwt = JwtManager.builder(config).revocationStore(store).build();
 * ...
 * store.close();
 * }</pre>
 *
 * <p><b>Strict mode</b> (the default): every check is one {@code MGET} of the token's keys (and
 * of the epoch's, below), one round trip. <b>Near cache</b> ({@link Builder#nearCache}): each
 * instance keeps every live revocation in memory, learns new ones through a pub/sub channel
 * (each write is one Lua script that sets the key and publishes it), and answers checks locally.
 * It trusts its copy only after (re)subscribing and then reading every revocation key
 * ({@code SCAN}), and stops trusting it as soon as its connection drops or a heartbeat
 * {@code PING} is not answered within the timeout; while it does not trust it, checks go to Redis
 * as in strict mode (and fail when Redis is down), except for the tokens it holds as revoked.
 * {@link #nearCache()} gives its state. No purge: every key expires by itself.
 *
 * <p><b>Refresh-token rotation</b> ({@link #rotation()}, always offered): a family's state is the hash
 * {@code <prefix>fam:<family>} (current and previous {@code jti}, rotation instant, keep-until),
 * changed only by one Lua script, so a rotation is an atomic compare-and-set: of concurrent
 * rotations of one token exactly one wins, and the others, within the reuse window, are given the
 * winner's {@code jti} as their successor. A revoked family is the key
 * {@code <prefix>famrev:<family>} (like a revoked {@code jti}: its keep-until, published to the
 * near caches), read by the same single {@code MGET} as the token's other keys.
 *
 * <p><b>Session records</b> ({@link #sessions()}, always offered): a recorded login writes the
 * family's hash with its identity, start instant and client description (the last refresh is its
 * rotation instant), and adds the family to the identity's set {@code <prefix>sess:<identity>},
 * which lives as long as its longest family; each is one Lua script, as are a listing (which drops
 * ended families from the set) and ending a session (only when the hash names that identity).
 * Revoking a family drops its client description.
 *
 * <p><b>Failing closed</b>: every command has the {@linkplain Builder#timeout timeout} (default
 * 250 ms, Lettuce's command timeout); while the connection is down, commands are rejected at once
 * (no queueing). Any Redis failure becomes a {@link RevocationStoreException}: a check is answered
 * 503 by the verify pipeline, a write fails for its caller. The client reconnects by itself
 * (backoff from 50 ms up to 1 s).
 *
 * <p><b>Acknowledged writes</b> ({@link Builder#minReplicasAck}): each write returns only once that
 * many replicas confirmed it ({@code WAIT} on the write connection; checks and session listings
 * have a connection of their own), otherwise it throws, so that a failover cannot undo a logout that reported success.
 *
 * <p><b>A Redis that forgets</b> (restarted without persistence, flushed): the random value of
 * {@code <prefix>epoch}, written by the first store that finds none, is read with every strict
 * check (same {@code MGET}) and every near-cache heartbeat; missing or changed, it means Redis lost
 * its data ({@link RedisEpoch}). The store logs an error; near caches write back every live
 * revocation they hold (with acknowledged writes, one {@code WAIT} after the last); until the
 * {@linkplain Builder#restoreWindow restore window} ends, a check only Redis could answer fails
 * closed instead of answering "not revoked". A near cache refuses the
 * tokens it holds as revoked even while it does not trust its copy. At start the store warns when
 * Redis keeps neither snapshots nor an append-only file.
 *
 * <p>URL: {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://} for TLS,
 * {@code redis-sentinel://[:password@]host[:port][,host2[:port2]]/database#masterName} for Sentinel
 * (Lettuce's {@link RedisURI} syntax), {@code redis-cluster://[[user]:password@]host:port[,host:port...]}
 * ({@code rediss-cluster://} for TLS) for a Redis Cluster, through Lettuce's cluster client (the
 * nodes are seeds: the client learns the others). Over TLS the server's certificate and host name
 * are always verified, against the JDK's authorities or those of {@link Builder#tlsCaFile}.
 * Sentinels that ask a password of their own get it from {@link Builder#sentinelCredentials}: the
 * URL's password is the data nodes'.
 *
 * <p><b>Redis Cluster</b>: the key prefix becomes a hash tag ({@code jwt:} is {@code {jwt:}}; a prefix
 * holding a tag of its own is kept), so every key of the store is in one slot, served by one
 * primary: a check is still one {@code MGET} to one node, every script touches one slot, the epoch
 * guards exactly the slot that holds the data, and the near cache reads every key from that node.
 * The price: revocations are not spread over the Cluster's primaries (they fit in one: only live
 * revocations are kept); stores with different prefixes land in different slots. PUBLISH reaches
 * every node of a Cluster, so each near cache subscribes on any node; it stops trusting itself
 * whenever another node (or a failing one) serves the store's slot as primary (failover,
 * resharding), as at any disconnection, and reloads; changes elsewhere in the Cluster (another
 * shard's failover, a replica joining) leave it trusted. A write that waits for replicas and its {@code WAIT} go over the connection to the
 * slot's primary. Standalone and Sentinel key names are unchanged.
 *
 * <p>Thread safety: thread safe; one connection is shared by all threads (Lettuce multiplexes).
 */
public final class RedisRevocationStore implements RevocationStore {
    private static final Logger LOG = LoggerFactory.getLogger(RedisRevocationStore.class);
    static final String FOREVER = "inf";

    private final RedisConnections connections;
    /** The connection of every write (and its WAIT): WAIT blocks it, so checks have their own. */
    private final RedisClusterCommands<String, String> redis;
    /**
     * The connection of checks and session listings: the write connection itself unless writes
     * wait for replicas.
     */
    private final RedisClusterCommands<String, String> reads;
    private final int minReplicasAck;
    private final Duration replicaAckTimeout;
    private final Clock clock;
    private final Duration timeout;
    private final String prefix;
    private final String channel;
    private final RedisNearCache nearCache;
    private final RedisEpoch epoch;
    private final RedisRefreshFamilies families = new RedisRefreshFamilies(this);
    private final Optional<RefreshRotation> rotation = Optional.of(families);
    private final Optional<SessionRecords> sessions = Optional.of(families);
    private final Optional<NearCache> nearCacheView;
    /** The near cache's watch on the Cluster's topology or the Sentinels' primary (null without one). */
    private final Disposable topologyWatch;

    private RedisRevocationStore(Builder b) {
        this.clock = b.clock;
        this.timeout = b.timeout;
        this.prefix = b.cluster ? hashTagged(b.keyPrefix) : b.keyPrefix;
        this.channel = prefix + "revocations:" + b.seeds.get(0).getDatabase();
        this.minReplicasAck = b.minReplicasAck;
        this.replicaAckTimeout = b.replicaAckTimeout;
        // The URIs' timeout bounds the connection handshake (HELLO, AUTH, SELECT): as long as a
        // connection attempt. Commands are bounded by the (shorter) command timeout.
        this.connections = new RedisConnections(b.seeds, b.cluster, prefix,
                RedisClientOptions.of(timeout, b.connectTimeout, replicaAckTimeout, b.tlsCaFile),
                b.connectTimeout.compareTo(timeout) > 0 ? b.connectTimeout : timeout, minReplicasAck > 0);
        this.redis = connections.writes();
        this.reads = connections.reads();
        String where = connections.where();
        this.epoch = new RedisEpoch(prefix, b.restoreWindow, where);
        try {
            epoch.adopt(redis, b.connectTimeout);
            RedisEpoch.warnIfForgetful(connections.writeNode(), where);
        } catch (RuntimeException e) {
            connections.close();
            throw e instanceof RevocationStoreException ? e
                    : new RevocationStoreException("Redis revocation store could not reach " + where, e);
        }
        RedisNearCache nc = null;
        Disposable watch = null;
        if (b.nearCache) {
            try {
                nc = new RedisNearCache(this, connections, b.heartbeat);
                RedisNearCache cache = nc;
                watch = connections.onTopologyChange(() -> cache.untrust("the Redis topology changed"));
            } catch (RuntimeException e) {
                if (nc != null) {
                    nc.close();
                }
                connections.close();
                throw e instanceof RevocationStoreException ? e
                        : new RevocationStoreException("Redis revocation store could not subscribe to " + where, e);
            }
        }
        this.nearCache = nc;
        this.topologyWatch = watch;
        this.nearCacheView = nc == null ? Optional.empty() : Optional.of(
                NearCache.of(this::cachedAnswer, nc::trusted, nc::size, nc::staleness));
        LOG.info("revocations in Redis {} ({}{})", where, nc == null ? "strict" : "near cache",
                minReplicasAck > 0 ? ", each write confirmed by " + minReplicasAck + " replica(s)" : "");
    }

    /**
     * The forms of a Redis URL this store takes, for settings' error messages (which should never
     * repeat the URL given: it may hold a password).
     */
    public static final String URL_FORMS = "redis://[[user]:password@]host:port/database (rediss:// for TLS,"
            + " redis-sentinel://host:port/database#master for Sentinel, redis-cluster://host:port,host:port for a Cluster)";

    /** Whether {@code url} is a Redis URL {@link #builder} takes. */
    public static boolean isUrl(String url) {
        try {
            builder(url);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * Whether {@code url} is a Redis URL {@link #builder} takes that names Sentinels
     * ({@code redis-sentinel://}, {@code rediss-sentinel://}): the only kind that
     * {@link Builder#sentinelCredentials} applies to.
     */
    public static boolean isSentinelUrl(String url) {
        return isUrl(url) && !RedisUrls.isCluster(url) && !parseUrl(url).getSentinels().isEmpty();
    }

    /** A builder for the Redis at {@code url} (see the class comment for the syntax). */
    public static Builder builder(String url) {
        return RedisUrls.isCluster(url) ? new Builder(RedisUrls.parseCluster(url), true) : new Builder(List.of(parseUrl(url)), false);
    }

    /** Parses a Redis URL, refusing what is not one with a message that never repeats the password. */
    public static RedisURI parseUrl(String url) {
        return RedisUrls.parse(url);
    }

    /** Host, port, database and TLS of a URL, never its password. */
    static String describe(RedisURI uri) {
        return RedisConnections.describe(List.of(uri), false);
    }

    /**
     * The key prefix in a Cluster: one hash tag, so that every key is in one slot. A prefix that
     * holds a non-empty {@code {tag}} stays as it is; any other is wrapped: {@code jwt:} becomes
     * {@code {jwt:}}.
     */
    static String hashTagged(String prefix) {
        String tagged = hasHashTag(prefix) ? prefix : "{" + prefix + "}";
        if (!hasHashTag(tagged)) {
            throw new IllegalArgumentException("keyPrefix cannot be made a Redis Cluster hash tag");
        }
        return tagged;
    }

    private static boolean hasHashTag(String s) {
        int open = s.indexOf('{');
        int close = open < 0 ? -1 : s.indexOf('}', open + 1);
        return close > open + 1;
    }

    // ---- keys and values ----------------------------------------------------------------------

    String revokedKey(String jti) {
        return prefix + "revoked:" + jti;
    }

    String nbfKey(String identity) {
        return prefix + "nbf:" + identity;
    }

    String familyKey(String family) {
        return prefix + "fam:" + family;
    }

    String familyRevokedKey(String family) {
        return prefix + "famrev:" + family;
    }

    /** An identity's set of session families. */
    String sessionKey(String identity) {
        return prefix + "sess:" + identity;
    }

    String prefix() {
        return prefix;
    }

    String channel() {
        return channel;
    }

    Clock clock() {
        return clock;
    }

    /** The commands of checks, loads and session listings (not of writes). */
    RedisClusterCommands<String, String> commands() {
        return reads;
    }

    /** The commands that read every key (SCAN; in a Cluster, on the node that serves the store's slot). */
    RedisClusterCommands<String, String> keyCommands() {
        return connections.keysNode();
    }

    /** The store's Lettuce client and connections (for tests). */
    RedisConnections connections() {
        return connections;
    }

    /** The slot of every key in a Cluster, -1 for one Redis (for tests). */
    int slot() {
        return connections.slot();
    }

    /**
     * The commands a write goes through: the routed connection, or, when it must then wait for
     * replicas, the connection to the node that takes it (the write and its WAIT on one connection).
     */
    RedisClusterCommands<String, String> writer() {
        if (minReplicasAck == 0) {
            return redis;
        }
        try {
            return connections.writeNode();
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not reach the node that takes its writes", e);
        }
    }

    /**
     * Returns once {@code minReplicasAck} replicas hold every write made so far on the write
     * connection ({@code WAIT}); a write they do not confirm within the timeout fails, since a
     * failover could still lose it. Nothing to do when no acknowledgement is asked for.
     */
    void awaitReplicas(RedisClusterCommands<String, String> writer, String what) {
        if (minReplicasAck == 0) {
            return;
        }
        Long confirmed;
        try {
            confirmed = writer.waitForReplication(minReplicasAck, replicaAckTimeout.toMillis());
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not confirm that replicas hold " + what, e);
        }
        if (confirmed == null || confirmed < minReplicasAck) {
            throw new RevocationStoreException("Redis revocation store: " + (confirmed == null ? 0 : confirmed) + " of "
                    + minReplicasAck + " replica(s) confirmed " + what + " within " + replicaAckTimeout.toMillis() + " ms");
        }
    }

    /**
     * Writes over one connection, then confirmed by replicas together: one {@code WAIT} covers
     * every earlier write of its connection. A revocation is a batch of one, a write-back one batch
     * of every record. The connection is picked at the first write (none, nothing to confirm).
     * Not thread safe: one caller's.
     */
    private final class Batch {
        private RedisClusterCommands<String, String> writer;

        /** The connection of every write of the batch (see {@link RedisRevocationStore#writer()}). */
        RedisClusterCommands<String, String> writer() {
            if (writer == null) {
                writer = RedisRevocationStore.this.writer();
            }
            return writer;
        }

        /** Returns once the replicas hold every write of the batch, or throws (see {@link #awaitReplicas}). */
        void confirm(String what) {
            if (writer != null) {
                awaitReplicas(writer, what);
            }
        }
    }

    /** Whether a jti value (expiry in epoch ms, or "inf") still counts at {@code now}. */
    static boolean live(String until, long now) {
        return until != null && (FOREVER.equals(until) || parse(until) > now);
    }

    /** The not-before of an identity value ("nbf:keep") when it still counts at {@code now}, else null. */
    static Long liveNotBefore(String value, long now) {
        if (value == null) {
            return null;
        }
        int sep = value.indexOf(':');
        if (sep < 0) {
            return null;
        }
        String keep = value.substring(sep + 1);
        if (!FOREVER.equals(keep) && parse(keep) <= now) {
            return null;
        }
        return parse(value.substring(0, sep));
    }

    static long parse(String n) {
        try {
            return Long.parseLong(n);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unreadable: count it as revoked rather than not
        }
    }

    // ---- the store ----------------------------------------------------------------------------

    /**
     * How long a record is kept: its value (the instant in epoch ms, or {@link #FOREVER}) and the
     * key's TTL in ms (empty: none).
     */
    private record Kept(String value, String ttl) {
        /** Until {@code until} (null: forever), seen at {@code now}; null when that has passed: nothing to keep. */
        static Kept until(Instant until, long now) {
            if (until == null) {
                return new Kept(FOREVER, "");
            }
            long ms = until.toEpochMilli() - now;
            return ms <= 0 ? null : new Kept(Long.toString(until.toEpochMilli()), Long.toString(ms));
        }
    }

    @Override
    public void revoke(String jti, Instant until) {
        Batch batch = new Batch();
        recordRevoked(batch, jti, until);
        batch.confirm("a revocation");
    }

    /** A revocation's write (and its near-cache entry), its confirmation left to {@code batch}. */
    private void recordRevoked(Batch batch, String jti, Instant until) {
        Objects.requireNonNull(jti, "jti");
        Kept kept = Kept.until(until, clock.millis());
        if (kept == null) {
            return; // the token has expired: nothing to keep
        }
        RedisClusterCommands<String, String> w = batch.writer();
        try {
            w.eval(RedisRevocationScripts.REVOKE, ScriptOutputType.INTEGER, new String[] {revokedKey(jti)},
                    kept.value(), kept.ttl(), channel, jti);
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not record a revocation", e);
        }
        if (nearCache != null) {
            nearCache.applyRevoked(jti, kept.value());
        }
    }

    @Override
    public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
        Batch batch = new Batch();
        recordNotBefore(batch, identity, notBefore, keepUntil);
        batch.confirm("a revocation of an identity's tokens");
    }

    /** An identity's not-before write (and its near-cache entry), its confirmation left to {@code batch}. */
    private void recordNotBefore(Batch batch, String identity, Instant notBefore, Instant keepUntil) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(notBefore, "notBefore");
        Kept kept = Kept.until(keepUntil, clock.millis());
        if (kept == null) {
            return; // every token it concerns has expired
        }
        String nbf = Long.toString(notBefore.toEpochMilli());
        RedisClusterCommands<String, String> w = batch.writer();
        try {
            w.eval(RedisRevocationScripts.REVOKE_ALL, ScriptOutputType.INTEGER, new String[] {nbfKey(identity)},
                    nbf, kept.value(), kept.ttl(), channel, identity);
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not record a revocation of an identity's tokens", e);
        }
        if (nearCache != null) {
            nearCache.applyNotBefore(identity, nbf + ":" + kept.value());
        }
    }

    /** A family's revocation, confirmed by the replicas when writes wait for them (see {@link RedisRefreshFamilies}). */
    void revokeFamilyInRedis(String family, Instant keepUntil) {
        Batch batch = new Batch();
        recordFamilyRevoked(batch, family, keepUntil);
        batch.confirm("a revocation of a refresh-token family");
    }

    /** A family's revocation write (and its near-cache entry), its confirmation left to {@code batch}. */
    private void recordFamilyRevoked(Batch batch, String family, Instant keepUntil) {
        Objects.requireNonNull(family, "family");
        Kept kept = Kept.until(keepUntil, clock.millis());
        if (kept == null) {
            return; // every token of the family has expired
        }
        RedisClusterCommands<String, String> w = batch.writer();
        try {
            w.eval(RedisRevocationScripts.REVOKE_FAMILY, ScriptOutputType.INTEGER,
                    new String[] {familyRevokedKey(family), familyKey(family)}, kept.value(), kept.ttl(), channel, family);
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not record a revocation of a refresh-token family", e);
        }
        if (nearCache != null) {
            nearCache.applyFamilyRevoked(family, kept.value());
        }
    }

    @Override
    public boolean isRevoked(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        if (check.jti() == null && check.identity() == null && check.family() == null) {
            return false;
        }
        if (nearCache != null) {
            // Memory only ever holds revocations: an untrusted copy still knows what it holds,
            // whatever a Redis that is down, or that lost its data, would answer.
            if (nearCache.isRevoked(check)) {
                return true;
            }
            if (nearCache.trusted()) {
                return false;
            }
        }
        return isRevokedInRedis(check);
    }

    /**
     * The strict check: one MGET of the token's keys and of the epoch's. A Redis that lost its
     * data, or is being restored, cannot say "not revoked": the check fails closed.
     */
    boolean isRevokedInRedis(RevocationCheck check) {
        List<KeyValue<String, String>> values;
        List<String> keys = new ArrayList<>(5);
        if (check.jti() != null) {
            keys.add(revokedKey(check.jti()));
        }
        if (check.identity() != null) {
            keys.add(nbfKey(check.identity()));
        }
        if (check.family() != null) {
            keys.add(familyRevokedKey(check.family()));
        }
        keys.add(epoch.epochKey());
        keys.add(epoch.restoringKey());
        try {
            values = reads.mget(keys.toArray(new String[0]));
        } catch (RedisException e) {
            throw new RevocationStoreException("Redis revocation store could not read the revocation status", e);
        }
        boolean revoked = revokedIn(values, check);
        RedisEpoch.Status status = epoch.status(values.get(keys.size() - 2).getValueOrElse(null),
                values.get(keys.size() - 1).getValueOrElse(null));
        if (status == RedisEpoch.Status.LOST) {
            epoch.handleLoss(reads, nearCache != null && nearCache.writesBack()); // seen even when the answer is "revoked"
        }
        if (revoked || status == RedisEpoch.Status.INTACT) {
            return revoked;
        }
        throw new RevocationStoreException("Redis revocation store: Redis lost its data and revocations are being "
                + "restored; the check fails closed");
    }

    /** Whether the token's values (in the order of {@link #isRevokedInRedis}'s keys) revoke it. */
    private boolean revokedIn(List<KeyValue<String, String>> values, RevocationCheck check) {
        long now = clock.millis();
        int i = 0;
        if (check.jti() != null) {
            KeyValue<String, String> kv = values.get(i++);
            if (kv.hasValue() && live(kv.getValue(), now)) {
                return true;
            }
        }
        if (check.identity() != null) {
            KeyValue<String, String> kv = values.get(i++);
            Long nbf = kv.hasValue() ? liveNotBefore(kv.getValue(), now) : null;
            if (nbf != null && check.issuedNoLaterThan(nbf)) {
                return true;
            }
        }
        if (check.family() != null) {
            KeyValue<String, String> kv = values.get(i);
            return kv.hasValue() && live(kv.getValue(), now);
        }
        return false;
    }

    /** The epoch of the data in Redis, to tell a Redis that lost it. */
    RedisEpoch epoch() {
        return epoch;
    }

    /**
     * Writes back every live revocation of {@code index} (a near cache's memory, after Redis lost
     * its data) with its remaining lifetime: the same writes as the revocations themselves, so
     * idempotent (a record never shortens a later one), over one connection, and then, when writes
     * wait for replicas, one {@code WAIT} for all of them. Returns how many it wrote; throws
     * {@link RevocationStoreException} when a write fails or the replicas do not confirm them all
     * (the near cache writes back again at its next heartbeat).
     */
    int writeBack(RevocationIndex index) {
        Batch batch = new Batch();
        int[] written = new int[1];
        index.forEachLive(clock.millis(), new RevocationIndex.Visitor() {
            @Override
            public void revoked(String jti, long untilMillis) {
                recordRevoked(batch, jti, instant(untilMillis));
                written[0]++;
            }

            @Override
            public void notBefore(String identity, long notBeforeMillis, long keepUntilMillis) {
                recordNotBefore(batch, identity, Instant.ofEpochMilli(notBeforeMillis), instant(keepUntilMillis));
                written[0]++;
            }

            @Override
            public void family(String family, long keepUntilMillis) {
                recordFamilyRevoked(batch, family, instant(keepUntilMillis));
                written[0]++;
            }
        });
        batch.confirm(written[0] + " revocations written back");
        return written[0];
    }

    private static Instant instant(long millis) {
        return millis == RevocationIndex.FOREVER ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Whether Redis answers a PING within the timeout (for health checks; in a Cluster, the primary
     * of the store's slot); false once the store is closed.
     */
    public boolean isHealthy() {
        try {
            return "PONG".equals(connections.keysNode().ping());
        } catch (RuntimeException e) { // RedisException; a closed client's IllegalStateException
            return false;
        }
    }

    /** Refresh-token families, in Redis (see the class comment). */
    @Override
    public Optional<RefreshRotation> rotation() {
        return rotation;
    }

    /** Session records, in the families' state hashes and a set per identity (see the class comment). */
    @Override
    public Optional<SessionRecords> sessions() {
        return sessions;
    }

    /** The near cache itself (null in strict mode): the families' writes update it; tests read it. */
    RedisNearCache localCache() {
        return nearCache;
    }

    /** The near cache, when {@linkplain Builder#nearCache built with one}; empty in strict mode. */
    @Override
    public Optional<NearCache> nearCache() {
        return nearCacheView;
    }

    /** The command timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** Closes the connections and the client's threads. Idempotent. */
    @Override
    public void close() {
        if (topologyWatch != null) {
            topologyWatch.dispose();
        }
        if (nearCache != null) {
            nearCache.close();
        }
        connections.close();
    }

    @Override
    public String toString() {
        return "RedisRevocationStore[" + connections.where() + ", " + (nearCache == null ? "strict" : "near cache") + "]";
    }

    /** The near cache's answer from memory while it is trusted, else null. */
    private Boolean cachedAnswer(RevocationCheck check) {
        Objects.requireNonNull(check, "check");
        if (check.jti() == null && check.identity() == null && check.family() == null) {
            return Boolean.FALSE;
        }
        return nearCache.trusted() ? nearCache.isRevoked(check) : null;
    }

    /**
     * Collects the store's settings. Not thread safe; the store it builds is.
     */
    public static final class Builder {
        private final List<RedisURI> seeds;
        private final boolean cluster;
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofMillis(250);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration heartbeat = Duration.ofMillis(200);
        private String keyPrefix = "jwt:";
        private boolean nearCache;
        private Path tlsCaFile;
        private int minReplicasAck;
        private Duration replicaAckTimeout = Duration.ofMillis(500);
        private Duration restoreWindow = Duration.ofSeconds(5);
        private String sentinelUsername;
        private char[] sentinelPassword;

        private Builder(List<RedisURI> seeds, boolean cluster) {
            this.seeds = List.copyOf(seeds);
            this.cluster = cluster;
        }

        /** The clock for TTLs and expiry decisions; default UTC system clock. */
        public Builder clock(Clock c) { this.clock = Objects.requireNonNull(c, "clock"); return this; }
        /** The longest a command may take before the call fails (fail closed); default 250 ms. */
        public Builder timeout(Duration d) { this.timeout = positive(d, "timeout"); return this; }
        /** The longest a connection attempt may take; default 2 s. */
        public Builder connectTimeout(Duration d) { this.connectTimeout = positive(d, "connectTimeout"); return this; }
        /** How often the near cache checks its subscription (PING); default 200 ms. */
        public Builder heartbeat(Duration d) { this.heartbeat = positive(d, "heartbeat"); return this; }
        /** The prefix of every key and of the channel; default {@code jwt:}. */
        public Builder keyPrefix(String p) {
            Objects.requireNonNull(p, "keyPrefix");
            if (p.isEmpty() || p.length() > 100) {
                throw new IllegalArgumentException("keyPrefix must have 1 to 100 characters");
            }
            this.keyPrefix = p;
            return this;
        }
        /** Keeps every live revocation in memory, fed by pub/sub (see the class comment); default off. */
        public Builder nearCache(boolean on) { this.nearCache = on; return this; }
        /**
         * The certificate authorities (a PEM file) trusted for {@code rediss://}, instead of the
         * JDK's; the server's certificate and host name are verified either way. Default: the JDK's.
         */
        public Builder tlsCaFile(Path pem) {
            Objects.requireNonNull(pem, "tlsCaFile");
            if (!Files.isRegularFile(pem) || !Files.isReadable(pem)) {
                throw new IllegalArgumentException("tlsCaFile is not a readable file");
            }
            this.tlsCaFile = pem;
            return this;
        }
        /**
         * How many replicas must confirm each write ({@code WAIT}) before it returns; fewer within
         * {@link #replicaAckTimeout} and the write fails with {@link RevocationStoreException}.
         * Default 0: a write returns once the primary has it (asynchronous replication).
         */
        public Builder minReplicasAck(int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException("minReplicasAck must be 0 to 100");
            }
            this.minReplicasAck = n;
            return this;
        }
        /** How long a write waits for its {@link #minReplicasAck} replicas; default 500 ms. */
        public Builder replicaAckTimeout(Duration d) { this.replicaAckTimeout = positive(d, "replicaAckTimeout"); return this; }

        /**
         * How long after Redis is found to have lost its data (its epoch key gone or replaced)
         * checks that only Redis could answer fail closed, while near caches write back the
         * revocations they hold; default 5 s.
         */
        public Builder restoreWindow(Duration d) { this.restoreWindow = positive(d, "restoreWindow"); return this; }

        /**
         * The credentials of the Sentinels themselves ({@code requirepass} in their configuration, or
         * an ACL user of theirs), sent to every Sentinel of the {@code redis-sentinel://} URL, both to
         * ask for the primary and to listen for its switches. The URL's own credentials are the data
         * nodes' (Lettuce sends the Sentinels none of them). {@code username} null (or blank) for the
         * Sentinels' default user ({@code AUTH password}). Default: none. The password is copied, and
         * never logged nor shown.
         *
         * @throws IllegalStateException when the URL is not a Sentinel URL
         */
        public Builder sentinelCredentials(String username, char[] password) {
            Objects.requireNonNull(password, "password");
            if (password.length == 0) {
                throw new IllegalArgumentException("the Sentinels' password is empty");
            }
            if (cluster || seeds.get(0).getSentinels().isEmpty()) {
                throw new IllegalStateException("Sentinel credentials are for a redis-sentinel:// URL, which this is not");
            }
            this.sentinelUsername = username == null || username.isBlank() ? null : username;
            this.sentinelPassword = password.clone();
            return this;
        }

        /** {@link #sentinelCredentials} for the Sentinels' default user (their {@code requirepass}). */
        public Builder sentinelPassword(char[] password) {
            return sentinelCredentials(null, password);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        /** Connects (and, with a near cache, subscribes and loads); {@link RevocationStoreException} when Redis is unreachable. */
        public RedisRevocationStore build() {
            if (sentinelPassword != null) {
                // Lettuce's own mechanism: each Sentinel's URI carries the credentials it is sent.
                for (RedisURI sentinel : seeds.get(0).getSentinels()) {
                    if (sentinelUsername == null) {
                        sentinel.setAuthentication(sentinelPassword.clone());
                    } else {
                        sentinel.setAuthentication(sentinelUsername, sentinelPassword.clone());
                    }
                }
            }
            return new RedisRevocationStore(this);
        }
    }
}
