package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.metrics.ServerMetrics;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * {@code GET /metrics}, only when {@code METRICS_TOKEN} is set (else an unknown path: 404), as the
 * example answers it: every meter in Prometheus text format for
 * {@code Authorization: Bearer <METRICS_TOKEN>}, 401 {@code {"msg": "Missing or wrong metrics token"}}
 * with {@code WWW-Authenticate} otherwise; {@code Cache-Control: no-store}. Outside the JWT
 * ({@link SecurityConfiguration#operationsChain}): the scraper's token is not a JWT.
 *
 * <p>Thread safety: thread safe (the metrics are).
 */
@RestController
@Conditional(MetricsConfiguration.MetricsTokenSet.class)
public class MetricsController {
    private final ServerMetrics metrics;

    public MetricsController(ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping(ServerMetrics.PATH)
    public ResponseEntity<?> scrape(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (!metrics.authorized(authorization)) {
            return ResponseEntity.status(401).header(HttpHeaders.WWW_AUTHENTICATE, ServerMetrics.CHALLENGE)
                    .cacheControl(CacheControl.noStore())
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("msg", ServerMetrics.UNAUTHORIZED));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .contentType(MediaType.parseMediaType(ServerMetrics.CONTENT_TYPE)).body(metrics.scrape());
    }
}
