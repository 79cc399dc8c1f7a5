package io.github.jwtextended.example.metrics;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.micrometer.JwtMetrics;
import io.github.jwtextended.micrometer.MeteredRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The example servers' {@code GET /metrics}, on only when {@code METRICS_TOKEN} is set: the
 * registry (Prometheus), the check of a scraper's {@code Authorization: Bearer <METRICS_TOKEN>}
 * (constant time, {@link MetricsToken#matches}), the scrape in Prometheus text format, and the
 * meters the servers register in it: the library's ({@link #instrument}) and the logins
 * ({@link #logins()}). When the setting is unset the servers make none of this (no registry, no
 * listener, no store wrapper: nothing on any request's path) and {@code /metrics} is an unknown
 * path (404).
 *
 * <pre>{@code
 * ServerMetrics.from(settings.metricsToken()).ifPresent(m -> m.instrument(builder, store));
 * // GET /metrics: m.authorized(authorizationHeader) ? 200 m.scrape() : 401 {"msg": UNAUTHORIZED}
 * }</pre>
 *
 * <p>Thread safety: thread safe (the registry and the token are).
 */
public final class ServerMetrics implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMetrics.class);
    /** The route. */
    public static final String PATH = "/metrics";
    /** The scrape's content type: the Prometheus text format, version 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The message of a 401 (no token, another scheme, a wrong token: alike). */
    public static final String UNAUTHORIZED = "Missing or wrong metrics token";
    /** The {@code WWW-Authenticate} value of a 401 (RFC 6750). */
    public static final String CHALLENGE = "Bearer realm=\"metrics\"";

    private final MetricsToken token;
    private final PrometheusMeterRegistry registry;
    private final LoginMetrics logins;

    /** With a registry made elsewhere (the Spring sample's bean); registers the login counter in it. */
    public ServerMetrics(MetricsToken token, PrometheusMeterRegistry registry) {
        this.token = Objects.requireNonNull(token, "token");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.logins = new LoginMetrics(registry);
    }

    /**
     * Metrics for {@code token} ({@code METRICS_TOKEN}) with a new registry, or empty when it is
     * null (unset: metrics off). Warns once, without the token, when it is short.
     */
    public static Optional<ServerMetrics> from(MetricsToken token) {
        if (token == null) {
            return Optional.empty();
        }
        warnIfShort(token);
        return Optional.of(new ServerMetrics(token, newRegistry()));
    }

    /** A new Prometheus registry with the defaults. */
    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Warns when {@code token} is shorter than {@link MetricsToken#RECOMMENDED_LENGTH}; returns whether it did. */
    public static boolean warnIfShort(MetricsToken token) {
        if (!token.isShort()) {
            return false;
        }
        LOG.warn("METRICS_TOKEN is shorter than {} characters: anyone who guesses it reads the metrics;"
                + " use a random one (openssl rand -hex 32)", MetricsToken.RECOMMENDED_LENGTH);
        return true;
    }

    /**
     * The library's meters on the manager {@code builder} makes: {@link JwtMetrics} as its listener
     * and {@code store} (what the manager would use) wrapped by {@link MeteredRevocationStore}, outermost.
     * A fail-open wrapper in {@code store} ({@code REVOCATION_FAIL_OPEN}) is found by it: each check
     * answered open counts in {@code jwt.store.fail_open}, and its failure in {@code jwt.store.failures}.
     */
    public JwtManager.Builder instrument(JwtManager.Builder builder, RevocationStore store) {
        return builder.revocationStore(new MeteredRevocationStore(store, registry)).listener(new JwtMetrics(registry));
    }

    /** The {@code jwt.logins} counter, for the servers' {@code LoginChecks}. */
    public LoginMetrics logins() {
        return logins;
    }

    /** The registry. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Whether an {@code Authorization} header value (null: absent) carries the token:
     * {@code Bearer <token>}, the scheme in any case (RFC 7235).
     */
    public boolean authorized(String authorization) {
        if (authorization == null || authorization.length() < 7
                || !authorization.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return token.matches(authorization.substring(7));
    }

    /** Every meter in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape(CONTENT_TYPE);
    }

    @Override
    public void close() {
        registry.close();
    }
}
