package io.github.jwtextended.example.login;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IP literals, trusted proxies and the walk of X-Forwarded-For from the right. */
class ClientAddressTest {
    private static final TrustedProxies EDGE = TrustedProxies.parse("10.0.0.0/8, 192.0.2.7, 2001:db8:ffff::/48");

    private static String client(String peer, TrustedProxies proxies, String... lines) {
        return ClientAddress.of(peer, List.of(lines), proxies);
    }

    @Test
    void literalsAreParsedFromTheTextAloneAndStrictly() {
        assertThat(IpLiteral.parse("203.0.113.7")).hasToString("203.0.113.7");
        assertThat(IpLiteral.parse(" [2001:DB8::1] ")).hasToString("2001:db8:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("fe80::1%eth0")).hasToString("fe80:0:0:0:0:0:0:1");
        assertThat(IpLiteral.parse("::")).hasToString("0:0:0:0:0:0:0:0");
        assertThat(IpLiteral.parse("1::")).hasToString("1:0:0:0:0:0:0:0");
        assertThat(IpLiteral.parse("1:2:3:4:5:6:7:8")).hasToString("1:2:3:4:5:6:7:8");
        assertThat(IpLiteral.parse("::ffff:203.0.113.7")).as("IPv4-mapped is IPv4").hasToString("203.0.113.7");
        assertThat(IpLiteral.parse("0:0:0:0:0:ffff:cb00:7107")).hasToString("203.0.113.7");
        assertThat(IpLiteral.parse("64:ff9b::192.0.2.33")).hasToString("64:ff9b:0:0:0:0:c000:221");
        for (String bad : new String[] {"", "localhost", "evil.example.com", "127.1", "010.0.0.1", "1.2.3.256", "1.2.3.4.5",
                "1.2.3.", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "1:2:3:4:5:6:7::8:9", "::g", ":1", "1:", "1.2.3.4::",
                "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "٣.٣.٣.٣", "unknown", "_hidden", null}) {
            assertThat(IpLiteral.parse(bad)).as(String.valueOf(bad)).isNull();
        }
    }

    @Test
    void trustedProxiesAreAddressesAndCidrRangesOfBothFamilies() {
        assertThat(EDGE.trusts(IpLiteral.parse("10.255.1.2"))).isTrue();
        assertThat(EDGE.trusts(IpLiteral.parse("::ffff:10.1.1.1"))).as("mapped IPv4").isTrue();
        assertThat(EDGE.trusts(IpLiteral.parse("11.0.0.1"))).isFalse();
        assertThat(EDGE.trusts(IpLiteral.parse("192.0.2.7"))).isTrue();
        assertThat(EDGE.trusts(IpLiteral.parse("192.0.2.8"))).isFalse();
        assertThat(EDGE.trusts(IpLiteral.parse("2001:db8:ffff:1::5"))).isTrue();
        assertThat(EDGE.trusts(IpLiteral.parse("2001:db8:fffe::5"))).isFalse();
        assertThat(EDGE.trusts(null)).isFalse();
        assertThat(TrustedProxies.parse("0.0.0.0/0").trusts(IpLiteral.parse("2001:db8::1"))).as("families apart").isFalse();
        assertThat(TrustedProxies.parse("::ffff:10.0.0.0/104").trusts(IpLiteral.parse("10.9.9.9"))).isTrue();
        assertThat(TrustedProxies.parse(" , ").enabled()).isFalse();
        assertThat(TrustedProxies.parse("").networks()).isEmpty();
    }

    @Test
    void anInvalidEntryIsRefusedByPositionWithoutRepeatingIt() {
        for (String bad : new String[] {"proxy.internal", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1",
                "10.0.0.0/8/8", "[::1]", "fe80::1%eth0", "10.0.0.1:80"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.1, " + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(TrustedProxies.FORMAT + " (entry 2 is not)");
        }
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(client("198.51.100.1", TrustedProxies.NONE, "203.0.113.7")).isEqualTo("198.51.100.1");
        assertThat(client("10.0.0.1", TrustedProxies.parse(""), "203.0.113.7")).isEqualTo("10.0.0.1");
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(client("198.51.100.1", EDGE, "203.0.113.7, 10.0.0.2")).isEqualTo("198.51.100.1");
    }

    @Test
    void twoHopsCdnThenLoadBalancer() {
        // client -> CDN edge (192.0.2.7) -> load balancer (10.0.0.5) -> server
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7, 192.0.2.7")).isEqualTo("203.0.113.7");
        assertThat(client("10.0.0.5", EDGE, "203.0.113.8, 192.0.2.7")).isEqualTo("203.0.113.8");
    }

    @Test
    void threeHopsAndASpoofedLeftmostEntry() {
        // client 203.0.113.7 sends "X-Forwarded-For: 6.6.6.6"; CDN, regional proxy and balancer append
        assertThat(client("10.0.0.5", EDGE, "6.6.6.6, 203.0.113.7, 192.0.2.7, 10.1.2.3")).isEqualTo("203.0.113.7");
        // a client posing as a trusted proxy only moves the walk past its own fake entry
        assertThat(client("10.0.0.5", EDGE, "6.6.6.6, 10.9.9.9, 203.0.113.7, 192.0.2.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void severalHeaderLinesAreOneListInOrder() {
        assertThat(client("10.0.0.5", EDGE, "6.6.6.6, 203.0.113.7", "192.0.2.7")).isEqualTo("203.0.113.7");
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7", "192.0.2.7", "")).as("an empty last line stops at the peer")
                .isEqualTo("10.0.0.5");
    }

    @Test
    void aNonLiteralStopsTheWalkAtTheHopToItsRight() {
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7, evil.example.com, 192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7, unknown")).isEqualTo("10.0.0.5");
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7,,192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void everyEntryTrustedIsTheLeftmost() {
        assertThat(client("10.0.0.5", EDGE, "10.0.0.9, 192.0.2.7")).isEqualTo("10.0.0.9");
    }

    @Test
    void portsAreDroppedAndIpv6CountsPer64() {
        assertThat(client("10.0.0.5", EDGE, "203.0.113.7:4711")).isEqualTo("203.0.113.7");
        assertThat(client("10.0.0.5", EDGE, "[2001:db8:1:2::1]:443")).isEqualTo(ClientAddress.key("2001:db8:1:2:ffff::9"));
        assertThat(client("[2001:db8:ffff::1]", EDGE, "2001:db8:1:2::1")).isEqualTo("v6:20010db800010002/64");
    }

    @Test
    void oneHopTrustsWhateverConnectsAndOnlyTheLastEntry() {
        assertThat(client("198.51.100.1", TrustedProxies.ONE_HOP, "6.6.6.6, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(client("198.51.100.1", TrustedProxies.ONE_HOP, "203.0.113.7, 10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(client("198.51.100.1", TrustedProxies.ONE_HOP, "not-an-address")).isEqualTo("198.51.100.1");
    }

    @Test
    void keysOfTextThatIsNoAddressAreTheTextCut() {
        assertThat(ClientAddress.key("evil.example.com")).isEqualTo("evil.example.com");
        assertThat(ClientAddress.key("x".repeat(500))).hasSize(64);
        assertThat(client(null, EDGE, "203.0.113.7")).isEqualTo("");
    }
}
