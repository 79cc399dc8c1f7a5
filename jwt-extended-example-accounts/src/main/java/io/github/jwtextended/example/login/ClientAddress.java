package io.github.jwtextended.example.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client address a request is counted under by the login limit. Without trusted proxies it is
 * the socket's peer. With them ({@link TrustedProxies}), {@code X-Forwarded-For} is walked from the
 * right, starting from the peer: while the current hop is a trusted proxy, the entry to its left
 * (the address that proxy saw) becomes the current hop; the first hop that is not trusted is the
 * client. So entries a client wrote itself, left of what the trusted proxies appended, are never
 * believed. Several {@code X-Forwarded-For} lines count as one list, in order. Only IP literals are
 * read (a port after the address, as some proxies write it, is dropped); an entry that is not one
 * stops the walk and the hop to its right is counted. When every entry is trusted, the leftmost is
 * the client. An IPv6 address counts as its /64 network, since one host usually holds a whole /64.
 * Never resolves a name. Framework-free: the servers pass the peer address and header lines.
 *
 * <p>Thread safety: stateless.
 */
public final class ClientAddress {
    private static final Pattern WITH_PORT = Pattern.compile("\\[([^\\]]*)\\]:[0-9]{1,5}|([0-9.]+):[0-9]{1,5}");
    private static final int MAX_LENGTH = 64;

    private ClientAddress() {
    }

    /**
     * The counting key of a request.
     *
     * @param peer              the socket's peer address (the servlet's {@code getRemoteAddr()}); may be null
     * @param forwardedForLines every {@code X-Forwarded-For} header line, in order (empty when none)
     * @param proxies           the trusted proxies ({@code TRUSTED_PROXIES}, {@code TRUST_X_FORWARDED_FOR})
     */
    public static String of(String peer, List<String> forwardedForLines, TrustedProxies proxies) {
        IpLiteral client = client(peer, forwardedForLines, proxies);
        return client != null ? key(client) : key(peer == null ? "" : peer);
    }

    /**
     * The client's address as {@link #of} finds it (the same walk of {@code X-Forwarded-For}), or
     * null when neither the peer nor a trusted proxy's entry is an IP literal.
     */
    public static IpLiteral client(String peer, List<String> forwardedForLines, TrustedProxies proxies) {
        IpLiteral current = IpLiteral.parse(peer);
        if (!proxies.enabled() || forwardedForLines == null || forwardedForLines.isEmpty() || !proxies.trustsPeer(current)) {
            return current;
        }
        List<String> entries = entries(forwardedForLines);
        for (int i = entries.size() - 1; i >= 0; i--) {
            IpLiteral hop = hop(entries.get(i));
            if (hop == null) {
                break; // not an address: the hop to its right is the furthest known
            }
            current = hop;
            if (!proxies.trusts(hop)) {
                break;
            }
        }
        return current;
    }

    /** The counting key of an address text: IP literals as {@link #key(IpLiteral)}, anything else as given (cut to 64 characters). */
    public static String key(String address) {
        IpLiteral ip = IpLiteral.parse(address);
        if (ip != null) {
            return key(ip);
        }
        String a = address.strip();
        return a.length() > MAX_LENGTH ? a.substring(0, MAX_LENGTH) : a;
    }

    /** The counting key of an address: IPv4 as its dotted text, IPv6 as its /64 network. */
    public static String key(IpLiteral address) {
        if (address.isV4()) {
            return address.toString();
        }
        byte[] b = address.bytes();
        StringBuilder s = new StringBuilder("v6:");
        for (int i = 0; i < 8; i++) {
            s.append(String.format(Locale.ROOT, "%02x", b[i] & 0xff));
        }
        return s.append("/64").toString();
    }

    private static List<String> entries(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (line != null) {
                for (String e : line.split(",", -1)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static IpLiteral hop(String entry) {
        String e = entry.strip();
        Matcher m = WITH_PORT.matcher(e);
        if (m.matches()) {
            e = m.group(1) != null ? m.group(1) : m.group(2);
        }
        return IpLiteral.parse(e);
    }
}
