package io.github.jwtextended.example.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads environment-style settings of the example servers one at a time, each by its name and its
 * default, with the rules and messages both servers share: a refused value is an
 * {@link IllegalArgumentException} whose one-line message names the setting and never repeats the
 * value (it may be a password). A value the lookup does not have (null) is the default.
 *
 * <p>The reader remembers every default it is given, in the order the settings are read: reading
 * with nothing set lists the defaults ({@link #defaults()}, for the documentation and
 * {@code --help}). So a setting's name, default and check are written once, where it is read; a
 * setting must therefore be read unconditionally, whatever the other values are.
 *
 * <p>Thread safety: not thread safe; one reader reads one set of settings on one thread.
 */
public final class SettingReader {
    private final Function<String, String> lookup;
    private final Map<String, String> defaults = new LinkedHashMap<>();

    /** A reader of the values {@code lookup} finds (null: unset). */
    public SettingReader(Function<String, String> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** The defaults of the settings read so far, setting name to default, in the order read. */
    public Map<String, String> defaults() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
    }

    /** The value as given (not trimmed), else {@code defaultValue}. */
    public String raw(String key, String defaultValue) {
        defaults.put(key, defaultValue);
        String v = lookup.apply(key);
        return v == null ? defaultValue : v;
    }

    /** A value {@code parse} turns into its type; {@code parse} refuses with an {@link IllegalArgumentException} naming {@code key}. */
    public <T> T value(String key, String defaultValue, Function<String, T> parse) {
        return parse.apply(raw(key, defaultValue));
    }

    /** A non-blank text, trimmed. */
    public String text(String key, String defaultValue) {
        String v = raw(key, defaultValue).trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return v;
    }

    /** A whole number within {@code [min, max]}. */
    public int integer(String key, int defaultValue, int min, int max) {
        long n;
        try {
            n = Long.parseLong(raw(key, Integer.toString(defaultValue)).trim());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be a whole number between " + min + " and " + max);
        }
        return (int) n;
    }

    /** {@code true/1/yes/on} or {@code false/0/no/off/empty}, any case. */
    public boolean bool(String key, boolean defaultValue) {
        switch (raw(key, Boolean.toString(defaultValue)).trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": case "": return false;
            default: throw new IllegalArgumentException(key + " must be true or false");
        }
    }

    /** A path, made absolute and normalised. */
    public Path path(String key, String defaultValue) {
        String v = text(key, defaultValue);
        try {
            return Path.of(v).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path");
        }
    }
}
