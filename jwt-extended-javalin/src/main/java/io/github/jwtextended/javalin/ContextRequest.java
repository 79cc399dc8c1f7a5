package io.github.jwtextended.javalin;

import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.extract.RefusedBodies;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The core's view of a Javalin request.
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
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(1);
        while (values.hasMoreElements()) {
            out.add(values.nextElement());
        }
        return Collections.unmodifiableList(out);
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
    public byte[] body(int limit) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > limit) {
            RefusedBodies.discard(() -> ctx.req().getInputStream(), declared);
            return new byte[limit + 1]; // too large: recognised without keeping it
        }
        try {
            return ctx.bodyAsBytes();
        } catch (io.javalin.http.HttpResponseException e) { // Javalin's maxRequestSize: 413
            return e.getStatus() == 413 ? new byte[limit + 1] : new byte[0];
        } catch (Exception e) { // malformed chunks, a body cut short: Jetty's I/O failure, unchecked through Kotlin
            return new byte[0]; // a body that cannot be read holds no token
        }
    }

    @Override
    public String formParam(String name) {
        if (!JwtRequest.decodableForm(contentType())) {
            return null;
        }
        try {
            return ctx.formParam(name);
        } catch (RuntimeException unreadableForm) { // an unknown charset, a body that cannot be read or decoded
            return null;
        }
    }
}
