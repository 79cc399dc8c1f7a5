package io.github.jwtextended.example.http;

import io.github.jwtextended.example.metrics.ServerMetrics;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * {@code GET /metrics}, declared only when {@code METRICS_TOKEN} is set (else the path is unknown:
 * 404): every meter in Prometheus text format for {@code Authorization: Bearer <METRICS_TOKEN>},
 * 401 {@code {"msg": "Missing or wrong metrics token"}} with {@code WWW-Authenticate} otherwise;
 * never cached ({@code Cache-Control: no-store}).
 *
 * <p>Thread safety: thread safe (the metrics are).
 */
public final class MetricsRoute {
    private final ServerMetrics metrics;

    public MetricsRoute(ServerMetrics metrics) {
        this.metrics = java.util.Objects.requireNonNull(metrics, "metrics");
    }

    public void register(JavalinConfig cfg) {
        cfg.routes.get(ServerMetrics.PATH, this::scrape);
    }

    private void scrape(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        if (!metrics.authorized(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", ServerMetrics.CHALLENGE);
            AuthRoutes.message(ctx, 401, ServerMetrics.UNAUTHORIZED);
            return;
        }
        ctx.contentType(ServerMetrics.CONTENT_TYPE).result(metrics.scrape());
    }
}
