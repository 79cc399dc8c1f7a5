package io.github.jwtextended.servlet;

import io.github.jwtextended.extract.JwtRequest;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;

/**
 * The core's view of a servlet request. Query parameters are read from the query string alone
 * (never from a form body, as {@code getParameterValues} would); the body is read through
 * {@link BodyCachingRequest} so that the application can still read it.
 *
 * <p>Thread safety: used by the request's thread only.
 */
final class ServletJwtRequest implements JwtRequest {
    private final HttpServletRequest request;

    ServletJwtRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod().toUpperCase(Locale.ROOT);
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return Collections.unmodifiableList(out);
    }

    /** The first cookie of that name, as Werkzeug reads it. */
    @Override
    public String cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    @Override
    public List<String> queryParams(String name) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (name.equals(key)) {
                out.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** {@code application/x-www-form-urlencoded} decoding; a malformed escape is kept as sent. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    @Override
    public String contentType() {
        return request.getContentType();
    }

    @Override
    public byte[] body(int limit) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            discard(declared);
            return new byte[limit + 1]; // too large: recognised without keeping it
        }
        try {
            BodyCachingRequest caching = caching(request);
            if (caching != null) {
                return caching.prefix(limit + 1);
            }
            return request.getInputStream().readNBytes(limit + 1);
        } catch (IOException | RuntimeException e) {
            return new byte[0]; // a body that cannot be read (malformed chunks, cut short) holds no token
        }
    }

    /** The largest refused body read (and dropped) to keep the connection and the answer intact. */
    static final long DISCARD_LIMIT = 1024 * 1024;

    /**
     * Reads and drops a body refused as too large (at most {@link #DISCARD_LIMIT} bytes; the request
     * is answered 400 and never reaches the application): a server that closes a connection with
     * unread request bytes makes the peer's TCP stack reset it, and the client then sees no answer
     * at all instead of the 400. A larger body is left unread (the container closes the connection).
     */
    private void discard(long declared) {
        if (declared > DISCARD_LIMIT) {
            return;
        }
        byte[] sink = new byte[8192];
        try {
            java.io.InputStream in = request.getInputStream();
            long left = declared;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or sent less than it declared: nothing to keep alive
        }
    }

    /** The filter's body-keeping wrapper, under any wrappers added after it. */
    private static BodyCachingRequest caching(ServletRequest r) {
        for (int depth = 0; r != null && depth < 16; depth++) {
            if (r instanceof BodyCachingRequest caching) {
                return caching;
            }
            r = r instanceof ServletRequestWrapper w ? w.getRequest() : null;
        }
        return null;
    }

    @Override
    public String formParam(String name) {
        String type = contentType();
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (!t.startsWith("application/x-www-form-urlencoded") && !t.startsWith("multipart/form-data")) {
            return null;
        }
        return request.getParameter(name);
    }
}
