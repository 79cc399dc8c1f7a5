package io.github.jwtextended.example.http;

import io.javalin.http.HttpStatus;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty's own error answers (requests refused before they reach Javalin: header fields over the
 * limit 431, a request line over it 414, a request that is not HTTP 400) as
 * {@code {"msg": "<reason phrase>"}} in JSON instead of Jetty's HTML page. Only the standard
 * reason phrase is written, never Jetty's detail message, the request or an exception. Each
 * refusal is a line of the request log ({@link RequestLog#refusedBeforeRouting}).
 *
 * <p>Thread safety: stateless.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        RequestLog.refusedBeforeRouting(code);
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    static byte[] body(int status) {
        HttpStatus s = HttpStatus.forStatus(status);
        String reason = s == HttpStatus.UNKNOWN ? "Error" : s.getMessage();
        return ("{\"msg\":\"" + reason + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
