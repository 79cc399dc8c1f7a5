package io.github.jwtextended.example.settings;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reading one environment-style setting of the example servers, with the rules and messages both
 * servers share: a refused value is an {@link IllegalArgumentException} whose one-line message
 * names the setting and never repeats the value. {@code get} answers the value (defaults already
 * applied); each server turns the exception into its own start-up failure.
 *
 * <p>Thread safety: stateless.
 */
public final class SettingValues {
    private SettingValues() {
    }

    /** A non-blank text, trimmed. */
    public static String text(Function<String, String> get, String key) {
        String v = get.apply(key).trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException(key + " must not be empty");
        }
        return v;
    }

    /** A whole number within {@code [min, max]}. */
    public static int integer(Function<String, String> get, String key, int min, int max) {
        long n;
        try {
            n = Long.parseLong(get.apply(key).trim());
        } catch (NumberFormatException e) {
            n = Long.MIN_VALUE;
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + " must be a whole number between " + min + " and " + max);
        }
        return (int) n;
    }

    /** {@code true/1/yes/on} or {@code false/0/no/off/empty}, any case. */
    public static boolean bool(Function<String, String> get, String key) {
        switch (get.apply(key).trim().toLowerCase(Locale.ROOT)) {
            case "true": case "1": case "yes": case "on": return true;
            case "false": case "0": case "no": case "off": case "": return false;
            default: throw new IllegalArgumentException(key + " must be true or false");
        }
    }

    /** A path, made absolute and normalised. */
    public static Path path(Function<String, String> get, String key) {
        String v = text(get, key);
        try {
            return Path.of(v).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(key + " is not a valid path");
        }
    }
}
