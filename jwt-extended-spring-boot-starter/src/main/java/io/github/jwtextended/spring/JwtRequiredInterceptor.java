package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Verifies the request of every handler method that carries {@link JwtRequired} (on itself or its
 * class) through {@link ServletJwt#verify(JwtManager, HttpServletRequest, Guard)} (by way of a
 * {@link JwtRequestVerification}), and answers a
 * failure with {@link ServletJwt#respond}: the same code path as the servlet filter.
 *
 * <p>Thread safety: immutable; thread safe.
 */
public final class JwtRequiredInterceptor implements HandlerInterceptor {
    private final JwtManager manager;
    private final JwtRequestVerification verification;

    public JwtRequiredInterceptor(JwtManager manager) {
        this(manager, JwtRequestVerification.DIRECT);
    }

    /** Verifying through {@code verification} (the starter's observed one, with an {@code ObservationRegistry}). */
    public JwtRequiredInterceptor(JwtManager manager, JwtRequestVerification verification) {
        this.manager = manager;
        this.verification = Objects.requireNonNull(verification, "verification");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        request.setAttribute(ServletJwt.MANAGER_ATTRIBUTE, manager);
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        JwtRequired required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), JwtRequired.class);
        if (required == null) {
            required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), JwtRequired.class);
        }
        if (required == null) {
            return true;
        }
        try {
            verification.verify(manager, request, guard(required));
            return true;
        } catch (JwtException e) {
            ServletJwt.respond(manager, request, response, e);
            return false;
        }
    }

    /** The core guard an annotation stands for: each attribute is the component of its name. */
    static Guard guard(JwtRequired a) {
        return new Guard(a.optional(), a.fresh(), a.refresh(), List.of(a.locations()), a.verifyType(), a.skipRevocationCheck());
    }
}
