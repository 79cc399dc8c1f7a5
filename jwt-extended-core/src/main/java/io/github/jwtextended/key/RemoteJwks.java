package io.github.jwtextended.key;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keys published by another service at a JWKS URL, and how they are fetched (see
 * {@link RemoteJwksKeyResolver} for what each duration does). A service verifying with them only
 * verifies. The configuration refuses a URL that is not https (plain http only on a loopback
 * address, see {@link #isAllowedUrl(URI)}) and a duration that is not positive.
 *
 * <p>Thread safety: immutable.
 *
 * @param url             the JWKS URL, or null for none
 * @param cacheTtl        how long fetched keys are used before they are fetched again
 * @param refetchInterval the least time between two fetches (unknown {@code kid}s, failures)
 * @param connectTimeout  the connection's timeout
 * @param readTimeout     the whole response must arrive within it
 * @param maxStaleness    while fetches keep failing, how long after their fetch the last good keys
 *                        are still trusted; past it, tokens needing them answer 503 until a fetch succeeds
 */
public record RemoteJwks(URI url, Duration cacheTtl, Duration refetchInterval, Duration connectTimeout, Duration readTimeout,
                         Duration maxStaleness) {
    /**
     * No URL; keys kept 5 minutes, fetched at most every 30 seconds, 2 seconds to connect, 5 to
     * read, trusted at most 24 hours after their last successful fetch. The day rides out an
     * issuer's outage of a working day without taking this service down, and bounds how long a key
     * the issuer has withdrawn (compromised, rotated out) stays trusted by a service whose fetches
     * are failing or being blocked.
     */
    public static final RemoteJwks NONE = new RemoteJwks(null, Duration.ofMinutes(5), Duration.ofSeconds(30),
            Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofHours(24));

    public RemoteJwks withUrl(URI u) { return new RemoteJwks(u, cacheTtl, refetchInterval, connectTimeout, readTimeout, maxStaleness); }
    public RemoteJwks withCacheTtl(Duration d) { return new RemoteJwks(url, d, refetchInterval, connectTimeout, readTimeout, maxStaleness); }
    public RemoteJwks withRefetchInterval(Duration d) { return new RemoteJwks(url, cacheTtl, d, connectTimeout, readTimeout, maxStaleness); }
    public RemoteJwks withConnectTimeout(Duration d) { return new RemoteJwks(url, cacheTtl, refetchInterval, d, readTimeout, maxStaleness); }
    public RemoteJwks withReadTimeout(Duration d) { return new RemoteJwks(url, cacheTtl, refetchInterval, connectTimeout, d, maxStaleness); }
    public RemoteJwks withMaxStaleness(Duration d) { return new RemoteJwks(url, cacheTtl, refetchInterval, connectTimeout, readTimeout, d); }

    /** A dotted-decimal IPv4 literal in 127.0.0.0/8: four decimal octets, no leading zeros. */
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /**
     * Whether keys may be fetched from {@code url}: https to any host, or plain http only when the
     * URL's parsed host ({@link URI#getHost()}) is a loopback literal: {@code localhost}, an IPv4
     * address in 127.0.0.0/8 written as four dotted decimal octets, or the IPv6 address
     * {@code [::1]} (in any of its spellings). The decision is made on the text alone: no name is
     * ever looked up, so {@code http://127.evil.example/} or {@code http://127.0.0.1.evil.example/}
     * (names an attacker's DNS may point anywhere) are refused, as is any shortened or numeric form
     * ({@code 127.1}, {@code 2130706433}) that resolvers disagree on.
     */
    public static boolean isAllowedUrl(URI url) {
        if (url == null || url.getScheme() == null) {
            return false;
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && isLoopbackLiteral(url.getHost());
    }

    private static boolean isLoopbackLiteral(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost") || LOOPBACK_V4.matcher(host).matches()) {
            return true;
        }
        if (!host.startsWith("[") || host.indexOf('%') >= 0) {
            return false; // not an IPv6 literal (a zone id names an interface: not needed for loopback)
        }
        try {
            // A bracketed host is parsed as an IPv6 literal and never looked up (an invalid one is refused).
            InetAddress address = InetAddress.getByName(host);
            return address instanceof Inet6Address && address.isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }

    /** True when every duration is positive (null is not). */
    public boolean durationsPositive() {
        for (Duration d : new Duration[] {cacheTtl, refetchInterval, connectTimeout, readTimeout, maxStaleness}) {
            if (d == null || d.isNegative() || d.isZero()) {
                return false;
            }
        }
        return true;
    }

    /** True when the keys can be refreshed before they become too stale: {@code maxStaleness >= cacheTtl}. */
    public boolean stalenessCoversCache() {
        return maxStaleness == null || cacheTtl == null || maxStaleness.compareTo(cacheTtl) >= 0;
    }
}
