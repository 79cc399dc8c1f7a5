package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import io.github.jwtextended.example.flow.RawHttp;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP rows of SECURITY.md's hostile-input table (each test is named by its row ID; the table
 * says the rule) against the example server itself: each hostile input sent to its
 * {@code /protected}, {@code /refresh} (token rows go to both, in the {@code Authorization} header
 * and in the access cookie) or {@code /login}, with the status the rule expects (and the message
 * where the rule or docs/compatibility.md pins one), and the leak checks on every negative answer:
 * the fixed {@code {"msg": ...}} JSON shape, no token or token segment, no key, no {@code kid}, no
 * class name or stack frame. Hostile tokens are made with the core test-jar's {@link Forge}.
 *
 * <p>Rows not here: B6/B8/C5-C9 (algorithm confusion, wrong family member, ECDSA and RSA signature
 * forms) need a public-key server (run by {@code WycheproofOverHttpTest} and the core's key tests);
 * D10/E16/E17 need a key set, an audience or an issuer configured (the conformance kit and the
 * core's key tests run them); F3 ({@code bearer} lower case, accepted) is pinned by the conformance
 * kit; D11 ({@code typ} is not checked), E1/E20 (no {@code exp} or {@code type}), F5's tab and G8
 * (two same-named cookies) are kept as flask-jwt-extended answers (docs/compatibility.md); A24
 * (lone surrogates) is another suite's; H1/H4-H8/H10/H11 are multi-instance, concurrency and store
 * rows ({@code MultiInstanceTest}, {@code RotationFlowTest} and the store contracts).
 */
class CatalogueOverHttpTest {
    /** Clearly fake; only this test's server uses it. */
    static final String SECRET = "catalogue-over-http-secret-not-real-0123456789abcdef";
    static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    static final String HS = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    static final String BAD = "Bad Authorization header. Expected 'Authorization: Bearer <JWT>'";
    static final String SIG = "Signature verification failed";
    static final String ALG = "The specified alg value is not allowed";
    static final Set<Integer> INVALID = Set.of(422);
    static final Pattern BODY = Pattern.compile("\\{\"msg\":\"(?:[^\"\\\\\\x00-\\x1f]|\\\\.){1,200}\"\\}");
    static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*(Exception|Error)\\b");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static Path dir;
    static Server server;
    static int port;
    static MutableClock clock;
    static long now;
    /** Connections made to the jku/x5u listener (must stay 0). */
    static final AtomicInteger FETCHES = new AtomicInteger();
    static ServerSocket listener;

    @BeforeAll
    static void start() throws IOException {
        dir = TestServers.tempDir("jwt-example-catalogue");
        now = Instant.now().getEpochSecond();
        clock = new MutableClock(Instant.ofEpochSecond(now));
        Map<String, String> env = TestServers.baseEnv(dir);
        env.put("JWT_SECRET_KEY", SECRET);
        env.put("LOGIN_RATE_LIMIT_PER_ADDRESS", "1000");
        env.put("REFRESH_REUSE_GRACE_SECONDS", "0"); // H3: strict reuse detection, a second use at once is reuse
        server = new Server(ServerSettings.from(env), clock);
        server.start();
        port = server.port();
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (var s = listener.accept()) {
                    FETCHES.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "jku-listener");
        t.setDaemon(true);
        t.start();
    }

    @AfterAll
    static void stop() throws IOException {
        listener.close();
        server.stop();
        TestServers.delete(dir);
    }

    // ---- requests and answers --------------------------------------------------------------

    /** One request: sent with java.net.http, or over a raw socket when {@code raw}. */
    record Call(String method, String path, List<String[]> headers, String contentType, byte[] body, boolean raw) {
        Call header(String name, String value) {
            List<String[]> h = new ArrayList<>(headers);
            h.add(new String[] {name, value});
            return new Call(method, path, h, contentType, body, raw);
        }

        Call json(String text) {
            return new Call(method, path, headers, "application/json", text.getBytes(StandardCharsets.UTF_8), raw);
        }

        Call body(String type, byte[] bytes) {
            return new Call(method, path, headers, type, bytes, raw);
        }

        Call viaSocket() {
            return new Call(method, path, headers, contentType, body, true);
        }
    }

    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    static Call get(String path) {
        return new Call("GET", path, List.of(), null, null, false);
    }

    static Call post(String path) {
        return new Call("POST", path, List.of(), null, null, false);
    }

    static Answer send(Call c) {
        if (c.raw()) {
            StringBuilder head = new StringBuilder(c.method() + " " + c.path() + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close");
            for (String[] h : c.headers()) {
                head.append("\r\n").append(h[0]).append(": ").append(h[1]);
            }
            if (c.body() != null) {
                head.append("\r\nContent-Type: ").append(c.contentType()).append("\r\nContent-Length: ").append(c.body().length);
            }
            RawHttp.Answer a = RawHttp.send(port, head.toString(), c.body());
            Map<String, List<String>> hs = new TreeMap<>();
            for (String line : a.headers()) {
                int colon = line.indexOf(':');
                hs.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
            return new Answer(a.status(), hs, a.body());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path())).timeout(Duration.ofSeconds(20));
        for (String[] h : c.headers()) {
            b.header(h[0], h[1]);
        }
        if (c.body() != null) {
            b.header("Content-Type", c.contentType());
        }
        b.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, List<String>> hs = new TreeMap<>();
            r.headers().map().forEach((k, v) -> hs.put(k.toLowerCase(Locale.ROOT), v));
            return new Answer(r.statusCode(), hs, r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- what a row builds its request with ------------------------------------------------

    /** One row's tokens and values, remembered for the leak checks. */
    static final class Env {
        final List<String> secrets = new ArrayList<>(List.of(SECRET));

        String keep(String s) {
            secrets.add(s);
            return s;
        }

        long now() {
            return clock.instant().getEpochSecond();
        }

        /** Claims of a valid access token (for {@code catalogue-user}) with {@code extra} members appended. */
        String claims(String extra) {
            return "{\"sub\":\"catalogue-user\",\"type\":\"access\",\"fresh\":false,\"jti\":\"" + UUID.randomUUID() + "\",\"iat\":"
                    + now() + ",\"nbf\":" + now() + ",\"exp\":" + (now() + 600) + (extra.isEmpty() ? "" : "," + extra) + "}";
        }

        /** A payload built by hand (no defaults). */
        String forge(String payload) {
            return keep(Forge.hs256(KEY, payload));
        }

        String forge(String header, String payload) {
            return keep(Forge.sign("HS256", KEY, header, payload));
        }

        String sign(String alg, byte[] key, String header, String payload) {
            return keep(Forge.sign(alg, key, header, payload));
        }

        String valid() {
            return forge(claims(""));
        }

        String access() {
            return keep(server.manager().createAccessToken("testuser"));
        }

        String fresh() {
            return keep(server.manager().createAccessToken("testuser", TokenOptions.defaults().withFresh(true)));
        }

        String refresh() {
            return keep(server.manager().createRefreshToken("testuser"));
        }

        String csrf(String token) {
            return keep(server.manager().csrfToken(token));
        }

        /** Both halves of a login: access and refresh tokens (rotation on: a family), and their CSRF values. */
        Map<String, String> login() {
            Answer a = send(post("/login").json("{\"username\": \"testuser\", \"password\": \"testpass\"}"));
            assertThat(a.status()).isEqualTo(200);
            var json = json(a.body());
            return Map.of("access", keep(json.get("access_token").asText()), "refresh", keep(json.get("refresh_token").asText()));
        }
    }

    static com.fasterxml.jackson.databind.JsonNode json(String body) {
        try {
            return Client.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    record Row(String id, String what, Function<Env, Call> call, Set<Integer> status, String msg) {
        @Override
        public String toString() {
            return id + " " + what;
        }
    }

    static Row row(String id, String what, Function<Env, Call> call, int status, String msg) {
        return new Row(id, what, call, Set.of(status), msg);
    }

    static Row row(String id, String what, Function<Env, Call> call, Set<Integer> status, String msg) {
        return new Row(id, what, call, status, msg);
    }

    /**
     * A token row, three times: in the {@code Authorization} header to {@code GET /protected} and to
     * {@code POST /refresh}, and as the access cookie to {@code GET /protected}.
     */
    static List<Row> token(String id, String what, Function<Env, String> token, Set<Integer> status, String msg) {
        return List.of(
                row(id, what + " [header, /protected]", e -> get("/protected").header("Authorization", "Bearer " + token.apply(e)), status, msg),
                row(id, what + " [header, /refresh]", e -> post("/refresh").header("Authorization", "Bearer " + token.apply(e)), status, msg),
                row(id, what + " [cookie, /protected]", e -> get("/protected").header("Cookie", "access_token_cookie=" + token.apply(e)), status, msg));
    }

    /**
     * A token whose text is no valid cookie value (quotes, commas, tabs): in the header it is an
     * invalid token (422); as a cookie Jetty's parser drops it (401 missing) or refuses the line (400).
     */
    static List<Row> invalidNotACookie(String id, String what, Function<Env, String> token) {
        List<Row> rows = new ArrayList<>(invalid(id, what, token));
        Row cookie = rows.remove(2);
        rows.add(row(cookie.id(), cookie.what(), cookie.call(), Set.of(400, 401, 422), null));
        return rows;
    }

    static List<Row> invalid(String id, String what, Function<Env, String> token) {
        return token(id, what, token, INVALID, null);
    }

    static List<Row> invalid(String id, String what, String msg, Function<Env, String> token) {
        return token(id, what, token, INVALID, msg);
    }

    static String b64(String s) {
        return Forge.b64(s);
    }

    static String b64(byte[] b) {
        return Forge.b64(b);
    }

    static String seg(String token, int i) {
        return token.split("\\.", -1)[i];
    }

    /** A base64url segment whose last character has unused bits set (not canonical), or null when there are none. */
    static String nonCanonical(String segment) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int unusedBits = switch (segment.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        if (unusedBits == 0) {
            return null;
        }
        int last = alphabet.indexOf(segment.charAt(segment.length() - 1));
        return segment.substring(0, segment.length() - 1) + alphabet.charAt(last | 1);
    }

    // ---- the rows --------------------------------------------------------------------------

    static Stream<Row> rows() {
        List<Row> all = new ArrayList<>();
        all.addAll(structure());
        all.addAll(algorithms());
        all.addAll(signatures());
        all.addAll(headerParameters());
        all.addAll(claims());
        all.addAll(extraction());
        all.addAll(cookiesAndCsrf());
        all.addAll(lifecycle());
        all.addAll(login());
        return all.stream();
    }

    /** Structure and encoding of the token (rows A). */
    static List<Row> structure() {
        List<Row> r = new ArrayList<>();
        r.add(row("A1", "Authorization: Bearer (no token)", e -> get("/protected").header("Authorization", "Bearer"), 422, BAD));
        r.add(row("A1", "Authorization: Bearer and a space", e -> get("/protected").header("Authorization", "Bearer ").viaSocket(), 422, BAD));
        r.addAll(invalid("A2", "abc (no dot)", "Not enough segments", e -> "abc"));
        r.addAll(invalid("A3", "two segments h.p", "Not enough segments", e -> {
            String t = e.valid();
            return e.keep(seg(t, 0) + "." + seg(t, 1));
        }));
        r.addAll(invalid("A3", "empty header .p.s", e -> {
            String t = e.valid();
            return "." + seg(t, 1) + "." + seg(t, 2);
        }));
        r.addAll(invalid("A4", "h.p.s. (four segments)", e -> e.valid() + "."));
        r.addAll(invalid("A4", "h.p.s.x", e -> e.valid() + ".x"));
        r.addAll(invalid("A5", "five-segment compact JWE", e -> e.keep(b64("{\"alg\":\"dir\",\"enc\":\"A128GCM\"}") + ".." + b64("iv-iv-iv-iv") + "."
                + b64("ciphertext-of-claims") + "." + b64("tag-tag-tag-tag-"))));
        r.addAll(invalidNotACookie("A6", "JWS JSON serialization", e -> {
            String t = e.valid();
            return "{\"payload\":\"" + seg(t, 1) + "\",\"signatures\":[{\"protected\":\"" + seg(t, 0) + "\",\"signature\":\"" + seg(t, 2) + "\"}]}";
        }));
        r.addAll(invalid("A7", "signature truncated by one character", e -> {
            String t = e.valid();
            return t.substring(0, t.length() - 1);
        }));
        r.addAll(invalid("A7", "header truncated by one character, MAC over the literal", e -> {
            String t = e.valid();
            String h = seg(t, 0);
            return e.keep(Forge.signSegments("HS256", KEY, h.substring(0, h.length() - 1), seg(t, 1)));
        }));
        r.addAll(invalid("A8", "padded header segment, MAC over the literal", e -> e.keep(Forge.signSegments("HS256", KEY,
                b64("{\"alg\":\"HS256\"}") + "=", b64(e.claims(""))))));
        r.addAll(invalid("A8", "padded signature", e -> e.valid() + "="));
        r.addAll(invalid("A9", "standard-alphabet + and / in the payload, MAC over the literal", e -> {
            String p = b64(e.claims("\"x\":\"\u00fb\u00ff\u00fe\u00fb\u00ff\u00fe\""));
            return e.keep(Forge.signSegments("HS256", KEY, b64(HS), p.replace('-', '+').replace('_', '/')));
        }));
        r.addAll(invalid("A10", "non-canonical last character, MAC over the literal", e -> {
            String p = b64(e.claims(""));
            while (nonCanonical(p) == null) {
                p = b64(e.claims("\"pad\":\"" + "x".repeat(p.length() % 7 + 1) + "\""));
            }
            return e.keep(Forge.signSegments("HS256", KEY, b64(HS), nonCanonical(p)));
        }));
        r.addAll(invalid("A11", "space after a dot", e -> {
            String t = e.valid();
            return seg(t, 0) + ". " + seg(t, 1) + "." + seg(t, 2);
        }));
        r.addAll(invalidNotACookie("A11", "tab inside a segment", e -> {
            String t = e.valid();
            return seg(t, 0) + "." + seg(t, 1).substring(0, 5) + "\t" + seg(t, 1).substring(5) + "." + seg(t, 2);
        }));
        for (String c : List.of("?", "%2E", "\"", "{", "~")) {
            Function<Env, String> t = e -> {
                String v = e.valid();
                return seg(v, 0) + "." + seg(v, 1) + c + "." + seg(v, 2);
            };
            r.addAll(c.equals("\"") ? invalidNotACookie("A12", "character " + c + " inside a segment", t)
                    : invalid("A12", "character " + c + " inside a segment", t));
        }
        r.addAll(invalid("A12", "%2E instead of the dots", e -> e.valid().replace(".", "%2E")));
        r.addAll(invalid("A13", "header bytes not UTF-8", e -> e.keep(Forge.signBytes("HS256", KEY,
                new byte[] {'{', '"', 'a', 'l', 'g', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xfd, '"', '}'}, e.claims("").getBytes(StandardCharsets.UTF_8)))));
        r.addAll(invalid("A13", "payload UTF-16 with BOM", e -> e.keep(Forge.signBytes("HS256", KEY, HS.getBytes(StandardCharsets.UTF_8),
                e.claims("").getBytes(StandardCharsets.UTF_16)))));
        for (String notObject : List.of("[]", "\"x\"", "0", "-1", "true", "null", "\"\"")) {
            r.addAll(invalid("A14", "header " + notObject, e -> e.forge(notObject, e.claims(""))));
            r.addAll(invalid("A14", "payload " + notObject, e -> e.forge(notObject)));
        }
        r.addAll(invalid("A14", "payload a list", "Invalid payload string: must be a json object", e -> e.forge("[\"sub\",\"u\"]")));
        for (String notJson : List.of("foo", "{", "")) {
            r.addAll(invalid("A15", "payload '" + notJson + "'", e -> e.forge(notJson)));
        }
        r.addAll(invalid("A16", "header followed by garbage", e -> e.forge("{\"alg\":\"HS256\"}x", e.claims(""))));
        r.addAll(invalid("A16", "payload {}{}", e -> e.forge(e.claims("") + "{}")));
        for (String ext : List.of("/*c*/", "'s':'x'", "s:1", "\"n\":NaN", "\"n\":Infinity", "\"n\":01", "\"s\":\"a\u0001b\"")) {
            r.addAll(invalid("A17", "JSON extension " + ext.replace("\u0001", "\\u0001"), e -> e.forge(e.claims("").replace("}", "," + ext + "}"))));
        }
        r.addAll(invalid("A18", "duplicate alg", e -> e.forge("{\"alg\":\"none\",\"alg\":\"HS256\"}", e.claims(""))));
        r.addAll(invalid("A18", "duplicate sub", e -> e.forge(e.claims("\"sub\":\"admin\""))));
        r.addAll(invalid("A18", "duplicate type", e -> e.forge(e.claims("\"type\":\"refresh\""))));
        r.addAll(invalid("A19", "escaped name \\u0061lg: none", e -> e.keep(b64("{\"\\u0061lg\":\"none\"}") + "." + b64(e.claims("")) + ".")));
        r.add(row("A20", "1 MB token in Authorization", e -> get("/protected").header("Authorization", "Bearer " + e.keep(random(768 * 1024))).viaSocket(),
                431, "Request Header Fields Too Large"));
        r.add(row("A21", "1 MB token in the access cookie", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.keep(random(768 * 1024))).viaSocket(),
                431, "Request Header Fields Too Large"));
        r.add(row("A21", "1 MB token in the query string", e -> get("/protected?jwt=" + e.keep(random(768 * 1024))).viaSocket(), 414, "URI Too Long"));
        r.add(row("A21", "10 MB JSON body", e -> post("/protected").body("application/json", new byte[10 * 1024 * 1024]).viaSocket(),
                413, "Request body too large (at most 65536 bytes)"));
        // Jetty's 8 KiB header limit comes before the library's 8192-character token limit: nesting and
        // sizes that fit in a header line are refused by the decoder, larger ones by Jetty.
        r.addAll(invalid("A22", "claim nested 2500 deep", e -> e.forge(e.claims("\"x\":" + "[".repeat(2500) + "]".repeat(2500)))));
        r.addAll(token("A22", "claim nested 4000 deep", e -> e.forge(e.claims("\"x\":" + "[".repeat(4000) + "]".repeat(4000))), Set.of(422, 431), null));
        r.addAll(invalid("A23", "4000-digit number", e -> e.forge(e.claims("\"n\":" + "9".repeat(4000)))));
        r.addAll(invalid("A23", "500 claim names", e -> {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < 500; i++) {
                b.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":0");
            }
            return e.forge(e.claims(b.toString()));
        }).stream().map(x -> row(x.id(), x.what(), x.call(), Set.of(200, 422), null)).toList());
        r.addAll(token("A23", "token of 9000 characters", e -> e.forge(e.claims("\"s\":\"" + "x".repeat(6600) + "\"")), Set.of(422, 431), null));
        return r;
    }

    /** The {@code alg} header and the algorithm allow-list (rows B). */
    static List<Row> algorithms() {
        List<Row> r = new ArrayList<>();
        for (String none : List.of("none", "None", "NONE", "nOnE", "noNE")) {
            r.addAll(invalid("B1", "alg " + none + ", empty signature", e -> e.keep(b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "." + b64(e.claims("")) + ".")));
        }
        r.addAll(invalid("B1", "alg none", ALG, e -> e.keep(b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(e.claims("")) + ".")));
        r.addAll(invalid("B2", "alg none with a real HMAC", e -> e.forge("{\"alg\":\"none\",\"typ\":\"JWT\"}", e.claims(""))));
        r.addAll(invalid("B3", "alg missing", "Algorithm not specified", e -> e.forge("{\"typ\":\"JWT\"}", e.claims(""))));
        for (String alg : List.of("null", "\"\"", "256", "[\"HS256\"]", "{\"x\":1}")) {
            r.addAll(invalid("B3", "alg " + alg, e -> e.forge("{\"alg\":" + alg + ",\"typ\":\"JWT\"}", e.claims(""))));
        }
        r.addAll(invalid("B4", "HS512 token, HS256 server", ALG, e -> e.sign("HS512", KEY, "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", e.claims(""))));
        for (String alg : List.of("hs256", "Hs256")) {
            r.addAll(invalid("B5", "alg " + alg, ALG, e -> e.forge("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", e.claims(""))));
        }
        for (String alg : List.of("RS256", "ES256", "PS256", "EdDSA")) {
            r.addAll(invalid("B7", alg + " token on an HS256 server", ALG, e -> e.keep(b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}") + "."
                    + b64(e.claims("")) + "." + random(64))));
        }
        for (String alg : List.of("dir", "RSA-OAEP", "A128KW", "HS1024", "XYZ")) {
            r.addAll(invalid("B9/B10", "alg " + alg + " in a 3-part token", ALG, e -> e.forge("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}", e.claims(""))));
        }
        return r;
    }

    /** Signatures (rows C). */
    static List<Row> signatures() {
        List<Row> r = new ArrayList<>();
        r.addAll(invalid("C1", "stripped signature h.p.", e -> {
            String t = e.valid();
            return t.substring(0, t.lastIndexOf('.') + 1);
        }));
        r.addAll(invalid("C2", "first signature character changed", SIG, e -> {
            String t = e.valid();
            int i = t.lastIndexOf('.') + 1;
            return t.substring(0, i) + (t.charAt(i) == 'A' ? 'B' : 'A') + t.substring(i + 1);
        }));
        r.addAll(invalid("C2", "signature truncated by 4 characters", e -> {
            String t = e.valid();
            return t.substring(0, t.length() - 4);
        }));
        r.addAll(invalid("C2", "signature of another token", SIG, e -> {
            String t = e.valid();
            return t.substring(0, t.lastIndexOf('.') + 1) + seg(e.valid(), 2);
        }));
        r.addAll(invalid("C3", "payload changed (sub admin), old signature", SIG, e -> {
            String t = e.valid();
            return seg(t, 0) + "." + b64(e.claims("").replace("catalogue-user", "admin")) + "." + seg(t, 2);
        }));
        r.addAll(invalid("C4", "zero bytes around the signature", e -> {
            String t = e.valid();
            byte[] mac = Base64.getUrlDecoder().decode(seg(t, 2));
            byte[] padded = new byte[mac.length + 2];
            System.arraycopy(mac, 0, padded, 1, mac.length);
            return t.substring(0, t.lastIndexOf('.') + 1) + b64(padded);
        }));
        r.addAll(invalid("C10", "16-byte MAC", e -> {
            String t = e.valid();
            byte[] mac = Base64.getUrlDecoder().decode(seg(t, 2));
            return t.substring(0, t.lastIndexOf('.') + 1) + b64(java.util.Arrays.copyOf(mac, 16));
        }));
        for (String weak : List.of("secret", "password", "your-256-bit-secret", "jwt")) {
            r.addAll(invalid("C11", "signed with the weak secret '" + weak + "'", SIG, e -> e.sign("HS256", weak.getBytes(StandardCharsets.UTF_8), HS, e.claims(""))));
        }
        r.addAll(invalid("I3", "bad signature and expired", SIG, e -> e.sign("HS256", "another-key-0123456789abcdef0123456789".getBytes(StandardCharsets.UTF_8), HS,
                "{\"sub\":\"catalogue-user\",\"exp\":" + (e.now() - 60) + "}")));
        return r;
    }

    /** Header parameters: {@code crit}, {@code b64}, key headers, {@code kid}, {@code zip} (rows D). */
    static List<Row> headerParameters() {
        List<Row> r = new ArrayList<>();
        for (String crit : List.of("\"crit\":[\"x-unknown\"],\"x-unknown\":1", "\"crit\":[]", "\"crit\":\"exp\"", "\"crit\":[\"exp\"]", "\"crit\":[\"absent\"]")) {
            r.addAll(invalid("D1", crit, e -> e.forge("{\"alg\":\"HS256\"," + crit + "}", e.claims(""))));
        }
        r.addAll(invalid("D2", "b64:false, crit b64", e -> e.forge("{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", e.claims(""))));
        for (String b64 : List.of("false", "true")) {
            r.addAll(invalid("D2", "b64:" + b64 + " without crit, correctly signed", "Invalid header string: b64 is not allowed",
                    e -> e.forge("{\"alg\":\"HS256\",\"b64\":" + b64 + "}", e.claims(""))));
        }
        byte[] attacker = "attacker-own-hmac-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
        r.addAll(invalid("D3", "embedded jwk with the attacker's key", SIG, e -> e.sign("HS256", attacker,
                "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + b64(attacker) + "\"}}", e.claims(""))));
        for (String p : List.of("jku", "x5u")) {
            r.addAll(invalid("D4", p + " pointing at a local listener", e -> e.sign("HS256", attacker,
                    "{\"alg\":\"HS256\",\"" + p + "\":\"http://127.0.0.1:" + listener.getLocalPort() + "/jwks.json\"}", e.claims(""))));
        }
        r.addAll(invalid("D5", "x5c with a self-made certificate", e -> e.sign("HS256", attacker,
                "{\"alg\":\"HS256\",\"x5c\":[\"" + Base64.getEncoder().encodeToString(attacker) + "\"]}", e.claims(""))));
        for (String kid : List.of("../../../../../../dev/null", "/dev/null", "/invalid_path")) {
            r.addAll(invalid("D6", "kid " + kid + " signed with a zero byte", e -> e.sign("HS256", new byte[] {0},
                    "{\"alg\":\"HS256\",\"kid\":\"" + e.keep(kid) + "\"}", e.claims(""))));
        }
        r.addAll(invalid("D7", "kid SQL injection signed with '1'", e -> e.sign("HS256", "1".getBytes(StandardCharsets.UTF_8),
                "{\"alg\":\"HS256\",\"kid\":\"" + e.keep("x' UNION SELECT '1';--") + "\"}", e.claims(""))));
        for (String kid : List.of("|sleep 10", "`id`", "$(sleep 10)")) {
            r.addAll(invalid("D8", "kid " + kid, e -> e.sign("HS256", attacker, "{\"alg\":\"HS256\",\"kid\":\"" + e.keep(kid) + "\"}", e.claims(""))));
        }
        for (String kid : List.of("5", "{\"a\":1}", "null")) {
            r.addAll(invalid("D9", "kid " + kid, e -> e.forge("{\"alg\":\"HS256\",\"kid\":" + kid + "}", e.claims(""))));
        }
        r.addAll(invalid("D9", "kid with CR LF and NUL", e -> e.sign("HS256", attacker, "{\"alg\":\"HS256\",\"kid\":\"k\\r\\n\\u0000"
                + e.keep("kid-marker-" + random(6)) + "\"}", e.claims(""))));
        r.addAll(token("D9", "kid of 10 KB", e -> e.sign("HS256", attacker, "{\"alg\":\"HS256\",\"kid\":\"" + e.keep("k".repeat(10_000)) + "\"}", e.claims("")),
                Set.of(422, 431), null));
        r.addAll(invalid("D13", "zip DEF with a deflated payload", e -> {
            java.util.zip.Deflater d = new java.util.zip.Deflater(9, true);
            d.setInput(e.claims("").getBytes(StandardCharsets.UTF_8));
            d.finish();
            byte[] out = new byte[1024];
            int n = d.deflate(out);
            return e.keep(Forge.signBytes("HS256", KEY, "{\"alg\":\"HS256\",\"zip\":\"DEF\"}".getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOf(out, n)));
        }));
        r.add(row("D17", "unknown non-critical header foo (accepted)", e -> get("/protected").header("Authorization", "Bearer "
                + e.forge("{\"alg\":\"HS256\",\"foo\":\"bar\"}", e.claims(""))), 200, null));
        return r;
    }

    /** Claims and time (rows E). */
    static List<Row> claims() {
        List<Row> r = new ArrayList<>();
        String expInt = "Expiration Time claim (exp) must be an integer.";
        for (String exp : List.of("\"1893456000\"", "\"soon\"")) {
            r.addAll(invalid("E2", "exp " + exp, expInt, e -> e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + exp + "}")));
        }
        for (String claim : List.of("exp", "nbf", "iat")) {
            for (String v : List.of("true", "[]", "{}")) {
                r.addAll(invalid("E3", claim + " " + v, e -> e.forge("{\"sub\":\"catalogue-user\",\"" + claim + "\":" + v + "}")));
            }
        }
        for (String exp : List.of("1e300", "9223372036854775808", "1e400", "-1e300")) {
            r.addAll(invalid("E5", "exp " + exp, e -> e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + exp + "}")));
        }
        r.add(row("E4", "exp with a fraction (accepted)", e -> get("/protected").header("Authorization", "Bearer "
                + e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + (e.now() + 600) + ".5}")), 200, null));
        r.addAll(token("E6", "exp -1", e -> e.forge("{\"sub\":\"catalogue-user\",\"exp\":-1}"), Set.of(401), "Token has expired").subList(0, 1));
        r.add(row("E7", "exp = now", e -> get("/protected").header("Authorization", "Bearer " + e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + e.now() + "}")),
                401, "Token has expired"));
        r.add(row("E7", "exp = now + 1 (accepted)", e -> get("/protected").header("Authorization", "Bearer "
                + e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + (e.now() + 1) + "}")), 200, null));
        r.addAll(invalid("E8", "nbf = now + 1", "The token is not yet valid (nbf)", e -> e.forge(e.claims("").replaceFirst("\"nbf\":\\d+", "\"nbf\":" + (e.now() + 1)))));
        r.add(row("E8", "nbf = now (accepted)", e -> get("/protected").header("Authorization", "Bearer "
                + e.forge("{\"sub\":\"catalogue-user\",\"nbf\":" + e.now() + "}")), 200, null));
        r.addAll(invalid("E9", "iat = now + 1", "The token is not yet valid (iat)", e -> e.forge(e.claims("").replaceFirst("\"iat\":\\d+", "\"iat\":" + (e.now() + 1)))));
        r.addAll(invalid("E11", "sub missing", "Missing claim: sub", e -> e.forge("{\"type\":\"access\",\"exp\":" + (e.now() + 60) + "}")));
        for (String sub : List.of("123", "{}", "[]", "false")) {
            r.addAll(invalid("E12", "sub " + sub, "Subject must be a string", e -> e.forge("{\"sub\":" + sub + ",\"exp\":" + (e.now() + 60) + "}")));
        }
        r.addAll(token("E12", "sub null", e -> e.forge("{\"sub\":null,\"exp\":" + (e.now() + 60) + "}"), Set.of(422), null));
        for (String id : List.of("\uff41\uff44\uff4d\uff49\uff4e", "admin\u200b", "e\u0301", "\u202eadmin")) {
            r.add(row("E14", "identity " + id.codePoints().mapToObj(Integer::toHexString).toList() + " stays itself",
                    e -> get("/protected").header("Authorization", "Bearer " + e.forge("{\"sub\":\"" + id + "\",\"exp\":" + (e.now() + 60) + "}")),
                    200, "{\"logged_in_as\":\"" + id + "\"}"));
        }
        r.add(row("E18", "refresh token on /protected", e -> get("/protected").header("Authorization", "Bearer " + e.refresh()), 422,
                "Only non-refresh tokens are allowed"));
        r.add(row("E18", "refresh token in the access cookie", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.refresh()), 422,
                "Only non-refresh tokens are allowed"));
        r.add(row("E19", "access token on /refresh", e -> post("/refresh").header("Authorization", "Bearer " + e.access()), 422,
                "Only refresh tokens are allowed"));
        r.add(row("E21", "non-fresh token on /fresh", e -> get("/fresh").header("Authorization", "Bearer " + e.access()), 401, "Fresh token required"));
        r.add(row("E21", "fresh token on /fresh (accepted)", e -> get("/fresh").header("Authorization", "Bearer " + e.fresh()), 200, null));
        r.add(row("E22", "cookie token without csrf claim, POST with X-CSRF-TOKEN", e -> post("/protected")
                .header("Cookie", "access_token_cookie=" + e.forge("{\"sub\":\"catalogue-user\",\"exp\":" + (e.now() + 60) + "}")).header("X-CSRF-TOKEN", "x"),
                422, "Missing claim: csrf"));
        r.addAll(invalid("E23", "jti a number", "JWT ID must be a string", e -> e.forge("{\"sub\":\"catalogue-user\",\"jti\":5}")));
        r.add(row("E24", "revoked access token", e -> {
            String t = e.access();
            assertThat(send(post("/logout").header("Authorization", "Bearer " + t)).status()).isEqualTo(200);
            return get("/protected").header("Authorization", "Bearer " + t);
        }, 401, "Token has been revoked"));
        return r;
    }

    /** Extraction: the header, the query string, JSON bodies, several locations (rows F). */
    static List<Row> extraction() {
        String missing = "Missing JWT in cookies or headers (Missing cookie \"access_token_cookie\"; Missing Authorization Header)";
        List<Row> r = new ArrayList<>();
        r.add(row("F1", "no token at all", e -> get("/protected"), 401, missing));
        r.add(row("F2", "Basic credentials only", e -> get("/protected").header("Authorization", "Basic dXNlcjpwYXNz"), 401, null));
        r.add(row("F4", "Bearer and two spaces (accepted)", e -> get("/protected").header("Authorization", "Bearer  " + e.access()), 200, null));
        r.add(row("F5", "Bearer:<t>", e -> get("/protected").header("Authorization", "Bearer:" + e.access()), Set.of(401, 422), null));
        r.add(row("F5", "Bearer=<t>", e -> get("/protected").header("Authorization", "Bearer=" + e.access()), Set.of(401, 422), null));
        r.add(row("F6", "Bearer <t> extra", e -> get("/protected").header("Authorization", "Bearer " + e.access() + " extra"), 422, BAD));
        r.add(row("F7", "Bearer <t>, Basic creds (accepted)", e -> get("/protected").header("Authorization", "Bearer " + e.access() + ", Basic dXNlcjpwYXNz"), 200, null));
        r.add(row("F7", "Basic creds, Bearer <t> (accepted)", e -> get("/protected").header("Authorization", "Basic dXNlcjpwYXNz, Bearer " + e.access()), 200, null));
        r.add(row("F8", "Bearer a, Bearer <t>", e -> get("/protected").header("Authorization", "Bearer a, Bearer " + e.access()), Set.of(400, 401), null));
        r.add(row("F9", "two Authorization field lines", e -> {
            String t = e.access();
            return get("/protected").header("Authorization", "Bearer " + t).header("Authorization", "Bearer " + t);
        }, 400, "Multiple Authorization headers"));
        r.add(row("F10", "invalid cookie and valid header: the cookie (first location) decides", e -> get("/protected")
                .header("Cookie", "access_token_cookie=x.y").header("Authorization", "Bearer " + e.access()), 422, "Not enough segments"));
        r.add(row("F11", "?jwt=<t> while the query string is no token location", e -> get("/protected?jwt=" + e.access()), 401, missing));
        return r;
    }

    /** Cookies and CSRF (rows G). */
    static List<Row> cookiesAndCsrf() {
        List<Row> r = new ArrayList<>();
        r.add(row("G1", "POST with the access cookie, no X-CSRF-TOKEN", e -> post("/protected").header("Cookie", "access_token_cookie=" + e.access()),
                401, "Missing CSRF token"));
        r.add(row("G1", "POST /logout with the access cookie, no X-CSRF-TOKEN", e -> post("/logout").header("Cookie", "access_token_cookie=" + e.access()),
                401, "Missing CSRF token"));
        r.add(row("G1", "POST /refresh with the refresh cookie, no X-CSRF-TOKEN", e -> post("/refresh").header("Cookie", "refresh_token_cookie=" + e.refresh()),
                401, "Missing CSRF token"));
        r.add(row("G2", "wrong X-CSRF-TOKEN", e -> post("/protected").header("Cookie", "access_token_cookie=" + e.access())
                .header("X-CSRF-TOKEN", e.keep(random(24))), 401, "CSRF double submit tokens do not match"));
        r.add(row("G3", "X-CSRF-TOKEN equal to a tossed csrf_access_token cookie", e -> {
            String tossed = e.keep(random(24));
            return post("/protected").header("Cookie", "access_token_cookie=" + e.access() + "; csrf_access_token=" + tossed).header("X-CSRF-TOKEN", tossed);
        }, 401, "CSRF double submit tokens do not match"));
        r.add(row("G3", "the access token's CSRF value on /refresh", e -> {
            String access = e.access();
            return post("/refresh").header("Cookie", "refresh_token_cookie=" + e.refresh()).header("X-CSRF-TOKEN", e.csrf(access));
        }, 401, "CSRF double submit tokens do not match"));
        r.add(row("G4", "GET with the access cookie, no CSRF (accepted)", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.access()), 200, null));
        // Javalin routes by X-HTTP-Method-Override (a header another site cannot send without a CORS
        // preflight); the CSRF check follows the effective method, and there is no DELETE route.
        r.add(row("G5", "X-HTTP-Method-Override: DELETE on a GET: no such route", e -> get("/protected")
                .header("Cookie", "access_token_cookie=" + e.access()).header("X-HTTP-Method-Override", "DELETE"), 405, "Method Not Allowed"));
        r.add(row("G5", "X-HTTP-Method-Override: POST on a GET to /logout: CSRF checked on the effective method", e -> get("/logout")
                .header("Cookie", "access_token_cookie=" + e.access()).header("X-HTTP-Method-Override", "POST"), 401, "Missing CSRF token"));
        r.add(row("G5", "_method=DELETE on a GET is not honoured", e -> get("/protected?_method=DELETE")
                .header("Cookie", "access_token_cookie=" + e.access()), 200, null));
        r.add(row("G6", "CSRF value only in a form field", e -> {
            String t = e.access();
            return post("/protected").header("Cookie", "access_token_cookie=" + t)
                    .body("application/x-www-form-urlencoded", ("csrf_token=" + e.csrf(t)).getBytes(StandardCharsets.UTF_8));
        }, 401, "Missing CSRF token"));
        r.add(row("G7", "empty X-CSRF-TOKEN", e -> post("/protected").header("Cookie", "access_token_cookie=" + e.access()).header("X-CSRF-TOKEN", ""),
                401, "Missing CSRF token"));
        r.add(row("G11", "16 KB Cookie header", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.keep(random(12 * 1024))).viaSocket(),
                431, "Request Header Fields Too Large"));
        r.add(row("G11", "64 KB Cookie header", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.keep(random(48 * 1024))).viaSocket(),
                431, "Request Header Fields Too Large"));
        // RFC 6265 allows a DQUOTE-wrapped cookie-value; Jetty (like Werkzeug for the reference)
        // unwraps it, which yields the same token: no bypass, so the recommended 422 is not taken.
        r.add(row("G12", "quoted cookie value: unwrapped by the cookie parser, as Werkzeug does", e -> get("/protected")
                .header("Cookie", "access_token_cookie=\"" + e.access() + "\""), 200, null));
        r.add(row("G12", "URL-encoded cookie value", e -> get("/protected").header("Cookie", "access_token_cookie=" + e.access().replace(".", "%2E")), 422, null));
        r.add(row("G14", "cross-site POST /login", e -> post("/login").header("Sec-Fetch-Site", "cross-site")
                .json("{\"username\": \"testuser\", \"password\": \"testpass\"}"), 403, "Cross-site login request refused"));
        r.add(row("G14", "POST /login from another origin", e -> post("/login").header("Origin", "https://evil.example")
                .json("{\"username\": \"testuser\", \"password\": \"testpass\"}"), 403, "Cross-site login request refused"));
        return r;
    }

    /** Revocation and the refresh lifecycle (rows H). */
    static List<Row> lifecycle() {
        List<Row> r = new ArrayList<>();
        r.add(row("H2", "revoked refresh token on /refresh", e -> {
            String t = e.refresh();
            assertThat(send(post("/logout").header("Authorization", "Bearer " + t)).status()).isEqualTo(200);
            return post("/refresh").header("Authorization", "Bearer " + t);
        }, 401, "Token has been revoked"));
        r.add(row("H3", "reuse of a rotated refresh token", e -> {
            String t = e.login().get("refresh");
            assertThat(send(post("/refresh").header("Authorization", "Bearer " + t)).status()).isEqualTo(200);
            return post("/refresh").header("Authorization", "Bearer " + t);
        }, 401, "Token has been revoked"));
        r.add(row("H3", "after a reuse the family's newest refresh token fails too", e -> {
            String t = e.login().get("refresh");
            Answer rotated = send(post("/refresh").header("Authorization", "Bearer " + t));
            String newest = e.keep(json(rotated.body()).get("refresh_token").asText());
            assertThat(send(post("/refresh").header("Authorization", "Bearer " + t)).status()).isEqualTo(401);
            return post("/refresh").header("Authorization", "Bearer " + newest);
        }, 401, "Token has been revoked"));
        r.add(row("H9", "after /logout with cookies, the refresh cookie's token is revoked too", e -> {
            Map<String, String> l = e.login();
            String access = l.get("access");
            Answer out = send(post("/logout").header("Cookie", "access_token_cookie=" + access + "; refresh_token_cookie=" + l.get("refresh"))
                    .header("X-CSRF-TOKEN", e.csrf(access)));
            assertThat(out.status()).isEqualTo(200);
            return post("/refresh").header("Authorization", "Bearer " + l.get("refresh"));
        }, 401, "Token has been revoked"));
        return r;
    }

    /**
     * Hostile bodies and headers on /login: malformed or mistyped JSON, a wrong content type, oversized
     * bodies, repeated names (F14/F15-style input, A21, T7).
     */
    static List<Row> login() {
        List<Row> r = new ArrayList<>();
        for (String body : List.of("{", "[]", "null", "\"x\"", "{}", "{\"username\": \"testuser\"}", "{\"username\": 1, \"password\": \"x\"}",
                "{\"username\": \"testuser\", \"password\": \"testpass\", \"password\": \"other\"}", "{\"username\": \"testuser\", \"password\": \"testpass\"} x",
                "{\"username\": " + "[".repeat(5000) + "}", "{\"username\": \"a\", \"password\": \"" + "p".repeat(2000) + "\"}")) {
            r.add(row("F15", "/login body " + (body.length() > 60 ? body.substring(0, 60) + "..." : body), e -> post("/login").json(body), 400, null));
        }
        r.add(row("F15", "/login body not UTF-8", e -> post("/login").body("application/json", new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}), 400, null));
        r.add(row("F14", "/login with text/plain", e -> post("/login").body("text/plain", "{\"username\":\"testuser\",\"password\":\"testpass\"}"
                .getBytes(StandardCharsets.UTF_8)), 415, "Content-Type must be application/json"));
        r.add(row("A21", "/login with a 10 MB body", e -> post("/login").body("application/json", new byte[10 * 1024 * 1024]).viaSocket(),
                413, "Request body too large (at most 65536 bytes)"));
        r.add(row("A21", "/login with a 20 KB body", e -> post("/login").body("application/json", new byte[20 * 1024]), 413,
                "Request body too large (at most 16384 bytes)"));
        // /login authenticates by the password alone: a token sent with it, even one naming the user,
        // changes nothing. (Filed under T6, the token endpoint's rule; the no-store half of that rule is
        // tokenAnswersAreNotStored below.)
        r.add(row("T6", "a forged token on /login is ignored: still a password check", e -> post("/login")
                .header("Authorization", "Bearer " + e.forge("{\"sub\":\"admin\"}")).json("{\"username\": \"admin\", \"password\": \"wrong\"}"),
                401, "Bad username or password"));
        return r;
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        new java.security.SecureRandom().nextBytes(b);
        return Forge.b64(b);
    }

    // ---- the test --------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void catalogueRow(Row row) {
        Env env = new Env();
        Call call = row.call().apply(env);
        long t0 = System.nanoTime();
        Answer a = send(call);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(a.status()).as("%s: %s %s", row, a.status(), a.body()).isIn(row.status().toArray());
        assertThat(a.status()).as("never a 5xx").isLessThan(500);
        if (a.status() >= 400) {
            assertSafeError(a, env.secrets);
            assertThat(millis).as("answered in bounded time").isLessThan(5_000);
        }
        if (row.msg() != null) {
            if (row.msg().startsWith("{")) {
                assertThat(a.body()).isEqualTo(row.msg());
            } else {
                assertThat(json(a.body()).get("msg").asText()).as("%s", row).isEqualTo(row.msg());
            }
        }
        if (a.status() == 401 && !call.path().equals("/login")) {
            assertThat(a.header("WWW-Authenticate")).as("a 401 carries a Bearer challenge").startsWith("Bearer");
        }
        assertThat(FETCHES.get()).as("no connection is ever made because of a token (jku/x5u)").isZero();
    }

    /** The leak checks (I1, I2): the fixed JSON shape, nothing echoed, nothing that names the implementation. */
    static void assertSafeError(Answer a, List<String> secrets) {
        assertThat(a.header("Content-Type")).as("JSON: %s", a.body()).startsWith("application/json");
        assertThat(a.body()).as("body shape").matches(BODY);
        StringBuilder all = new StringBuilder(a.body());
        a.headers().forEach((k, v) -> all.append('\n').append(k).append(": ").append(String.join(", ", v)));
        String text = all.toString();
        for (String f : List.of("Exception", "at com.", "at java.", "Caused by", ".java:", "SQL", "-----BEGIN", "io.github", "jackson",
                "jetty", "javalin")) {
            assertThat(text).as("leaks %s", f).doesNotContain(f);
        }
        assertThat(CLASS_NAME.matcher(text).find()).as("no exception class name in %s", text).isFalse();
        for (String s : secrets) {
            if (s == null || s.length() < 4) {
                continue;
            }
            assertThat(text).as("echoes a token or value sent").doesNotContain(s);
            for (String segment : s.split("[.\\s]")) {
                if (segment.length() >= 12) {
                    assertThat(text).as("echoes a token segment").doesNotContain(segment);
                }
            }
        }
    }

    @Test
    void tokenAnswersAreNotStored() {
        Answer login = send(post("/login").json("{\"username\": \"testuser\", \"password\": \"testpass\"}"));
        assertThat(login.header("Cache-Control")).isEqualTo("no-store");
        String refresh = json(login.body()).get("refresh_token").asText();
        Answer refreshed = send(post("/refresh").header("Authorization", "Bearer " + refresh));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.header("Cache-Control")).isEqualTo("no-store");
    }

    /** Every JOSE string of the Wycheproof JOSE files (core test vectors) as a Bearer token (issue #8 item 5): 401 or 422, the leak checks. */
    @Test
    void everyWycheproofJoseStringIsRefused() {
        java.util.Set<String> strings = io.github.jwtextended.fixtures.TestVectors.wycheproofJoseStrings();
        assertThat(strings).hasSizeGreaterThan(500);
        java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        for (String s : strings) {
            Call call = get("/protected").header("Authorization", "Bearer " + s);
            if (!s.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
                call = call.viaSocket(); // a JSON serialization, with spaces: a field value, but not one java.net.http sends
            }
            Answer a = send(call);
            assertThat(a.status()).as("%s -> %s", s.length() > 80 ? s.substring(0, 80) : s, a.body()).isIn(401, 422);
            assertSafeError(a, List.of(s));
            byStatus.merge(a.status(), 1, Integer::sum);
        }
        System.out.println("Wycheproof JOSE strings as Bearer tokens against the example server: " + strings.size() + ", " + byStatus);
    }

    @Test
    void theRowsCoverEverySectionAndStayInLimits() {
        List<Row> all = rows().toList();
        Set<String> sections = new java.util.TreeSet<>();
        all.forEach(r -> sections.add(r.id().substring(0, 1)));
        assertThat(sections).contains("A", "B", "C", "D", "E", "F", "G", "H", "I", "T");
        System.out.println("catalogue rows over HTTP against the example server: " + all.size());
    }
}
