package io.github.jwtextended.spring;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.verify.Guard;

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
 * <p>The annotation is the core {@link Guard} in annotation form: one attribute per component, of
 * the same name, type (an array for the list) and default ({@link Guard#required()}), in the same
 * order, so {@code @JwtRequired(refresh = true)} guards as {@code Guard.required().refresh(true)}.
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
    /** {@link Guard#optional()}: a token is optional; a present token must still be valid. */
    boolean optional() default false;

    /** {@link Guard#fresh()}: a fresh access token is required. */
    boolean fresh() default false;

    /** {@link Guard#refresh()}: a refresh token is required (refresh cookie, refresh CSRF header, refresh JSON key). */
    boolean refresh() default false;

    /** {@link Guard#locations()}: where to look, in order, instead of the configured locations; empty means the configured ones. */
    TokenLocation[] locations() default {};

    /** {@link Guard#verifyType()}: false accepts any token type. */
    boolean verifyType() default true;

    /** {@link Guard#skipRevocationCheck()}: true skips the revocation store and blocklist check. */
    boolean skipRevocationCheck() default false;
}
