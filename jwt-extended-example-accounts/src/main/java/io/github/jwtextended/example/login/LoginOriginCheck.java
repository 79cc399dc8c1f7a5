package io.github.jwtextended.example.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Login CSRF defence for {@code POST /login}: refuses (403) a request a browser marks as sent by
 * another site, so that a hostile page cannot log its visitor into the attacker's account. A
 * request is refused when
 * <ul>
 *   <li>{@code Sec-Fetch-Site} is {@code cross-site} (browsers send {@code same-origin},
 *       {@code same-site} or {@code none} otherwise; all of those pass), or</li>
 *   <li>{@code Origin} is present and is neither the server's own origin (its host and port as
 *       the request's {@code Host} names them, any scheme, so a TLS-terminating proxy changes
 *       nothing) nor one of the allowed origins ({@code LOGIN_ALLOWED_ORIGINS}). The opaque
 *       origin {@code null} (sandboxed frames, some redirects) is refused too.</li>
 * </ul>
 * A request with neither header (curl, API clients, servers) passes: only browsers send them, and
 * browsers always send {@code Origin} on a cross-origin POST. Framework-free: the servers pass the
 * header values and answer 403 {@link #MESSAGE} when {@link #refuses} says so.
 *
 * <p>Thread safety: immutable.
 */
public final class LoginOriginCheck {
    /** The answer's message. */
    public static final String MESSAGE = "Cross-site login request refused";

    private final List<String> allowed;

    /** {@code allowed}: normalised origins ({@link #normalise}) allowed besides the server's own. */
    public LoginOriginCheck(List<String> allowed) {
        this.allowed = List.copyOf(Objects.requireNonNull(allowed, "allowed"));
    }

    /**
     * Whether a login request with these header values (each null when absent) is cross-site and
     * must be refused (403 {@link #MESSAGE}).
     *
     * @param secFetchSite the {@code Sec-Fetch-Site} header
     * @param origin       the {@code Origin} header
     * @param host         the {@code Host} header (the server's own origin as the client named it)
     */
    public boolean refuses(String secFetchSite, String origin, String host) {
        if (secFetchSite != null && secFetchSite.trim().equalsIgnoreCase("cross-site")) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        String normalised = normalise(origin.trim());
        return normalised == null || !(allowed.contains(normalised) || sameHost(normalised, host));
    }

    /**
     * {@code scheme://host[:port]} in lower case with the scheme's default port left out, or null
     * when {@code origin} is not such an origin (a path, query, user part, {@code null}, ...).
     */
    public static String normalise(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == defaultPort(scheme)) {
            port = -1;
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    /** Whether a normalised origin names the host and port of the request's {@code Host} header. */
    private static boolean sameHost(String origin, String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String scheme = origin.substring(0, origin.indexOf("://"));
        String own = normalise(scheme + "://" + hostHeader.trim());
        return origin.equals(own);
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http": return 80;
            case "https": return 443;
            default: return -1;
        }
    }
}
