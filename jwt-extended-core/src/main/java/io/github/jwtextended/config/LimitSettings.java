package io.github.jwtextended.config;

/**
 * Sizes refused before any parsing.
 *
 * <p>Thread safety: immutable.
 *
 * @param maxTokenLength    the longest token accepted, in characters (at least 256)
 * @param maxJsonBodyLength the longest JSON body read for the {@code json} location, in bytes (at least 256)
 */
public record LimitSettings(int maxTokenLength, int maxJsonBodyLength) {
    /** 8192 characters, 64 KiB. */
    public static final LimitSettings DEFAULTS = new LimitSettings(8192, 64 * 1024);

    /** Refuses limits under 256. */
    public LimitSettings {
        if (maxTokenLength < 256) {
            throw new InvalidSettingException("%s must be at least 256 characters", "maxTokenLength");
        }
        if (maxJsonBodyLength < 256) {
            throw new InvalidSettingException("%s must be at least 256 bytes", "maxJsonBodyLength");
        }
    }

    public LimitSettings withMaxTokenLength(int characters) { return new LimitSettings(characters, maxJsonBodyLength); }
    public LimitSettings withMaxJsonBodyLength(int bytes) { return new LimitSettings(maxTokenLength, bytes); }
}
