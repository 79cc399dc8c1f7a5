package io.github.jwtextended.example.session;

import io.github.jwtextended.example.login.ClientAddress;
import io.github.jwtextended.example.login.IpLiteral;
import io.github.jwtextended.example.login.TrustedProxies;

import java.util.List;
import java.util.Locale;

/**
 * The short client description a login's session is recorded with: the browser family and the
 * operating-system family read from {@code User-Agent}, and the client address cut to its network
 * ({@code 203.0.113.0/24} for IPv4, {@code 2001:db8:1::/48} for IPv6), as in
 * {@code "Firefox on Linux, 203.0.113.0/24"}. Only these families are told apart: Chrome, Firefox,
 * Safari, Edge and curl (anything else is "Other browser"); Windows, macOS, Linux, Android and iOS
 * (anything else is "other OS"). The raw header is never kept: the description holds nothing a
 * client wrote beyond which of these names matched.
 *
 * <p>Thread safety: stateless.
 */
public final class ClientDescription {
    private ClientDescription() {
    }

    /**
     * The description of a request: its {@code User-Agent} and the client address found from the
     * socket's {@code peer} and the {@code X-Forwarded-For} lines of the trusted {@code proxies}
     * ({@link ClientAddress#client}).
     */
    public static String of(String userAgent, String peer, List<String> forwardedForLines, TrustedProxies proxies) {
        return of(userAgent, ClientAddress.client(peer, forwardedForLines, proxies));
    }

    /**
     * The description of a login from {@code userAgent} (null: none sent) at {@code address} (the
     * client address {@link io.github.jwtextended.example.login.ClientAddress#client} found; null:
     * none known).
     */
    public static String of(String userAgent, IpLiteral address) {
        String ua = userAgent == null ? "" : userAgent.toLowerCase(Locale.ROOT);
        String client = browser(ua);
        if (!client.equals("curl")) {
            client += " on " + os(ua);
        }
        return address == null ? client : client + ", " + network(address);
    }

    /** The browser family; the order matters, as Edge names Chrome and Safari, and Chrome names Safari. */
    static String browser(String ua) {
        if (ua.startsWith("curl/")) {
            return "curl";
        }
        if (ua.contains("edg/") || ua.contains("edge/") || ua.contains("edga/") || ua.contains("edgios/")) {
            return "Edge";
        }
        if (ua.contains("firefox/") || ua.contains("fxios/")) {
            return "Firefox";
        }
        if ((ua.contains("chrome/") || ua.contains("chromium/") || ua.contains("crios/")) && !ua.contains("opr/")) {
            return "Chrome";
        }
        if (ua.contains("safari/") && ua.contains("version/") && !ua.contains("opr/")) {
            return "Safari";
        }
        return "Other browser";
    }

    /** The operating-system family; Android names Linux, and iOS names Mac OS X. */
    static String os(String ua) {
        if (ua.contains("android")) {
            return "Android";
        }
        if (ua.contains("iphone") || ua.contains("ipad") || ua.contains("ipod")) {
            return "iOS";
        }
        if (ua.contains("windows")) {
            return "Windows";
        }
        if (ua.contains("mac os x") || ua.contains("macintosh")) {
            return "macOS";
        }
        if (ua.contains("linux") || ua.contains("x11")) {
            return "Linux";
        }
        return "other OS";
    }

    /** The network an address is in: IPv4 /24, IPv6 /48. */
    public static String network(IpLiteral address) {
        byte[] b = address.bytes();
        if (address.isV4()) {
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + ".0/24";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 6; i += 2) {
            s.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
        }
        return s.append(":/48").toString();
    }
}
