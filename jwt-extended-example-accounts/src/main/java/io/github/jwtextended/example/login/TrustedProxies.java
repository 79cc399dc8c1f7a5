package io.github.jwtextended.example.login;

import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of the server whose {@code X-Forwarded-For} entries are believed: the
 * networks of {@code TRUSTED_PROXIES} (IP addresses or CIDR ranges, IPv4 and IPv6), or, with the
 * older {@code TRUST_X_FORWARDED_FOR=true}, whatever connects to the server (one hop). With
 * neither, no header is believed: the client is the connection's peer ({@link ClientAddress}).
 *
 * <p>Thread safety: immutable.
 *
 * @param networks the trusted networks
 * @param anyPeer  whether the connection's peer is trusted whatever its address ({@code TRUST_X_FORWARDED_FOR=true})
 */
public record TrustedProxies(List<Network> networks, boolean anyPeer) {
    /** No proxy trusted: {@code X-Forwarded-For} is ignored. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of(), false);

    /** {@code TRUST_X_FORWARDED_FOR=true}: the peer is a proxy that appends the client's address; nothing beyond it is. */
    public static final TrustedProxies ONE_HOP = new TrustedProxies(List.of(), true);

    static final String FORMAT = "TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges"
            + " such as 10.0.0.0/8, 192.0.2.7 or 2001:db8::/32";

    /**
     * A network: the addresses whose first {@code prefix} bits are those of {@code address}.
     *
     * @param address an address of the network (the bits after the prefix do not matter)
     * @param prefix  0 to 32 (IPv4) or 0 to 128 (IPv6)
     */
    public record Network(IpLiteral address, int prefix) {
        public Network {
            if (prefix < 0 || prefix > address.bytes().length * 8) {
                throw new IllegalArgumentException("prefix out of range");
            }
        }

        /** Whether {@code a} is in this network (an address of the other family never is). */
        public boolean contains(IpLiteral a) {
            return a.inNetwork(address.bytes(), prefix);
        }
    }

    public TrustedProxies {
        networks = List.copyOf(networks);
    }

    /**
     * The value of {@code TRUSTED_PROXIES}: comma-separated IP literals and CIDR ranges; empty
     * entries are skipped, so an empty value trusts none.
     *
     * @throws IllegalArgumentException naming the setting and the position of the first bad entry (not its text)
     */
    public static TrustedProxies parse(String value) {
        List<Network> out = new ArrayList<>();
        String[] entries = value.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String e = entries[i].strip();
            if (e.isEmpty()) {
                continue;
            }
            Network n = network(e);
            if (n == null) {
                throw new IllegalArgumentException(FORMAT + " (entry " + (i + 1) + " is not)");
            }
            out.add(n);
        }
        return new TrustedProxies(out, false);
    }

    /** Whether {@code X-Forwarded-For} is read at all. */
    public boolean enabled() {
        return anyPeer || !networks.isEmpty();
    }

    /** Whether the connection's peer {@code peer} (null: not an IP literal) may speak for the client. */
    public boolean trustsPeer(IpLiteral peer) {
        return anyPeer || trusts(peer);
    }

    /** Whether {@code hop} (null: not an IP literal) is one of the listed proxies. */
    public boolean trusts(IpLiteral hop) {
        if (hop == null) {
            return false;
        }
        for (Network n : networks) {
            if (n.contains(hop)) {
                return true;
            }
        }
        return false;
    }

    private static Network network(String entry) {
        int slash = entry.indexOf('/');
        String address = slash < 0 ? entry : entry.substring(0, slash);
        if (address.startsWith("[") || address.indexOf('%') >= 0) {
            return null; // a bare literal here: no brackets, no zone
        }
        IpLiteral ip = IpLiteral.parse(address);
        if (ip == null) {
            return null;
        }
        int bits = ip.bytes().length * 8;
        if (slash < 0) {
            return new Network(ip, bits);
        }
        String p = entry.substring(slash + 1);
        if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        int prefix = Integer.parseInt(p);
        if (ip.isV4() && address.indexOf(':') >= 0) {
            // an IPv4-mapped range (::ffff:10.0.0.0/104): the same addresses as the IPv4 range
            prefix -= 96;
        }
        return prefix < 0 || prefix > bits ? null : new Network(ip, prefix);
    }
}
