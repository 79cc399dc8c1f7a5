package io.github.jwtextended.example.session;

import io.github.jwtextended.example.login.IpLiteral;
import io.github.jwtextended.example.login.TrustedProxies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientDescriptionTest {
    static final IpLiteral V4 = IpLiteral.parse("203.0.113.77");

    @Test
    void browserAndOsFamiliesFromCommonUserAgents() {
        String[][] cases = {
                {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome on Windows"},
                {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0", "Edge on Windows"},
                {"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", "Firefox on Linux"},
                {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS"},
                {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on iOS"},
                {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1", "Chrome on iOS"},
                {"Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36", "Chrome on Android"},
                {"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/126.0.0.0 Safari/537.36", "Chrome on Linux"},
                {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Other browser on Windows"},
                {"curl/8.5.0", "curl"},
                {"Java-http-client/17.0.12", "Other browser on other OS"},
                {"", "Other browser on other OS"},
        };
        for (String[] c : cases) {
            assertThat(ClientDescription.of(c[0], V4)).as(c[0]).isEqualTo(c[1] + ", 203.0.113.0/24");
        }
        assertThat(ClientDescription.of(null, null)).isEqualTo("Other browser on other OS");
    }

    @Test
    void theAddressIsCutToItsNetworkAndTheHeaderNeverKept() {
        assertThat(ClientDescription.network(IpLiteral.parse("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1::/48");
        assertThat(ClientDescription.network(IpLiteral.parse("::ffff:198.51.100.9"))).isEqualTo("198.51.100.0/24");
        String hostile = "Mozilla/5.0 (X11; Linux) Firefox/1.0 <script>alert(1)</script> \u0000\r\nSet-Cookie: x=y";
        assertThat(ClientDescription.of(hostile, V4)).isEqualTo("Firefox on Linux, 203.0.113.0/24");
    }

    @Test
    void theClientAddressFollowsTrustedProxies() {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8");
        assertThat(ClientDescription.of("curl/8.0", "10.1.2.3", List.of("198.51.100.23"), proxies)).isEqualTo("curl, 198.51.100.0/24");
        assertThat(ClientDescription.of("curl/8.0", "192.0.2.50", List.of("198.51.100.23"), proxies))
                .as("an untrusted peer's header is not believed").isEqualTo("curl, 192.0.2.0/24");
    }
}
