package io.github.jwtextended.servlet;

import io.github.jwtextended.extract.JwtRequest;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
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
        return values == null ? List.of() : Collections.unmodifiableList(Collections.list(values));
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
    public long declaredBodyLength() {
        return request.getContentLengthLong();
    }

    @Override
    public InputStream bodyStream() throws IOException {
        return request.getInputStream();
    }

    /** Through the filter's {@link BodyCachingRequest} when there is one, so that the application can still read it. */
    @Override
    public byte[] readBody(int max) throws IOException {
        BodyCachingRequest caching = caching(request);
        return caching != null ? caching.prefix(max) : JwtRequest.super.readBody(max);
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
    public String containerFormParam(String name) {
        return request.getParameter(name);
    }
}
