package io.github.jwtextended.key;

import java.net.URI;
import java.time.Duration;

/**
 * Keys published by another service at a JWKS URL, and how they are fetched (see
 * {@link RemoteJwksKeyResolver} for what each duration does). A service verifying with them only
 * verifies. The configuration refuses a URL that is not https (plain http only on a loopback
 * address) and a duration that is not positive.
 *
 * <p>Thread safety: immutable.
 *
 * @param url             the JWKS URL, or null for none
 * @param cacheTtl        how long fetched keys are used before they are fetched again
 * @param refetchInterval the least time between two fetches (unknown {@code kid}s, failures)
 * @param connectTimeout  the connection's timeout
 * @param readTimeout     the whole response must arrive within it
 */
public record RemoteJwks(URI url, Duration cacheTtl, Duration refetchInterval, Duration connectTimeout, Duration readTimeout) {
    /** No URL; keys kept 5 minutes, fetched at most every 30 seconds, 2 seconds to connect, 5 to read. */
    public static final RemoteJwks NONE = new RemoteJwks(null, Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofSeconds(2), Duration.ofSeconds(5));

    public RemoteJwks withUrl(URI u) { return new RemoteJwks(u, cacheTtl, refetchInterval, connectTimeout, readTimeout); }
    public RemoteJwks withCacheTtl(Duration d) { return new RemoteJwks(url, d, refetchInterval, connectTimeout, readTimeout); }
    public RemoteJwks withRefetchInterval(Duration d) { return new RemoteJwks(url, cacheTtl, d, connectTimeout, readTimeout); }
    public RemoteJwks withConnectTimeout(Duration d) { return new RemoteJwks(url, cacheTtl, refetchInterval, d, readTimeout); }
    public RemoteJwks withReadTimeout(Duration d) { return new RemoteJwks(url, cacheTtl, refetchInterval, connectTimeout, d); }

    /** True when every duration is positive (null is not). */
    public boolean durationsPositive() {
        for (Duration d : new Duration[] {cacheTtl, refetchInterval, connectTimeout, readTimeout}) {
            if (d == null || d.isNegative() || d.isZero()) {
                return false;
            }
        }
        return true;
    }
}
