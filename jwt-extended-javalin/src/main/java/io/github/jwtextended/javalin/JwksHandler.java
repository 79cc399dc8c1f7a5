package io.github.jwtextended.javalin;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.key.Jwks;
import io.github.jwtextended.key.KeyResolver;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * Serves the public keys of a key resolver as a JWK Set (RFC 7517 §5), for the verifiers of the
 * tokens this service issues:
 *
 * <pre>{@code
 * cfg.routes.get(JwksHandler.PATH, JwksHandler.of(jwt));
 * }</pre>
 *
 * The document is built on each request from the resolver's current keys, so a key added or
 * retired with a {@link io.github.jwtextended.key.RotatingKeyResolver} shows at once. It holds only
 * public members; HMAC secrets are never listed. Answers carry {@code Cache-Control: public,
 * max-age=N} (default 300 s: the rotation runbook waits at least this long between adding a key and
 * signing with it) and an {@code ETag}; a matching {@code If-None-Match} gets 304.
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class JwksHandler implements Handler {
    /** The conventional path, {@code /.well-known/jwks.json}. */
    public static final String PATH = "/.well-known/jwks.json";
    /** Default {@code max-age}. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    private final KeyResolver keys;
    private final long maxAgeSeconds;

    private JwksHandler(KeyResolver keys, Duration maxAge) {
        this.keys = Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge cannot be negative");
        }
        this.maxAgeSeconds = maxAge.getSeconds();
    }

    /** The public keys of the manager's resolver, cached by clients for 5 minutes. */
    public static JwksHandler of(JwtManager manager) {
        return of(manager.keyResolver(), DEFAULT_MAX_AGE);
    }

    public static JwksHandler of(KeyResolver keys) {
        return of(keys, DEFAULT_MAX_AGE);
    }

    /** The public keys of {@code keys}, with {@code Cache-Control: public, max-age=<maxAge seconds>}. */
    public static JwksHandler of(KeyResolver keys, Duration maxAge) {
        return new JwksHandler(keys, maxAge);
    }

    @Override
    public void handle(Context ctx) {
        String body = Jwks.publicJson(keys);
        String etag = "\"" + digest(body) + "\"";
        ctx.header("Cache-Control", "public, max-age=" + maxAgeSeconds);
        ctx.header("ETag", etag);
        String ifNoneMatch = ctx.header("If-None-Match");
        if (etag.equals(ifNoneMatch)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.contentType("application/json");
        ctx.result(body);
    }

    private static String digest(String body) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing");
        }
    }
}
