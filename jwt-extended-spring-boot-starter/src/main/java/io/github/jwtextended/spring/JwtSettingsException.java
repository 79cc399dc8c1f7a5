package io.github.jwtextended.spring;

/**
 * A {@code jwt.*} setting that stops the start: unknown, or with a value that cannot work. The
 * message names the setting (as {@code jwt.*} and as its flask-style name) and never shows a secret
 * value; the starter's failure analyzer reports it as Spring Boot's "APPLICATION FAILED TO START"
 * text, without a stack trace.
 *
 * <p>Thread safety: immutable.
 */
public final class JwtSettingsException extends IllegalArgumentException {
    public JwtSettingsException(String message) {
        super(message);
    }
}
