package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.servlet.ServletJwt;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Answers a {@link JwtException} thrown by a controller (for instance from
 * {@code ServletJwt.verify}) with the manager's error response, as the servlet filter does.
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class JwtExceptionResolver implements HandlerExceptionResolver {
    private final JwtManager manager;

    public JwtExceptionResolver(JwtManager manager) {
        this.manager = manager;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (!(ex instanceof JwtException jwt) || response.isCommitted()) {
            return null;
        }
        try {
            ServletJwt.respond(manager, request, response, jwt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ModelAndView(); // handled: the answer is written
    }
}
