package io.github.jwtextended.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link JwtSettingsException} at startup as its one-line description and what to do,
 * instead of a stack trace (Spring Boot logs the exception itself at DEBUG).
 *
 * <p>Thread safety: stateless.
 */
final class JwtSettingsFailureAnalyzer extends AbstractFailureAnalyzer<JwtSettingsException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JwtSettingsException cause) {
        return new FailureAnalysis("jwt-extended: " + cause.getMessage(),
                "Fix or remove that jwt.* property (or JWT_* environment variable); the settings are listed in"
                        + " docs/compatibility.md and jwt-extended-spring-boot-starter's README.", cause);
    }
}
