package io.github.jwtextended.spring.security;

import io.github.jwtextended.error.JwtException;
import org.springframework.security.core.AuthenticationException;

/**
 * Spring Security's view of a token the core refused: carries the core's {@link JwtException},
 * which {@link JwtAuthenticationEntryPoint} answers as every adapter does. Its message is the
 * core's message (what the answer says anyway), never the token.
 *
 * <p>Thread safety: immutable.
 */
public final class JwtAuthenticationException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    private final transient JwtException failure;

    public JwtAuthenticationException(JwtException failure) {
        super(failure.getMessage(), failure);
        this.failure = failure;
    }

    /** The core's failure. */
    public JwtException failure() {
        return failure;
    }
}
