package io.github.jwtextended.example;

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
 * (huge headers or URLs, hand-made chunked bodies): writes the bytes as given (the body may be
 * streamed while the server already answers) and reads one answer.
 *
 * <p>Thread safety: stateless; each call uses its own socket.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** One answer: status, header lines (name: value) and the body (de-chunked). */
    record Answer(int status, List<String> headers, String body) {
        String header(String name) {
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
    static Answer send(int port, String head, byte[] body) {
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

    static Answer get(int port, String target, String... headerLines) {
        StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close");
        for (String h : headerLines) {
            head.append("\r\n").append(h);
        }
        return send(port, head.toString(), null);
    }

    /** A body in chunks of 8 KiB, without Content-Length. */
    static byte[] chunked(byte[] body) {
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
}
