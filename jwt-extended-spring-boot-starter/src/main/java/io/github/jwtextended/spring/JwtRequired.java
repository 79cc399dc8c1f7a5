package io.github.jwtextended.spring;

import io.github.jwtextended.config.TokenLocation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * flask-jwt-extended's {@code @jwt_required(optional, fresh, refresh, locations, verify_type,
 * skip_revocation_check)} on a controller method or class (a method's annotation wins over its
 * class's). The request is verified before the method runs; a failure is answered with the
 * manager's error response, byte for byte what the Javalin plugin and the servlet filter send.
 *
 * <pre>{@code
 * @GetMapping("/protected")
 * @JwtRequired
 * Map<String, Object> protectedRoute(@JwtIdentity String user) { ... }
 *
 * @PostMapping("/refresh")
 * @JwtRequired(refresh = true)
 * Map<String, Object> refresh(@JwtIdentity String user) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface JwtRequired {
    /** A token is optional; a present token must still be valid. */
    boolean optional() default false;

    /** A fresh access token is required. */
    boolean fresh() default false;

    /** A refresh token is required (refresh cookie, refresh CSRF header, refresh JSON key). */
    boolean refresh() default false;

    /** Where to look, in order, instead of the configured locations; empty means the configured ones. */
    TokenLocation[] locations() default {};

    /** False accepts any token type. */
    boolean verifyType() default true;

    /** True skips the revocation store and blocklist check. */
    boolean skipRevocationCheck() default false;
}
