package io.github.jwtextended.spring;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.servlet.ServletJwt;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import jakarta.servlet.http.HttpServletRequest;

/**
 * How the starter's guards ({@link JwtRequiredInterceptor} and Spring Security's
 * {@code JwtAuthenticationFilter}) run a request's verification: {@link #DIRECT}ly through
 * {@link ServletJwt#verify(JwtManager, HttpServletRequest, Guard)}, unless the application context
 * has a bean of this type (the starter defines one that runs it inside a Micrometer
 * {@code Observation} when there is an {@code ObservationRegistry} bean). An implementation must
 * verify through the core and throw its failure unchanged.
 *
 * <p>Thread safety: implementations must be thread safe.
 */
@FunctionalInterface
public interface JwtRequestVerification {
    /** Verification as it is, with nothing around it. */
    JwtRequestVerification DIRECT = ServletJwt::verify;

    /** The verified token of {@code request} under {@code guard}; throws the core's {@code JwtException}. */
    Jwt verify(JwtManager manager, HttpServletRequest request, Guard guard);
}
