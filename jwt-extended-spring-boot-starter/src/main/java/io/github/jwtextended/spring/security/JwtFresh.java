package io.github.jwtextended.spring.security;

import org.springframework.security.access.prepost.PreAuthorize;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Method security: the method runs only for a request whose access token is fresh
 * ({@code @jwt_required(fresh=True)}); otherwise the core's {@code 401 Fresh token required}. Needs
 * {@code @EnableMethodSecurity}; the same as {@code @PreAuthorize("@jwtSecurity.fresh()")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@PreAuthorize("@" + JwtMethodSecurity.BEAN_NAME + ".fresh()")
public @interface JwtFresh {
}
