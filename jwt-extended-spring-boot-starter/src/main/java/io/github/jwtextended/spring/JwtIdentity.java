package io.github.jwtextended.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method parameter receiving the identity of the verified token (get_jwt_identity()); {@code String} for the string form, any other type for the claim's raw value; null without a token. The method (or its class) must carry
 * {@link JwtRequired}, or the handler must have called {@code ServletJwt.verify} first.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface JwtIdentity {
}
