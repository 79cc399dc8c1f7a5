package io.github.jwtextended.javalin;

import io.github.jwtextended.extract.JwtRequest;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The core's view of a Javalin request: Javalin's own reading of the method, cookies, query
 * string, body and form; the body and form policies are the core's ({@link JwtRequest}).
 *
 * <p>Thread safety: used by the request's thread only.
 */
final class ContextRequest implements JwtRequest {
    private final Context ctx;

    ContextRequest(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String method() {
        // The method Javalin routed by: it honours X-HTTP-Method-Override, so a GET carrying
        // "X-HTTP-Method-Override: POST" runs the POST handler and must get the POST's CSRF check.
        return ctx.method().name();
    }

    @Override
    public List<String> headers(String name) {
        Enumeration<String> values = ctx.req().getHeaders(name);
        return values == null ? List.of() : Collections.unmodifiableList(Collections.list(values));
    }

    @Override
    public String cookie(String name) {
        return ctx.cookie(name);
    }

    @Override
    public List<String> queryParams(String name) {
        return ctx.queryParams(name);
    }

    @Override
    public long declaredBodyLength() {
        return ctx.req().getContentLengthLong();
    }

    @Override
    public InputStream bodyStream() throws IOException {
        return ctx.req().getInputStream();
    }

    /** Through Javalin, which keeps the body for the handler; over its {@code maxRequestSize}: too large. */
    @Override
    public byte[] readBody(int max) {
        try {
            return ctx.bodyAsBytes();
        } catch (HttpResponseException e) {
            if (e.getStatus() == 413) {
                return new byte[max];
            }
            throw e;
        }
    }

    @Override
    public String containerFormParam(String name) {
        return ctx.formParam(name);
    }
}
