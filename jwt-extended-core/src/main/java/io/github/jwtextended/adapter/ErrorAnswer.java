package io.github.jwtextended.adapter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.log.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A failure's answer as every web adapter writes it: the manager's {@link ErrorResponse} (status
 * and headers as they are) with its body as compact JSON bytes, sent as {@value #CONTENT_TYPE}.
 * An adapter copies the three parts onto its response and writes nothing else, so the Javalin
 * plugin, the servlet filter and the Spring starter answer a failure byte for byte alike.
 *
 * <pre>{@code
 * ErrorAnswer answer = ErrorAnswer.of(manager, error, request.getMethod(), request.getRequestURI());
 * response.setStatus(answer.status());
 * answer.headers().forEach(response::setHeader);
 * response.setContentType(ErrorAnswer.CONTENT_TYPE);
 * response.getOutputStream().write(answer.body());
 * }</pre>
 *
 * <p>Thread safety: immutable.
 */
public final class ErrorAnswer {
    /** The {@code Content-Type} of every error answer. */
    public static final String CONTENT_TYPE = "application/json";

    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int status;
    private final Map<String, String> headers;
    private final byte[] body;

    private ErrorAnswer(int status, Map<String, String> headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /**
     * The answer to {@code error}: the manager's error response for it, its body written as JSON.
     * A body that a custom error handler filled with something JSON cannot hold is replaced by the
     * failure's own message under the configured message key. An outage (503: the revocation store,
     * a remote JWKS) is logged as a warning with its message, {@code method} and {@code path}
     * (both escaped by {@link LogText}; nothing of the token).
     *
     * @param manager the manager whose error handlers answer
     * @param error   the failure to answer
     * @param method  the request's method, for the log line
     * @param path    the request's path, for the log line
     * @return the answer to write
     */
    public static ErrorAnswer of(JwtManager manager, JwtException error, String method, String path) {
        if (error instanceof StoreUnavailableException) {
            LOG.warn("{} on {} {}: request refused with 503", error.getMessage(), LogText.escape(method), LogText.escape(path));
        }
        ErrorResponse response = manager.errorResponse(error);
        return new ErrorAnswer(response.status(), response.headers(), json(response.body(), manager, error));
    }

    private static byte[] json(Map<String, Object> body, JwtManager manager, JwtException error) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException unwritable) {
            String message = error.getMessage() == null ? "" : error.getMessage();
            try {
                return JSON.writeValueAsBytes(Map.of(manager.config().errors().messageKey(), message));
            } catch (JsonProcessingException never) { // two strings always serialise
                return "{}".getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }

    /** The headers to set (such as {@code WWW-Authenticate}), in order; unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body: compact JSON in UTF-8 (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The status and the body's length, never its content. */
    @Override
    public String toString() {
        return "ErrorAnswer[" + status + ", " + body.length + " bytes]";
    }
}
