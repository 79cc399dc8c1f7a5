package io.github.jwtextended.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller method parameter receiving what the manager's user lookup loaded for the verified token (get_current_user()); null without a token. The method (or its class) must carry
 * {@link JwtRequired}, or the handler must have called {@code ServletJwt.verify} first.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface CurrentUser {
}
