package io.github.jwtextended.spring.security;

import io.github.jwtextended.error.JwtException;
import org.springframework.security.authorization.AuthorizationDecision;

/**
 * A {@link JwtAuthorization} refusal: carries the core's failure ({@code Fresh token required},
 * {@code Only refresh tokens are allowed}, {@code Missing Authorization Header}, ...), which the
 * entry point and the access-denied handler answer as the core says.
 *
 * <p>Thread safety: immutable.
 */
public final class JwtAuthorizationDecision extends AuthorizationDecision {
    private final JwtException failure;

    JwtAuthorizationDecision(JwtException failure) {
        super(false);
        this.failure = failure;
    }

    /** The core's failure. */
    public JwtException failure() {
        return failure;
    }

    @Override
    public String toString() {
        return "JwtAuthorizationDecision[denied: " + failure.getMessage() + "]";
    }
}
