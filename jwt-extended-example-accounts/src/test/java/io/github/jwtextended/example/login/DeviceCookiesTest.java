package io.github.jwtextended.example.login;

import io.github.jwtextended.fixtures.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link DeviceCookies} alone: what a cookie looks like, and every way a presented one is untrusted. */
class DeviceCookiesTest {
    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final byte[] key = new byte[32];
    final DeviceCookies devices = new DeviceCookies(key, false, clock);

    /** The {@code Cookie} header a browser sends back for a {@code Set-Cookie} value. */
    static String sentBack(String setCookie) {
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    static String value(String setCookie) {
        String pair = sentBack(setCookie);
        return pair.substring(pair.indexOf('=') + 1);
    }

    @Test
    void aCookieIsBoundToItsUserLimitedToTheLoginPathAndLongLived() {
        String set = devices.issue("alice");
        assertThat(set).startsWith(devices.name("alice") + "=")
                .contains("; Path=/login", "; Max-Age=" + Duration.ofDays(365).toSeconds(), "; HttpOnly", "; SameSite=Strict")
                .doesNotContain("Secure", "alice");
        assertThat(new DeviceCookies(key, true, clock).issue("alice")).contains("; Secure");
        assertThat(devices.name("alice")).startsWith(DeviceCookies.NAME_PREFIX).isNotEqualTo(devices.name("bob"));
        String device = devices.trusted("alice", List.of("a=b; " + sentBack(set) + "; c=d"));
        assertThat(device).isNotNull().isEqualTo(value(set).split("\\.")[0]);
        assertThat(devices.trusted("alice", List.of("x=y", sentBack(set)))).as("in a second Cookie header").isEqualTo(device);
        assertThat(devices.trusted("alice", List.of("$Version=\"1\"; " + devices.name("alice") + "=\"" + value(set) + "\";$Path=\"/login\"")))
                .as("quoted, as RFC 2965 clients send it").isEqualTo(device);
        assertThat(devices.trusted("alice", List.of(sentBack(devices.issue("alice"))))).as("a new nonce each time").isNotEqualTo(device);
    }

    @Test
    void anotherUsersCookieIsUntrustedEvenUnderThisUsersName() {
        String bobs = devices.issue("bob");
        assertThat(devices.trusted("alice", List.of(sentBack(bobs)))).isNull();
        assertThat(devices.trusted("alice", List.of(devices.name("alice") + "=" + value(bobs)))).isNull();
        assertThat(devices.trusted("bob", List.of(sentBack(bobs)))).isNotNull();
    }

    @Test
    void forgedOrDamagedCookiesAreUntrustedAndNeverThrow() {
        String set = devices.issue("alice");
        String name = devices.name("alice");
        String[] parts = value(set).split("\\.");
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 1);
        List<String> forged = List.of(
                sentBack(new DeviceCookies(otherKey, false, clock).issue("alice")).replaceFirst("^[^=]+", name),
                name + "=" + parts[0] + "." + (Long.parseLong(parts[1]) + 1000) + "." + parts[2],
                name + "=" + "AAAAAAAAAAAAAAAAAAAAAA" + "." + parts[1] + "." + parts[2],
                name + "=" + parts[0] + "." + parts[1] + "." + parts[2].substring(1),
                name + "=" + parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().encodeToString(new byte[32]),
                name + "=" + parts[0] + "." + parts[1], name + "=", name, "=" + value(set), name + "=...",
                name + "=" + parts[0] + ".-1." + parts[2], name + "=" + parts[0] + ".99999999999999999999." + parts[2],
                name + "=" + parts[0] + "." + parts[1] + ".%%%", name + "=" + "a".repeat(10_000),
                name + "=" + value(set) + "." + parts[2], name + "=\"" + value(set), name + "=\"\"", ";;;", "");
        for (String header : forged) {
            assertThat(devices.trusted("alice", List.of(header))).as(header).isNull();
        }
        assertThat(devices.trusted("alice", List.of())).isNull();
    }

    @Test
    void anExpiredCookieIsUntrustedWhateverTheBrowserKeeps() {
        String set = devices.issue("alice");
        clock.advance(DeviceCookies.LIFETIME.minusSeconds(1));
        assertThat(devices.trusted("alice", List.of(sentBack(set)))).isNotNull();
        clock.advance(Duration.ofSeconds(1));
        assertThat(devices.trusted("alice", List.of(sentBack(set)))).isNull();
    }

    @Test
    void aKeyOfFewerThan32BytesIsRefused() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new DeviceCookies(new byte[16], false, clock));
        assertThat(devices.toString()).doesNotContain("AAAA");
    }
}
