package io.github.jwtextended.example.flow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, for requests {@link java.net.http.HttpClient} refuses to send
 * (huge headers or URLs, hand-made chunked bodies, broken framing): {@link #send} writes the bytes
 * as given (the body may be streamed while the server already answers) and reads one answer;
 * {@link #exchange} sends any bytes, half-closes, and returns everything the server sent, which
 * {@link #answers} splits into its answers.
 *
 * <p>Thread safety: stateless; each call uses its own socket.
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** One answer: status, header lines (name: value) and the body (de-chunked). */
    public record Answer(int status, List<String> headers, String body) {
        /** The first value of a header (case-insensitive name), or null. */
        public String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            for (String h : headers) {
                if (h.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    return h.substring(prefix.length()).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** Sends {@code head} (request line and header lines, without the blank line) and then {@code body}. */
    public static Answer send(int port, String head, byte[] body) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                if (body != null) {
                    for (int off = 0; off < body.length; off += 16 * 1024) {
                        out.write(body, off, Math.min(16 * 1024, body.length - off));
                    }
                }
                out.flush();
            } catch (SocketException serverClosedEarly) {
                // The server may answer and close before the whole request is sent; read what it said.
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET with these header lines and {@code Connection: close}. */
    public static Answer get(int port, String target, String... headerLines) {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close");
        for (String h : headerLines) {
            head.append("\r\n").append(h);
        }
        return send(port, head.toString(), null);
    }

    /** A body in chunks of 8 KiB, without Content-Length. */
    public static byte[] chunked(byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int off = 0; off < body.length; off += 8192) {
            int n = Math.min(8192, body.length - off);
            b.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(body, off, n);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                raw.write(buf, 0, n);
                if (complete(raw.toByteArray())) {
                    break;
                }
            }
        } catch (SocketException | SocketTimeoutException e) {
            // reset after the answer (the server discards the rest of the request): keep what came
        }
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new AssertionError("no complete answer; received: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        String rest = text.substring(end + 4);
        Answer a = new Answer(status, headers, rest);
        if ("chunked".equalsIgnoreCase(a.header("Transfer-Encoding"))) {
            rest = dechunk(rest);
        }
        return new Answer(status, headers, new String(rest.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        String body = text.substring(end + 4);
        int cl = head.indexOf("\r\ncontent-length:");
        if (cl >= 0) {
            int eol = head.indexOf("\r\n", cl + 2);
            long len = Long.parseLong(head.substring(cl + "\r\ncontent-length:".length(), eol < 0 ? head.length() : eol).trim());
            return body.length() >= len;
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return body.endsWith("0\r\n\r\n");
        }
        return false; // read until the server closes
    }

    private static String dechunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) {
                break;
            }
            int n = Integer.parseInt(s.substring(i, eol).split(";")[0].trim(), 16);
            if (n == 0) {
                break;
            }
            out.append(s, eol + 2, Math.min(s.length(), eol + 2 + n));
            i = eol + 2 + n + 2;
        }
        return out.toString();
    }

    /**
     * Sends the bytes to 127.0.0.1:{@code port} on a new connection, half-closes it, and returns
     * what the server sent until it closed the connection; fails if it keeps it open 10 s longer.
     */
    public static byte[] exchange(int port, byte[] request) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(1_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request);
                out.flush();
                s.shutdownOutput();
            } catch (SocketException closedEarly) {
                // the server answered and closed before it had everything: read what it said
            }
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (true) {
                try {
                    int r = in.read(buf);
                    if (r < 0) {
                        return got.toByteArray();
                    }
                    got.write(buf, 0, r);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("the server kept the connection open 10 s after the end of input; received: "
                                + got.toString(StandardCharsets.ISO_8859_1));
                    }
                } catch (SocketException reset) {
                    return got.toByteArray(); // reset after its answer (unread input discarded): keep what came
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answers in {@code raw} (what {@link #exchange} returned), in order; interim 1xx answers
     * are left out; status 0 stands for an HTTP/0.9 answer (the body alone). Fails on anything
     * else that is not an HTTP/1.1 answer. {@code firstIsHead}: the first request was a HEAD.
     */
    public static List<Answer> answers(byte[] raw, boolean firstIsHead) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        List<Answer> answers = new ArrayList<>();
        int pos = 0;
        boolean first = true;
        while (pos < text.length()) {
            if (!text.startsWith("HTTP/", pos)) {
                // A request line without a version is HTTP/0.9, whose answer is the body alone and
                // ends the connection (Tomcat answers so; Jetty refuses with 505). Status 0 stands for it.
                byte[] rest = text.substring(pos).getBytes(StandardCharsets.ISO_8859_1);
                answers.add(new Answer(0, List.of(), new String(rest, StandardCharsets.UTF_8)));
                return answers;
            }
            int end = text.indexOf("\r\n\r\n", pos);
            if (end < 0) {
                throw new AssertionError("an incomplete answer at byte " + pos + " of: " + text);
            }
            String[] lines = text.substring(pos, end).split("\r\n");
            if (!lines[0].matches("HTTP/1\\.1 \\d{3}( .*)?")) {
                throw new AssertionError("not an HTTP/1.1 status line: " + lines[0]);
            }
            int status = Integer.parseInt(lines[0].substring(9, 12));
            List<String> headers = List.of(lines).subList(1, lines.length);
            Answer head = new Answer(status, headers, "");
            pos = end + 4;
            if (status < 200) {
                continue;
            }
            String body;
            String length = head.header("content-length");
            boolean headAnswer = first && firstIsHead && (pos == text.length() || text.startsWith("HTTP/1.1 ", pos));
            if (headAnswer || status == 204 || status == 304) {
                body = "";
            } else if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
                StringBuilder b = new StringBuilder();
                while (true) {
                    int eol = text.indexOf("\r\n", pos);
                    if (eol < 0) {
                        throw new AssertionError("a chunked answer cut short");
                    }
                    int size = Integer.parseInt(text.substring(pos, eol).split(";")[0].trim(), 16);
                    pos = eol + 2;
                    if (size == 0) {
                        int trailerEnd = text.indexOf("\r\n", pos);
                        pos = trailerEnd < 0 ? text.length() : trailerEnd + 2;
                        break;
                    }
                    b.append(text, pos, Math.min(text.length(), pos + size));
                    pos += size + 2;
                }
                body = b.toString();
            } else if (length != null) {
                int len = Integer.parseInt(length);
                body = text.substring(pos, Math.min(text.length(), pos + len));
                pos += len;
            } else {
                body = text.substring(pos);
                pos = text.length();
            }
            answers.add(new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8)));
            first = false;
        }
        return answers;
    }
}
