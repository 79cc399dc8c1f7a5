package io.github.jwtextended.redis;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Finds the test Redis: {@code TEST_REDIS_URL} (system property, then environment), default
 * {@code redis://127.0.0.1:6379/0}. When it cannot be reached the calling test is skipped, unless
 * {@code -Djwt.requireServices=true} (CI), which fails it.
 *
 * <p>Thread safety: stateless.
 */
public final class RedisTestSupport {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379/0";

    private RedisTestSupport() {
    }

    public static String url() {
        String url = System.getProperty("TEST_REDIS_URL");
        if (url == null || url.isBlank() || url.startsWith("${")) {
            url = System.getenv("TEST_REDIS_URL");
        }
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** The test Redis URL, or a skipped (or failed, under CI) test when it does not answer. */
    public static String urlOrSkip() {
        io.lettuce.core.RedisURI uri = RedisRevocationStore.parseUrl(url());
        String problem = ping(uri.getHost(), uri.getPort(), uri.isSsl());
        if (problem != null) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("Redis is required (jwt.requireServices=true) but unreachable at "
                        + RedisRevocationStore.describe(uri) + ": " + problem);
            }
            Assumptions.abort("Redis unreachable, test skipped: " + problem);
        }
        return url();
    }

    /** Null when a plain-text Redis answers a PING (or -NOAUTH) at host:port, else what went wrong. */
    static String ping(String host, int port, boolean tls) {
        if (tls) {
            return null; // let the client find out
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            int first = in.read();
            return first == '+' || first == '-' ? null : "no Redis answer";
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    /** Whether the redis-server program is installed (to start servers of our own). */
    public static void requireRedisServerProgram() {
        if (RedisServerProcess.program() == null) {
            if (Boolean.getBoolean("jwt.requireServices")) {
                throw new AssertionError("redis-server is required (jwt.requireServices=true) but not installed");
            }
            Assumptions.abort("redis-server not installed, test skipped");
        }
    }
}
