package io.github.jwtextended.spring;

/**
 * A {@code jwt.*} setting that stops the start: unknown (named as {@code jwt.*} and as its
 * flask-style name), or with a value that cannot work (named as it was given: the environment
 * variable {@code JWT_COOKIE_SECURE}, else the property {@code jwt.cookie-secure}). The message never
 * shows a secret value; the starter's failure analyzer reports it as Spring Boot's "APPLICATION
 * FAILED TO START" text, without a stack trace.
 *
 * <p>Thread safety: immutable.
 */
public final class JwtSettingsException extends IllegalArgumentException {
    public JwtSettingsException(String message) {
        super(message);
    }
}
