package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;

/**
 * How failures are answered.
 *
 * <p>Thread safety: immutable.
 *
 * @param messageKey the member of the JSON error body holding the message ({@code {"msg": ...}})
 * @param style      flask's 422 for an invalid token, or RFC 6750's 401 {@code invalid_token}
 */
public record ErrorSettings(String messageKey, ErrorStyle style) {
    /** {@code msg}, flask's statuses. */
    public static final ErrorSettings DEFAULTS = new ErrorSettings("msg", ErrorStyle.FLASK);

    /** Refuses an empty message key and a null style. */
    public ErrorSettings {
        Checks.text(messageKey, "messageKey");
        Checks.notNull(style, "style");
    }

    public ErrorSettings withMessageKey(String key) { return new ErrorSettings(key, style); }
    public ErrorSettings withStyle(ErrorStyle s) { return new ErrorSettings(messageKey, s); }
}
