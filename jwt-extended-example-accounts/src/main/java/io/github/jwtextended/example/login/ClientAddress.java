package io.github.jwtextended.example.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client address a request is counted under by the login limit: the socket's peer address, or
 * with {@code TRUST_X_FORWARDED_FOR=true} the last entry of the last {@code X-Forwarded-For} line
 * (the one the proxy in front of this server appended; the entries before it are whatever the
 * client sent). An IPv6 address counts as its /64 network, since one host usually holds a whole
 * /64. Never resolves a name. Framework-free: the servers pass the peer address and header lines.
 *
 * <p>Thread safety: stateless.
 */
public final class ClientAddress {
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /**
     * The counting key of a request.
     *
     * @param peer              the socket's peer address (the servlet's {@code getRemoteAddr()}); may be null
     * @param forwardedForLines every {@code X-Forwarded-For} header line, in order (empty when none)
     * @param trustForwardedFor {@code TRUST_X_FORWARDED_FOR}
     */
    public static String of(String peer, List<String> forwardedForLines, boolean trustForwardedFor) {
        String address = null;
        if (trustForwardedFor && forwardedForLines != null && !forwardedForLines.isEmpty()) {
            String last = forwardedForLines.get(forwardedForLines.size() - 1);
            String entry = last == null ? "" : last.substring(last.lastIndexOf(',') + 1).trim();
            if (!entry.isEmpty()) {
                address = entry;
            }
        }
        if (address == null) {
            address = peer;
        }
        return key(address == null ? "" : address);
    }

    /** The counting key of an address text: IPv6 literals as their /64, anything else as given (cut to 64 characters). */
    public static String key(String address) {
        String a = address.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.indexOf(':') >= 0 && IPV6_LITERAL.matcher(a).matches()) {
            try {
                byte[] b = InetAddress.getByName(a).getAddress(); // a literal: parsed, not looked up
                if (b.length == 16) {
                    StringBuilder s = new StringBuilder("v6:");
                    for (int i = 0; i < 8; i++) {
                        s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
                    }
                    return s.append("/64").toString();
                }
                return InetAddress.getByAddress(b).getHostAddress(); // IPv4-mapped
            } catch (UnknownHostException e) {
                // not a valid literal after all: counted as the text it is
            }
        }
        return a.length() > MAX_LENGTH ? a.substring(0, MAX_LENGTH) : a;
    }
}
