package io.github.jwtextended.servlet;

import jakarta.servlet.http.HttpServletRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The rule that keeps path guards and the application's routing on the same path. The filter
 * matches guards against the path the container mapped (servlet path plus path info: decoded,
 * with path parameters dropped and dot segments resolved), while many routers read the raw
 * request URI. A raw path is ambiguous, and refused, when it holds anything that one reader may
 * resolve and another may not:
 * <ul>
 *   <li>a path parameter ({@code ;}) or a backslash;</li>
 *   <li>an encoded slash, backslash, semicolon, dot, percent sign or NUL ({@code %2F}, {@code %5C},
 *       {@code %3B}, {@code %2E}, {@code %25}, {@code %00}) or any other control character;</li>
 *   <li>a dot segment ({@code /./}, {@code /../}) or an empty segment ({@code //});</li>
 *   <li>anything else that makes the raw path, percent-decoded as UTF-8, differ from the context
 *       path plus the path the container mapped.</li>
 * </ul>
 * What is left reads the same both ways, so a guard covers the route the application takes.
 *
 * <p>Thread safety: stateless.
 */
final class RawPath {
    /** The message of the 400 answer to an ambiguous path. */
    static final String AMBIGUOUS = "Ambiguous request path";

    /** Percent-encodings that decode to a separator, a dot, a percent sign or NUL (lower case). */
    private static final List<String> ENCODED = List.of("%2f", "%5c", "%3b", "%2e", "%25", "%00");

    private RawPath() {
    }

    /** Whether the request's raw path can be read as another path than the one the container mapped. */
    static boolean ambiguous(HttpServletRequest request) {
        String raw = request.getRequestURI();
        if (raw == null || !raw.startsWith("/")) {
            return true;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == ';' || c == '\\' || c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        String lower = raw.toLowerCase(Locale.ROOT);
        for (String encoded : ENCODED) {
            if (lower.contains(encoded)) {
                return true;
            }
        }
        String[] segments = raw.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.equals(".") || s.equals("..") || s.isEmpty() && i < segments.length - 1) {
                return true;
            }
        }
        String decoded = decode(raw);
        String context = decode(request.getContextPath() == null ? "" : request.getContextPath());
        String servletPath = request.getServletPath() == null ? "" : request.getServletPath();
        String info = request.getPathInfo() == null ? "" : request.getPathInfo();
        String mapped = context + servletPath + info;
        return decoded == null || context == null || !decoded.equals(mapped.isEmpty() ? "/" : mapped);
    }

    /** {@code s} percent-decoded as UTF-8 ({@code +} stays itself), or null when malformed. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
