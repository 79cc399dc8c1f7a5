package io.github.jwtextended.example.flow;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile HTTP/1.1 framing, as raw bytes for a plain socket (no client library would send them):
 * request lines with odd methods, targets and versions; bare LF or CR line ends; folded, nameless,
 * duplicated and control-character header fields; every way of framing a body that the RFCs
 * forbid or make ambiguous (negative, duplicated, non-numeric or lying {@code Content-Length};
 * {@code Transfer-Encoding} with bad chunk sizes, extensions, trailers, unknown codings, or beside
 * a {@code Content-Length}, the request-smuggling classic); bodies cut short; pipelined requests
 * behind them; random byte flips. Each case is drawn from a {@link Random} with a fixed seed, so a
 * failure names its seed and case and is replayed exactly.
 *
 * <p>Thread safety: not thread safe (it holds its random source); use one per thread.
 */
public final class RawFraming {
    /** One request (or several, pipelined) as bytes, and what was chosen, for the failure message. */
    public record Case(int index, byte[] bytes, String method, String target, String version, boolean mutated, boolean pipelinedPing) {
        /** The bytes, printable: control characters and non-ASCII as escapes, at most 600 characters. */
        public String printable() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < bytes.length && b.length() < 600; i++) {
                int c = bytes[i] & 0xff;
                if (c == '\r') {
                    b.append("\\r");
                } else if (c == '\n') {
                    b.append("\\n");
                } else if (c < 0x20 || c >= 0x7f) {
                    b.append(String.format("\\x%02x", c));
                } else {
                    b.append((char) c);
                }
            }
            return b.length() >= 600 ? b + "..." : b.toString();
        }
    }

    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
        "HEAD", "get", "G ET", "GET\tGET", "", "P\u0000ST", "GETT", "X".repeat(300), "CONNECT", "TRACE"};
    private static final String[] TARGETS = {"/ping", "/protected", "/protected", "/login", "/login", "/refresh",
        "/nowhere", "/protected?x=1&x=2", "*", "http://127.0.0.1/ping", "/%zz", "/%00", "/..;/protected", "//protected",
        "/protected#frag", "/prot\u00e9cted", "", "/ping?" + "q".repeat(3000), "/protected/", "/PROTECTED", "/ping%20x"};
    private static final String[] VERSIONS = {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.1",
        "HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/1.0", "HTTP/1.2",
        "HTTP/2.0", "HTTP/3", "HTTP/0.9", "HTTP/1.1x", "http/1.1", "", "HTTP/1.1 extra", "HTTP/11"};
    private static final String[] JUNK_FIELDS = {"X-Nul: a\u0000b", "X-Tab:\tv", " X-Folded: v", "NoColon", ": no-name",
        "X-\u00dcnicode: v", "X Space: v", "X-Empty:", "X-Long: " + "v".repeat(2000), "Expect: 100-continue",
        "Connection: keep-alive", "Connection: close", "Connection: Upgrade", "Upgrade: h2c", "Upgrade: websocket",
        "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA", "X-HTTP-Method-Override: DELETE", "Content-Encoding: gzip",
        "X-Forwarded-For: 1.2.3.4, unknown", "Range: bytes=0-1,2-3", "If-None-Match: *", "X-Del: \u007f",
        "X-Bell: \u0007", "X-Latin: \u00ff\u00fe", "Cookie: " + "c=v; ".repeat(200), "Cookie: a=\"quoted\"",
        "Authorization: Basic Og==", "Authorization: Bearer", "Authorization: Bearer a.b.c", "Transfer-Encoding:"};
    private static final String[] CODINGS = {"chunked, chunked", "identity", "gzip, chunked", "gzip", "Chunked", " chunked",
        "chunked\u000b", "chunked;q=1", "xchunked", "chunked, identity", "\"chunked\""};

    private final Random random;
    private final String host;
    private final String access;
    private final String csrf;
    private int index;

    /**
     * @param seed the seed of the random source
     * @param host the {@code Host} value of a well-formed request
     * @param access a valid access token (sent as it is, cut, or altered)
     * @param csrf the CSRF value that goes with {@code access} in a cookie request
     */
    public RawFraming(long seed, String host, String access, String csrf) {
        this.random = new Random(seed);
        this.host = host;
        this.access = access;
        this.csrf = csrf;
    }

    /** The next case. */
    public Case next() {
        String method = pick(METHODS);
        String target = pick(TARGETS);
        String version = pick(VERSIONS);
        String eol = random.nextInt(10) < 9 ? "\r\n" : pick(new String[] {"\n", "\r", "\r\r\n", "\n\r"});
        List<String> fields = new ArrayList<>();
        int hostChoice = random.nextInt(12);
        if (hostChoice < 9) {
            fields.add("Host: " + host);
        } else if (hostChoice == 9) {
            fields.add("Host: " + host);
            fields.add("Host: other.example");
        } else if (hostChoice == 10) {
            fields.add("Host:");
        } // else none
        switch (random.nextInt(6)) {
            case 0, 1 -> fields.add("Authorization: Bearer " + access);
            case 2 -> fields.add("Authorization: Bearer " + alter(access));
            case 3 -> {
                fields.add("Cookie: access_token_cookie=" + access);
                fields.add("X-CSRF-TOKEN: " + (random.nextBoolean() ? csrf : alter(csrf)));
            }
            default -> { }
        }
        if (random.nextInt(3) > 0) {
            fields.add(pick(new String[] {"Content-Type: application/json", "Content-Type: application/json", "Content-Type: text/plain",
                "Content-Type: application/json; charset=utf-7", "Content-Type: multipart/form-data; boundary=x",
                "Content-Type: application/x-www-form-urlencoded"}));
        }
        int junk = random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < junk; i++) {
            fields.add(random.nextInt(fields.size() + 1), pick(JUNK_FIELDS));
        }
        if (random.nextInt(40) == 0) {
            for (int i = 0; i < 120; i++) {
                fields.add("X-Many-" + i + ": v");
            }
        }
        byte[] body = body();
        byte[] framedBody = frame(fields, body, eol);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, method + " " + target + (version.isEmpty() ? "" : " " + version) + eol);
        for (String f : fields) {
            write(out, f + eol);
        }
        write(out, eol);
        out.writeBytes(framedBody);
        boolean mutated = false;
        byte[] bytes = out.toByteArray();
        int damage = random.nextInt(12);
        if (damage == 0 && bytes.length > 1) {
            bytes = java.util.Arrays.copyOf(bytes, 1 + random.nextInt(bytes.length - 1)); // cut short
            mutated = true;
        } else if (damage == 1) {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256); // flipped bytes
            }
            mutated = true;
        }
        boolean pipelined = random.nextInt(5) == 0;
        if (pipelined) {
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(bytes);
            write(both, "GET /ping HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
            bytes = both.toByteArray();
        }
        return new Case(index++, bytes, method, target, version, mutated, pipelined);
    }

    private byte[] body() {
        return switch (random.nextInt(7)) {
            case 0, 1 -> "{\"username\": \"testuser\", \"password\": \"testpass\"}".getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"username\": \"testuser\", \"password\": \"wrong\"}".getBytes(StandardCharsets.UTF_8);
            case 3 -> ("{\"access_token\": \"" + access + "\"}").getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                byte[] b = new byte[random.nextInt(200)];
                random.nextBytes(b);
                yield b;
            }
            case 5 -> "{\"x\": 1}".getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        };
    }

    /** Adds the framing fields and returns the body as it goes on the wire. */
    private byte[] frame(List<String> fields, byte[] body, String eol) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        switch (random.nextInt(13)) {
            case 0 -> { } // no framing: a body, if any, is left for the next request
            case 1, 2 -> {
                fields.add("Content-Length: " + body.length);
                wire.writeBytes(body);
            }
            case 3 -> { // announces more than it sends
                fields.add("Content-Length: " + (body.length + 1 + random.nextInt(100)));
                wire.writeBytes(body);
            }
            case 4 -> { // announces less than it sends: the rest reads as the next request
                fields.add("Content-Length: " + random.nextInt(body.length + 1));
                wire.writeBytes(body);
            }
            case 5 -> {
                fields.add("Content-Length: " + pick(new String[] {"-1", "+5", "5 5", "0x10", "99999999999999999999", "", "1e3",
                    " 5", "5,5", "\u0665"}));
                wire.writeBytes(body);
            }
            case 6 -> {
                fields.add("Content-Length: " + body.length);
                fields.add("Content-Length: " + (random.nextBoolean() ? body.length : body.length + 3));
                wire.writeBytes(body);
            }
            case 7, 8 -> {
                fields.add("Transfer-Encoding: chunked");
                wire.writeBytes(chunks(body, eol, false));
            }
            case 9 -> {
                fields.add("Transfer-Encoding: chunked");
                wire.writeBytes(chunks(body, eol, true));
            }
            case 10 -> { // both: the smuggling classic
                fields.add(random.nextInt(fields.size() + 1), "Content-Length: " + random.nextInt(body.length + 5));
                fields.add("Transfer-Encoding: chunked");
                wire.writeBytes(chunks(body, eol, random.nextBoolean()));
            }
            case 11 -> {
                fields.add("Transfer-Encoding: " + pick(CODINGS));
                wire.writeBytes(chunks(body, eol, false));
            }
            default -> { // folded
                fields.add("Transfer-Encoding:");
                fields.add(" chunked");
                wire.writeBytes(chunks(body, eol, false));
            }
        }
        return wire.toByteArray();
    }

    /** The body in random chunks; when {@code broken}, one thing about the chunked coding is wrong. */
    private byte[] chunks(byte[] body, String eol, boolean broken) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int brokenAt = broken ? random.nextInt(8) : -1;
        int off = 0;
        while (off < body.length) {
            int n = Math.min(body.length - off, 1 + random.nextInt(40));
            String size = Integer.toHexString(n);
            if (random.nextInt(4) == 0) {
                size = size.toUpperCase(java.util.Locale.ROOT);
            }
            if (random.nextInt(6) == 0) {
                size = "000" + size;
            }
            if (random.nextInt(8) == 0) {
                size += ";ext=" + (random.nextBoolean() ? "v" : "\"q\"");
            }
            if (brokenAt == 0) {
                size = pick(new String[] {"zz", "-1", "ffffffffffffffffff", " " + size, size + " ", "0x" + size, ""});
                brokenAt = -1;
            }
            write(out, size + eol);
            out.write(body, off, n);
            write(out, brokenAt == 1 ? "" : eol);
            if (brokenAt == 1) {
                brokenAt = -1;
            }
            off += n;
        }
        switch (brokenAt) {
            case 2 -> write(out, "0" + eol); // no final blank line
            case 3 -> { } // no last chunk at all
            case 4 -> write(out, "0" + eol + "X-Trailer: v" + eol + eol);
            case 5 -> write(out, "0" + eol + "Content-Length: 5" + eol + eol);
            case 6 -> write(out, "1" + eol + "ab" + eol + "0" + eol + eol); // chunk longer than its size
            default -> write(out, "0" + eol + eol);
        }
        return out.toByteArray();
    }

    private String alter(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        char[] c = s.toCharArray();
        int i = random.nextInt(c.length);
        c[i] = c[i] == 'A' ? 'B' : 'A';
        return random.nextInt(4) == 0 ? new String(c, 0, random.nextInt(c.length)) : new String(c);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    /** Header text as bytes: characters up to U+00FF as one byte each (as on the wire), others as UTF-8. */
    private static void write(ByteArrayOutputStream out, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= 0xff) {
                out.write(ch);
            } else {
                out.writeBytes(String.valueOf(ch).getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
