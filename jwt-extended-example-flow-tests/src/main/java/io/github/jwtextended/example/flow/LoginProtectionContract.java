package io.github.jwtextended.example.flow;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input defences of the example servers over HTTP, black box, with real time (small
 * limits and windows through the settings instead of a movable clock): the brute-force limit of
 * {@code /login} ({@code LOGIN_RATE_LIMIT_*}: 429 {@code Too many failed login attempts, try again
 * later} with {@code Retry-After}, per username and per client address, {@code X-Forwarded-For}
 * only when {@code TRUST_X_FORWARDED_FOR}, IPv6 per /64), login CSRF ({@code Sec-Fetch-Site},
 * {@code Origin}, {@code LOGIN_ALLOWED_ORIGINS}: 403 {@code Cross-site login request refused}),
 * device cookies that keep the owner's browser out of a username's lockout, {@code Cache-Control:
 * no-store} on tokens, and the 64 KiB body limit (413 JSON on every route,
 * also to a keep-alive client and for a chunked body). A subclass says which server
 * ({@link #start}); each test starts its own, on SQLite in a fresh data folder.
 *
 * <p>Thread safety: JUnit runs one test at a time per instance.
 */
public abstract class LoginProtectionContract extends ServerPerTestContract {
    public static final String TOO_MANY = "Too many failed login attempts, try again later";
    public static final String CROSS_SITE = "Cross-site login request refused";
    public static final String BAD = "Bad username or password";
    public static final String TOO_LARGE = "Request body too large (at most 65536 bytes)";
    /** The start of a device cookie's name (one name per user). */
    public static final String DEVICE_COOKIE_PREFIX = "login_device_";

    protected LoginProtectionContract() {
        super("jwt-login-protection");
    }

    protected static HttpResponse<String> login(Client c, String user, String password, String... headers) {
        return c.post("/login", "{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}", headers);
    }

    /** A 429 from the limit: JSON, no tokens, {@code Retry-After} a whole number of seconds in [1, window]; returns it. */
    protected static long assertTooMany(HttpResponse<String> r, long window) {
        FlowContract.expect(r, 429, TOO_MANY);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        String retry = r.headers().firstValue("Retry-After").orElseThrow(() -> new AssertionError("no Retry-After"));
        assertThat(retry).matches("[0-9]+");
        long seconds = Long.parseLong(retry);
        assertThat(seconds).isBetween(1L, window);
        return seconds;
    }

    protected static void assertRefused(HttpResponse<String> r) {
        FlowContract.expect(r, 403, CROSS_SITE);
        assertThat(r.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(r.body()).doesNotContain("access_token");
    }

    @Test
    public void failuresPerUsernameAndPerAddressAnswer429WithRetryAfter() {
        Client c = serve(); // the defaults: 5 per username, 20 per address, 300 s
        HttpResponse<String> firstKnown = null;
        HttpResponse<String> firstUnknown = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> known = login(c, "testuser", "wrong-" + i);
            HttpResponse<String> unknown = login(c, "no-such-user", "wrong-" + i);
            FlowContract.expect(known, 401, BAD);
            assertThat(unknown.body()).as("unknown users answer as wrong passwords").isEqualTo(known.body());
            assertThat(unknown.statusCode()).isEqualTo(401);
            firstKnown = firstKnown == null ? known : firstKnown;
            firstUnknown = firstUnknown == null ? unknown : firstUnknown;
        }
        // Blocked: even the right password is not checked.
        HttpResponse<String> known = login(c, "testuser", "testpass");
        HttpResponse<String> unknown = login(c, "no-such-user", "wrong");
        assertTooMany(known, 300);
        assertTooMany(unknown, 300);
        assertThat(unknown.body()).isEqualTo(known.body());
        // Other usernames are not limited by it.
        HttpResponse<String> admin = login(c, "admin", "adminpass");
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.headers().firstValue("Cache-Control")).contains("no-store");
        // 10 failures so far from this address; X-Forwarded-For is not trusted by default, so
        // changing it gives no new address: 10 more reach the per-address limit of 20.
        for (int i = 0; i < 10; i++) {
            FlowContract.expect(login(c, "user-" + i, "wrong", "X-Forwarded-For", "10.0.0." + i), 401, BAD);
        }
        assertTooMany(login(c, "someone-new", "wrong", "X-Forwarded-For", "10.9.9.9"), 300);
        assertTooMany(login(c, "testuser", "testpass"), 300);
    }

    @Test
    public void behindATrustedProxyTheLastForwardedEntryCountsAndTheWindowEnds() throws Exception {
        Client c = serve("TRUST_X_FORWARDED_FOR", "true", "LOGIN_RATE_LIMIT_PER_USERNAME", "0",
                "LOGIN_RATE_LIMIT_PER_ADDRESS", "3", "LOGIN_RATE_LIMIT_WINDOW_SECONDS", "2");
        for (int i = 0; i < 3; i++) {
            // The last entry is the one the proxy appended; what the client put before it is ignored.
            FlowContract.expect(login(c, "testuser", "wrong", "X-Forwarded-For", "6.6.6." + i + ", 203.0.113.7"), 401, BAD);
        }
        long wait = assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.7"), 2);
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(200);
        // IPv6: one /64 is one client.
        for (int i = 0; i < 3; i++) {
            login(c, "testuser", "wrong", "X-Forwarded-For", "2001:db8:1:2::" + (i + 1));
        }
        assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "2001:db8:1:2:ffff::9"), 2);
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(200);
        // Retry-After is honest: once it has passed, the address may try again.
        Thread.sleep(wait * 1000 + 100);
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
    }

    /**
     * {@code TRUSTED_PROXIES}: behind a CDN edge and a load balancer (two and three hops), each
     * client counts alone, and what a client writes left of the proxies' entries is never believed.
     */
    @Test
    public void behindSeveralTrustedProxiesTheFirstUntrustedHopFromTheRightCounts() {
        Client c = serve("TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8, 192.0.2.7", "LOGIN_RATE_LIMIT_PER_USERNAME", "0",
                "LOGIN_RATE_LIMIT_PER_ADDRESS", "3");
        // Two hops: client -> balancer 10.0.0.5 -> this server (peer 127.0.0.1); the client's own entry varies.
        for (int i = 0; i < 3; i++) {
            FlowContract.expect(login(c, "testuser", "wrong", "X-Forwarded-For", "6.6.6." + i + ", 203.0.113.7, 10.0.0.5"), 401, BAD);
        }
        assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.7, 10.0.0.5"), 300);
        // Three hops, the CDN edge in two header lines: the same client, the same count.
        assertTooMany(login(c, "testuser", "testpass", "X-Forwarded-For", "9.9.9.9, 203.0.113.7",
                "X-Forwarded-For", "192.0.2.7, 10.0.0.5"), 300);
        // Another client of the same edge and balancer is not blocked with it.
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.8, 192.0.2.7, 10.0.0.5").statusCode())
                .isEqualTo(200);
        // A spoofed leftmost entry naming a blocked client does not block the real one; a name is never looked up.
        assertThat(login(c, "testuser", "testpass", "X-Forwarded-For", "203.0.113.7, 198.51.100.1, 10.0.0.5").statusCode())
                .isEqualTo(200);
        FlowContract.expect(login(c, "testuser", "wrong", "X-Forwarded-For", "localhost, 10.0.0.5"), 401, BAD);
    }

    @Test
    public void zeroTurnsTheLimitsOff() {
        Client c = serve("LOGIN_RATE_LIMIT_PER_USERNAME", "0", "LOGIN_RATE_LIMIT_PER_ADDRESS", "0");
        for (int i = 0; i < 25; i++) {
            FlowContract.expect(login(c, "testuser", "wrong"), 401, BAD);
        }
        assertThat(login(c, "testuser", "testpass").statusCode()).isEqualTo(200);
    }

    @Test
    public void crossSiteLoginsAre403AndNoFailedLogin() {
        Client c = serve("LOGIN_ALLOWED_ORIGINS", "https://app.example.test, http://localhost:3000",
                "LOGIN_RATE_LIMIT_PER_ADDRESS", "3");
        String own = "http://127.0.0.1:" + port;
        assertRefused(login(c, "testuser", "testpass", "Sec-Fetch-Site", "cross-site"));
        assertRefused(login(c, "testuser", "testpass", "Sec-Fetch-Site", "Cross-Site", "Origin", own));
        for (String origin : List.of("https://evil.example", "http://127.0.0.1.evil.example", "http://127.0.0.1:1", "null",
                "https://app.example.test.evil.example", "http://localhost:3001", own + "/login", "not an origin")) {
            assertRefused(login(c, "testuser", "testpass", "Origin", origin));
        }
        assertThat(login(c, "testuser", "testpass", "Origin", own, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(200);
        assertThat(login(c, "testuser", "testpass", "Origin", "HTTPS://127.0.0.1:" + port).statusCode())
                .as("scheme and case not compared: a TLS-terminating proxy in front").isEqualTo(200);
        assertThat(login(c, "testuser", "testpass", "Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(200);
        assertThat(login(c, "testuser", "testpass", "Sec-Fetch-Site", "none").statusCode()).isEqualTo(200);
        assertThat(login(c, "testuser", "testpass", "Origin", "https://app.example.test:443").statusCode()).isEqualTo(200);
        assertThat(login(c, "testuser", "testpass", "Origin", "http://localhost:3000").statusCode()).isEqualTo(200);
        assertThat(login(c, "testuser", "testpass").statusCode()).as("curl, API clients").isEqualTo(200);
        // The check comes first: refused wrong-password attempts are not failures.
        for (int i = 0; i < 10; i++) {
            assertRefused(login(c, "testuser", "wrong", "Origin", "https://evil.example"));
            assertRefused(c.post("/login", "not json", "Sec-Fetch-Site", "cross-site"));
        }
        assertThat(login(c, "testuser", "testpass").statusCode()).as("no failures were counted").isEqualTo(200);
    }

    @Test
    public void bodiesOverTheLimitAre413JsonOnEveryRouteAlsoOnAKeptAliveConnection() {
        Client c = serve();
        String big = "{\"x\": \"" + "a".repeat(70_000) + "\"}";
        String bigLogin = "{\"username\": \"" + "a".repeat(70_000) + "\", \"password\": \"x\"}";
        for (int i = 0; i < 20; i++) {
            FlowContract.expect(c.post("/login", bigLogin), 413, TOO_LARGE);
            FlowContract.expect(c.post("/protected", big), 413, TOO_LARGE);
            FlowContract.expect(c.post("/no-such-route", big), 413, TOO_LARGE);
        }
        HttpResponse<String> r = c.post("/protected", "{\"x\": \"" + "a".repeat(900_000) + "\"}");
        FlowContract.expect(r, 413, TOO_LARGE);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        // A chunked body (no Content-Length) is held to the same limit, and one within it still works.
        FlowContract.expect(chunked(c, "/protected", big), 413, TOO_LARGE);
        HttpResponse<String> ok = chunked(c, "/login", "{\"username\": \"testuser\", \"password\": \"testpass\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(login(c, "testuser", "testpass").statusCode()).isEqualTo(200);
    }

    /** A body that cannot be read (bad chunk size, fewer bytes than declared) is 400 JSON on every route, never a 500. */
    @Test
    public void anUnreadableBodyIs400OnEveryRoute() {
        serve();
        String unreadable = "{\"msg\":\"Request body could not be read\"}";
        for (String path : new String[] {"/login", "/protected", "/refresh", "/no-such-route"}) {
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\nContent-Type: application/json\r\n";
            RawHttp.Answer badChunk = RawHttp.send(port, head + "Transfer-Encoding: chunked",
                    "zz\r\nabc\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(badChunk.status()).as("%s %s", path, badChunk).isEqualTo(400);
            assertThat(badChunk.body()).as(path).isEqualTo(unreadable);
            List<RawHttp.Answer> cut = RawHttp.answers(RawHttp.exchange(port, (head + "Content-Length: 100\r\n\r\n{\"username\": \"te")
                    .getBytes(StandardCharsets.US_ASCII)), false);
            assertThat(cut).as(path).hasSize(1);
            assertThat(cut.get(0).status()).as("%s %s", path, cut.get(0)).isEqualTo(400);
            assertThat(cut.get(0).body()).as(path).isEqualTo(unreadable);
        }
    }

    /** The {@code name=value} of the device cookie a login answer sets, failing when there is none. */
    protected static String deviceCookie(HttpResponse<String> login) {
        List<String> set = login.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith(DEVICE_COOKIE_PREFIX)).toList();
        assertThat(set).as("one device cookie").hasSize(1);
        return set.get(0).substring(0, set.get(0).indexOf(';'));
    }

    /**
     * The owner logs in from her browser at home; an attacker then fails 30 times as her from many
     * addresses: her browser still logs in from a new network (its device cookie), a client
     * without that cookie does not, however it got there.
     */
    @Test
    public void anAttackerCannotLockTheOwnerOutOfHerBrowser() {
        Client stranger = serve("TRUST_X_FORWARDED_FOR", "true");
        Client browser = new Client(port);
        String home = "198.51.100.10";
        String cafe = "192.0.2.44";
        HttpResponse<String> first = login(browser, "testuser", "testpass", "X-Forwarded-For", home);
        assertThat(first.statusCode()).isEqualTo(200);
        String device = deviceCookie(first);
        assertThat(first.headers().allValues("Set-Cookie")).filteredOn(h -> h.startsWith(DEVICE_COOKIE_PREFIX)).singleElement()
                .satisfies(h -> assertThat(h.split("; ")).contains("Path=/login", "HttpOnly", "SameSite=Strict", "Max-Age=31536000")
                        .doesNotContain("Secure"))
                .satisfies(h -> assertThat(h).doesNotContain("testuser"));
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> guess = login(stranger, "testuser", "guess-" + i, "X-Forwarded-For", "203.0.113." + i);
            if (i < 5) {
                FlowContract.expect(guess, 401, BAD);
            } else {
                assertTooMany(guess, 300);
            }
        }
        HttpResponse<String> owner = login(browser, "testuser", "testpass", "X-Forwarded-For", cafe);
        assertThat(owner.statusCode()).as("her browser on a new network: %s", owner.body()).isEqualTo(200);
        assertThat(deviceCookie(owner)).as("a new device cookie each login").isNotEqualTo(device);
        assertTooMany(login(stranger, "testuser", "testpass", "X-Forwarded-For", cafe), 300);
        assertTooMany(login(stranger, "testuser", "testpass", "X-Forwarded-For", home), 300);
        // The cookie, copied by hand, is what counts (the address is not).
        assertThat(login(stranger, "testuser", "testpass", "X-Forwarded-For", "192.0.2.99", "Cookie", device).statusCode())
                .isEqualTo(200);
    }

    /** Device cookies that are forged, damaged or another user's make the client untrusted: 429 while blocked, never a 500. */
    @Test
    public void forgedOrOtherUsersDeviceCookiesAreUntrusted() {
        Client stranger = serve("TRUST_X_FORWARDED_FOR", "true");
        String admins = deviceCookie(login(stranger, "admin", "adminpass"));
        String own = deviceCookie(login(stranger, "testuser", "testpass"));
        String name = own.substring(0, own.indexOf('='));
        String[] parts = own.substring(own.indexOf('=') + 1).split("\\.");
        assertThat(admins.substring(0, admins.indexOf('='))).as("one cookie name per user").isNotEqualTo(name);
        for (int i = 0; i < 5; i++) {
            FlowContract.expect(login(stranger, "testuser", "guess-" + i, "X-Forwarded-For", "203.0.113." + i), 401, BAD);
        }
        List<String> untrusted = List.of(
                name + "=" + admins.substring(admins.indexOf('=') + 1), // another user's, under this user's name
                admins,
                name + "=" + parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "." + parts[2], // a longer life
                name + "=AAAAAAAAAAAAAAAAAAAAAA." + parts[1] + "." + parts[2], // another device
                name + "=" + parts[0] + "." + parts[1] + "." + parts[2].substring(2), // a damaged MAC
                name + "=" + "x".repeat(3000), name + "=", name + "=\"" + parts[0] + "\"", "garbage");
        for (String cookie : untrusted) {
            assertTooMany(login(stranger, "testuser", "testpass", "X-Forwarded-For", "192.0.2.7", "Cookie", cookie), 300);
        }
        assertThat(login(stranger, "testuser", "testpass", "X-Forwarded-For", "192.0.2.7", "Cookie", own).statusCode()).isEqualTo(200);
    }

    /**
     * The key that signs device cookies is kept in the accounts database: another instance on it
     * trusts a cookie the first one gave; {@code JWT_COOKIE_SECURE} makes it {@code Secure};
     * without a per-username limit there are none.
     */
    @Test
    public void everyInstanceOnTheDatabaseTrustsItsDeviceCookies() {
        Client first = serve("TRUST_X_FORWARDED_FOR", "true", "JWT_COOKIE_SECURE", "true");
        HttpResponse<String> login = login(first, "testuser", "testpass");
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(h -> h.startsWith(DEVICE_COOKIE_PREFIX)).singleElement()
                .satisfies(h -> assertThat(h.split("; ")).contains("Secure"));
        String device = deviceCookie(login);
        Client second = serveOn(firstDataDir(), "TRUST_X_FORWARDED_FOR", "true");
        for (int i = 0; i < 5; i++) {
            login(second, "testuser", "guess-" + i, "X-Forwarded-For", "203.0.113." + i);
        }
        assertTooMany(login(second, "testuser", "testpass", "X-Forwarded-For", "192.0.2.7"), 300);
        assertThat(login(second, "testuser", "testpass", "X-Forwarded-For", "192.0.2.7", "Cookie", device).statusCode()).isEqualTo(200);
        Client off = serve("LOGIN_RATE_LIMIT_PER_USERNAME", "0");
        assertThat(login(off, "testuser", "testpass").headers().allValues("Set-Cookie")).noneMatch(h -> h.startsWith(DEVICE_COOKIE_PREFIX));
    }

    /**
     * A username or password with an unpaired surrogate ({@code "\ud800"}, not Unicode text; a
     * database driver may store it as {@code ?}) is a malformed login body: 400 with a message,
     * never a failed login (not counted) nor a 500.
     */
    @Test
    public void unpairedSurrogatesInLoginBodiesAre400AndNotCounted() {
        Client c = serve("LOGIN_RATE_LIMIT_PER_ADDRESS", "2", "LOGIN_RATE_LIMIT_PER_USERNAME", "2");
        for (String lone : List.of("\\ud800", "\\uDFFF", "\\ude00\\ud83d")) {
            for (int i = 0; i < 3; i++) {
                FlowContract.expect(c.post("/login", "{\"username\": \"test" + lone + "user\", \"password\": \"wrong\"}"),
                        400, "\"username\" must be valid Unicode text (it holds an unpaired surrogate)");
                FlowContract.expect(c.post("/login", "{\"username\": \"testuser\", \"password\": \"testpass" + lone + "\"}"),
                        400, "\"password\" must be valid Unicode text (it holds an unpaired surrogate)");
            }
        }
        // The same surrogate sent as raw UTF-8-form bytes (CESU-8) is no valid body either.
        byte[] cesu = new byte[] {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', 't', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                '"', ',', '"', 'p', 'a', 's', 's', 'w', 'o', 'r', 'd', '"', ':', '"', 'x', '"', '}'};
        HttpResponse<String> raw = c.send(c.request("/login", "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cesu)));
        assertThat(raw.statusCode()).as(raw.body()).isEqualTo(400);
        assertThat(Client.msg(raw)).isNotBlank();
        // A surrogate pair is one character: an ordinary (wrong) login. No failure was counted before it.
        FlowContract.expect(login(c, "test\\ud83d\\ude00user", "wrong"), 401, BAD);
        assertThat(login(c, "testuser", "testpass").statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> chunked(Client c, String path, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return c.send(c.request(path, "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))));
    }
}
