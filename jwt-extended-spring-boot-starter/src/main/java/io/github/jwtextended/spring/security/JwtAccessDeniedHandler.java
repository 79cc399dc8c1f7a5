package io.github.jwtextended.spring.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.adapter.ErrorAnswer;
import io.github.jwtextended.error.ErrorHandlers;
import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.servlet.ServletJwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * Answers a request Spring Security refused after authentication. A refusal that stands for a
 * token failure (a {@link JwtAuthorization} manager's, or Spring's CSRF check of a request whose
 * own token the core refused) gets the core's answer for that failure, as the entry point gives it.
 * Any other refusal ({@code hasRole}, {@code @PreAuthorize}) of a valid token is
 * {@code 403 {"msg": "<forbidden message>"}} under the configured message key, as JSON; in the
 * RFC 6750 style with {@code WWW-Authenticate: Bearer error="insufficient_scope"}.
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class JwtAccessDeniedHandler implements AccessDeniedHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JwtManager manager;
    private final String message;

    /** Refusals answered with {@code message} under the manager's message key. */
    public JwtAccessDeniedHandler(JwtManager manager, String message) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.message = Objects.requireNonNull(message, "message");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        JwtException failure = JwtAuthenticationEntryPoint.failure(request, denied, false);
        if (failure != null) {
            ServletJwt.respond(manager, request, response, failure);
            return;
        }
        String challenge = manager.config().errors().style() == ErrorStyle.RFC6750 ? "Bearer error=\"insufficient_scope\"" : null;
        writeMessage(manager, response, HttpServletResponse.SC_FORBIDDEN, message, challenge);
    }

    /** {@code {"<message key>": message}} as JSON with {@code status}, and the challenge when not null. */
    static void writeMessage(JwtManager manager, HttpServletResponse response, int status, String message, String challenge)
            throws IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of(manager.config().errors().messageKey(), message));
        response.resetBuffer();
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader(ErrorHandlers.WWW_AUTHENTICATE, challenge);
        }
        response.setContentType(ErrorAnswer.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
