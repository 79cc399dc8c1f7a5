package io.github.jwtextended.spring;

import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@link JwtIdentity}, {@link JwtClaims} and {@link CurrentUser} parameters, and parameters
 * of type {@link Jwt}, from the token verified for the request (through {@link ServletJwt}).
 *
 * <p>Thread safety: stateless.
 */
public final class JwtArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter p) {
        return p.hasParameterAnnotation(JwtIdentity.class) || p.hasParameterAnnotation(JwtClaims.class)
                || p.hasParameterAnnotation(CurrentUser.class) || Jwt.class.equals(p.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter p, ModelAndViewContainer mav, NativeWebRequest web, WebDataBinderFactory binders) {
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        if (request == null) {
            throw new IllegalStateException("JWT arguments need a servlet request");
        }
        if (p.hasParameterAnnotation(JwtIdentity.class)) {
            return String.class.equals(p.getParameterType()) ? ServletJwt.identity(request) : ServletJwt.jwt(request).identity();
        }
        if (p.hasParameterAnnotation(JwtClaims.class)) {
            return ServletJwt.claims(request);
        }
        if (p.hasParameterAnnotation(CurrentUser.class)) {
            return ServletJwt.jwt(request).currentUser(p.getParameterType());
        }
        return ServletJwt.jwt(request);
    }
}
