package io.github.jwtextended.key;

import io.github.jwtextended.error.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verifies tokens issued by another service with the public keys it publishes at a JWKS URL (a
 * resource server). Only the configured URL is ever fetched: a token's own {@code jku},
 * {@code x5u}, {@code x5c} or {@code jwk} header is never read here (the decoder passes only
 * {@code alg} and {@code kid}), so no token can make this service open a connection elsewhere.
 *
 * <ul>
 *   <li><b>Cache</b>: fetched keys are used for {@code cacheTtl}; after that the next lookup starts a
 *       fetch in the background and goes on with the keys it has (requests never wait for a routine
 *       refresh); only a lookup without usable keys (none yet, or too stale) waits for its fetch.</li>
 *   <li><b>Unknown {@code kid}</b>: a token naming a key not in the cache triggers one fetch, at most
 *       once per {@code refetchInterval} for all requests together (a flood of made-up kids costs
 *       one request per interval; requests arriving while it runs wait for it and use its keys).</li>
 *   <li><b>Outage</b>: when a fetch fails (timeout, refused connection, non-200, bad document), the
 *       last good keys stay in use and the next attempt waits {@code refetchInterval}, for at most
 *       {@code maxStaleness} (default 24 hours) after their fetch. With no keys, never fetched or
 *       older than that, a lookup tries a fetch (rate limited as above) and, failing it, throws
 *       {@link StoreUnavailableException} with {@link #KEYS_UNAVAILABLE}: the request answers 503
 *       like a revocation store outage (this service cannot judge the token; the token is not
 *       blamed), and recovers by itself with the first fetch that succeeds.</li>
 *   <li><b>Timeouts</b>: {@code connectTimeout} for the connection, {@code readTimeout} for the whole
 *       response; redirects are not followed; the document is capped at {@code maxDocumentBytes}.</li>
 *   <li><b>Keys</b>: only usable public signature keys are kept (see {@link Jwks#parsePublished}); a
 *       document with a secret or private key, or duplicate {@code kid}s, is refused as a whole.</li>
 * </ul>
 * The URL must be https, or http on a loopback address (tests, sidecars; see {@link RemoteJwks#isAllowedUrl}).
 * Each fetch's outcome goes to the {@linkplain Builder#listener listener} (metrics: fetches by
 * outcome, keys in use, the age of the key set).
 *
 * <p>Thread safety: thread safe. Lookups read an immutable snapshot; fetches are serialised (one
 * daemon thread runs the background ones), so concurrent lookups never fetch twice.
 */
public final class RemoteJwksKeyResolver implements KeyResolver {
    /** The message of the 503 while no keys fresh enough can be fetched (the URL's detail stays in the log). */
    public static final String KEYS_UNAVAILABLE = "Token verification keys are temporarily unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwksKeyResolver.class);

    private final URI url;
    /** {@link #url} as logs show it ({@link #shown}). */
    private final String shownUrl;
    private final HttpClient client;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Duration refetchInterval;
    private final Duration readTimeout;
    private final Duration maxStaleness;
    private final int maxDocumentBytes;
    private final JwsAlgorithm defaultAlgorithm;
    private final JwksFetchListener listener;
    private final AtomicLong fetches = new AtomicLong();

    private volatile Snapshot snapshot = new Snapshot(null, null);
    private volatile Instant lastAttempt;
    private final Object fetchLock = new Object();
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private final AtomicBoolean requested = new AtomicBoolean();
    private final Executor background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jwt-jwks-refresh");
        t.setDaemon(true);
        return t;
    });

    /** The keys of one successful fetch and when it happened. */
    private static final class Snapshot {
        final StaticKeyResolver keys;
        final Instant fetchedAt;

        Snapshot(StaticKeyResolver keys, Instant fetchedAt) {
            this.keys = keys;
            this.fetchedAt = fetchedAt;
        }
    }

    private RemoteJwksKeyResolver(Builder b) {
        this.url = b.url;
        this.shownUrl = shown(b.url);
        this.clock = b.clock;
        this.cacheTtl = b.cacheTtl;
        this.refetchInterval = b.refetchInterval;
        this.readTimeout = b.readTimeout;
        this.maxStaleness = b.maxStaleness;
        this.maxDocumentBytes = b.maxDocumentBytes;
        this.defaultAlgorithm = b.defaultAlgorithm;
        this.listener = b.listener;
        this.client = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public static Builder builder(URI url) {
        return new Builder(url);
    }

    @Override
    public JwtKey signingKey() {
        throw new IllegalStateException("a remote JWKS only verifies tokens: this service cannot sign");
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoreUnavailableException when there are no keys fresh enough to judge the token (never
     *                                   fetched, or fetched longer than {@code maxStaleness} ago) and
     *                                   a fetch now is not allowed or fails
     */
    @Override
    public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
        Instant now = clock.instant();
        Snapshot s = snapshot;
        if (!usable(s, now)) {
            s = refreshIfDue(now, false); // the request waits: without keys it cannot be answered
        } else if (!now.isBefore(s.fetchedAt.plus(cacheTtl))) {
            refreshInBackground();
        }
        if (!usable(s, now)) {
            throw new StoreUnavailableException(KEYS_UNAVAILABLE);
        }
        JwtKey key = s.keys.verificationKey(algorithm, kid);
        if (key == null && kid != null) {
            s = refreshIfDue(now, true); // an unknown kid: the issuer may have added a key
            key = s.keys.verificationKey(algorithm, kid);
        }
        return key;
    }

    /** Whether {@code s} holds keys fetched less than {@code maxStaleness} before {@code now}. */
    private boolean usable(Snapshot s, Instant now) {
        return s.keys != null && usable(s.fetchedAt, now, maxStaleness);
    }

    /** The one rule for lookups and {@link KeysInUse#usable}: fetched, less than {@code maxStaleness} before {@code now}. */
    private static boolean usable(Instant fetchedAt, Instant now, Duration maxStaleness) {
        return fetchedAt != null && now.isBefore(fetchedAt.plus(maxStaleness));
    }

    @Override
    public List<JwtKey> verificationKeys() {
        Snapshot s = snapshot;
        return s.keys == null ? List.of() : s.keys.verificationKeys();
    }

    /** Fetches now, unless a fetch happened less than {@code refetchInterval} ago. True when keys were loaded. */
    public boolean refresh() {
        Snapshot before = snapshot;
        return refreshIfDue(clock.instant(), true) != before;
    }

    /** How many fetches were attempted (for tests and metrics). */
    public long fetchCount() {
        return fetches.get();
    }

    /** When the keys in use were fetched; null before the first successful fetch. */
    public Instant fetchedAt() {
        return snapshot.fetchedAt;
    }

    /**
     * The keys in use as this resolver judges them now, by its own clock and {@code maxStaleness}:
     * what a lookup made now would find. Reads one snapshot (safe from any thread, never fetches,
     * never blocks); a fetch that completes afterwards is seen by the next call.
     */
    public KeysInUse keysInUse() {
        Snapshot s = snapshot;
        return new KeysInUse(s.keys == null ? 0 : s.keys.verificationKeys().size(), s.fetchedAt, clock.instant(), maxStaleness);
    }

    /**
     * The URL as logs, {@link #toString} and health details show it ({@link #shown}): never a user,
     * password, query or fragment.
     */
    public String shownUrl() {
        return shownUrl;
    }

    /**
     * The keys a {@link RemoteJwksKeyResolver} had in use at {@code checkedAt} (its clock), and its
     * judgement of them: {@link #usable} is the rule its lookups apply, so that whoever reports on
     * the resolver (a health check, a probe) agrees with what requests see.
     *
     * <p>Thread safety: immutable.
     *
     * @param count        how many verification keys are in use; 0 before the first successful fetch
     * @param fetchedAt    when they were fetched; null before the first successful fetch
     * @param checkedAt    the resolver's clock when this was read
     * @param maxStaleness the resolver's bound: how long after their fetch keys are used while
     *                     fetches fail ({@link Builder#maxStaleness})
     */
    public record KeysInUse(int count, Instant fetchedAt, Instant checkedAt, Duration maxStaleness) {
        public KeysInUse {
            Objects.requireNonNull(checkedAt, "checkedAt");
            Objects.requireNonNull(maxStaleness, "maxStaleness");
        }

        /**
         * Whether a lookup at {@code checkedAt} can use these keys: fetched less than
         * {@code maxStaleness} before. When false, a lookup waits for a fetch (within the refetch
         * interval) and, failing it, throws {@link StoreUnavailableException} (a 503).
         */
        public boolean usable() {
            return RemoteJwksKeyResolver.usable(fetchedAt, checkedAt, maxStaleness);
        }

        /** How long before {@code checkedAt} the keys were fetched; null before the first successful fetch. */
        public Duration age() {
            return fetchedAt == null ? null : Duration.between(fetchedAt, checkedAt);
        }
    }

    /**
     * Asks the background thread for a refresh. Requests made while it is busy are not lost: it
     * checks again (with the clock as it is then) after each attempt.
     */
    private void refreshInBackground() {
        requested.set(true);
        if (refreshing.compareAndSet(false, true)) {
            startBackground();
        }
    }

    private void startBackground() {
        try {
            background.execute(this::runRequestedRefreshes);
        } catch (RuntimeException e) {
            refreshing.set(false);
        }
    }

    private void runRequestedRefreshes() {
        try {
            while (requested.getAndSet(false)) {
                refreshIfDue(clock.instant(), false);
            }
        } finally {
            refreshing.set(false);
        }
        if (requested.get() && refreshing.compareAndSet(false, true)) {
            startBackground(); // asked for between the last check and the reset
        }
    }

    private Snapshot refreshIfDue(Instant now, boolean unknownKid) {
        synchronized (fetchLock) {
            Snapshot s = snapshot;
            boolean expired = s.keys == null || !now.isBefore(s.fetchedAt.plus(cacheTtl));
            if (!expired && !unknownKid) {
                return s; // another thread refreshed meanwhile
            }
            Instant last = lastAttempt;
            if (last != null && now.isBefore(last.plus(refetchInterval))) {
                return s; // rate limited: keep what we have
            }
            lastAttempt = now;
            try {
                List<JwtKey> keys = fetch();
                Snapshot fresh = new Snapshot(StaticKeyResolver.verifyOnly(keys), clock.instant());
                snapshot = fresh;
                report(JwksFetchOutcome.SUCCESS);
                return fresh;
            } catch (FetchException e) {
                LOG.warn("JWKS fetch from {} failed ({}); {}", shownUrl, e.getMessage(), s.keys == null
                        ? "no keys yet: tokens answer 503"
                        : usable(s, now) ? "keeping the keys fetched at " + s.fetchedAt
                        : "the keys fetched at " + s.fetchedAt + " are older than " + maxStaleness + ": tokens answer 503");
                report(e.outcome);
                return s;
            }
        }
    }

    /** Tells the listener (the keys in use are the snapshot's); its failure changes nothing here. */
    private void report(JwksFetchOutcome outcome) {
        try {
            listener.jwksFetch(outcome, this);
        } catch (RuntimeException e) {
            LOG.warn("a JWKS fetch listener failed; the keys in use did not change");
            LOG.debug("JWKS fetch listener failure", e);
        }
    }

    private static final class FetchException extends Exception {
        private static final long serialVersionUID = 1L;
        final JwksFetchOutcome outcome;

        FetchException(JwksFetchOutcome outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }
    }

    private List<JwtKey> fetch() throws FetchException {
        fetches.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Accept", "application/jwk-set+json, application/json")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> new CappedBody(maxDocumentBytes));
        HttpResponse<byte[]> response;
        try {
            response = future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(JwksFetchOutcome.TIMEOUT, "timed out");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(JwksFetchOutcome.NETWORK, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CappedBody.TooLarge) {
                throw new FetchException(JwksFetchOutcome.TOO_LARGE, "document larger than " + maxDocumentBytes + " bytes");
            }
            throw cause instanceof java.net.http.HttpTimeoutException ? new FetchException(JwksFetchOutcome.TIMEOUT, "timed out")
                    : new FetchException(JwksFetchOutcome.NETWORK, "connection failed");
        }
        if (response.statusCode() != 200) {
            throw new FetchException(JwksFetchOutcome.HTTP_STATUS, "status " + response.statusCode());
        }
        String body = new String(response.body(), StandardCharsets.UTF_8);
        List<JwtKey> keys;
        try {
            keys = Jwks.parsePublished(body, defaultAlgorithm, reason -> LOG.info("JWKS from {}: {}", shownUrl, reason));
        } catch (IllegalArgumentException e) {
            throw new FetchException(JwksFetchOutcome.INVALID_DOCUMENT, "bad document: " + e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new FetchException(JwksFetchOutcome.INVALID_DOCUMENT, "no usable signature key in the document");
        }
        return keys;
    }

    @Override
    public String toString() {
        return "RemoteJwksKeyResolver[" + shownUrl + "]";
    }

    /**
     * {@code url} as logs, {@link #toString} and health details show it: scheme, host, port and
     * path, never user information (a password), query (it may carry an API key) or fragment.
     */
    public static String shown(URI url) {
        try {
            return new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return url.getScheme() + "://" + url.getHost();
        }
    }

    /** Settings of a {@link RemoteJwksKeyResolver}. Not thread safe; the resolver it builds is. */
    public static final class Builder {
        private final URI url;
        private Clock clock = Clock.systemUTC();
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration refetchInterval = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(5);
        private Duration maxStaleness = Duration.ofHours(24);
        private int maxDocumentBytes = 256 * 1024;
        private JwsAlgorithm defaultAlgorithm;
        private JwksFetchListener listener = JwksFetchListener.NONE;

        private Builder(URI url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        /** Clock for cache ages and rate limits; default UTC system clock. */
        public Builder clock(Clock c) { clock = Objects.requireNonNull(c, "clock"); return this; }
        /** How long fetched keys are used before fetching again; default 5 minutes. */
        public Builder cacheTtl(Duration d) { cacheTtl = positive(d, "cacheTtl"); return this; }
        /** Least time between two fetch attempts (unknown kid, failure); default 30 seconds. */
        public Builder refetchInterval(Duration d) { refetchInterval = positive(d, "refetchInterval"); return this; }
        /** TCP connect timeout; default 2 seconds. */
        public Builder connectTimeout(Duration d) { connectTimeout = positive(d, "connectTimeout"); return this; }
        /** Time allowed for the whole response; default 5 seconds. */
        public Builder readTimeout(Duration d) { readTimeout = positive(d, "readTimeout"); return this; }
        /**
         * How long after their fetch the last good keys are trusted while fetches fail; past it,
         * lookups throw {@link StoreUnavailableException} until a fetch succeeds. At least
         * {@code cacheTtl}; default 24 hours.
         */
        public Builder maxStaleness(Duration d) { maxStaleness = positive(d, "maxStaleness"); return this; }
        /**
         * Hears each fetch's outcome (a {@code JwtListener} is one: {@code .listener(metrics)});
         * default none. A resolver the manager builds from the configuration reports to the
         * manager's listeners without this.
         */
        public Builder listener(JwksFetchListener l) { listener = Objects.requireNonNull(l, "listener"); return this; }
        /** Largest document accepted, in bytes; default 256 KiB. */
        public Builder maxDocumentBytes(int n) {
            if (n < 1024) {
                throw new IllegalArgumentException("maxDocumentBytes must be at least 1024");
            }
            maxDocumentBytes = n;
            return this;
        }
        /** The algorithm for published keys without {@code alg} (EC and OKP keys take theirs from the curve); default none. */
        public Builder defaultAlgorithm(JwsAlgorithm a) {
            if (a != null && a.isSymmetric()) {
                throw new IllegalArgumentException("a JWKS URL publishes public keys: " + a + " is not a public-key algorithm");
            }
            defaultAlgorithm = a;
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }

        public RemoteJwksKeyResolver build() {
            if (!RemoteJwks.isAllowedUrl(url)) {
                throw new IllegalArgumentException("the JWKS URL must be https (plain http only on a loopback address)");
            }
            if (maxStaleness.compareTo(cacheTtl) < 0) {
                throw new IllegalArgumentException("maxStaleness must be at least cacheTtl");
            }
            return new RemoteJwksKeyResolver(this);
        }
    }
}
