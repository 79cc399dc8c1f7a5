package io.github.jwtextended.example;

/**
 * A setting that stops the start: its message is one line naming the setting and never shows a
 * secret value.
 *
 * <p>Thread safety: immutable.
 */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message, null, false, false);
    }
}
