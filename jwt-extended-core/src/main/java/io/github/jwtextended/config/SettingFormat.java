package io.github.jwtextended.config;

import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.key.JwsAlgorithm;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a setting's value is written as text, flask-jwt-extended's way: durations in seconds (or
 * {@code false}: never expires), booleans as {@code true/false/1/0/yes/no/on/off}, lists
 * comma-separated, an empty string "not set" for optional values. {@link #parse} refuses text it
 * cannot read with an {@link IllegalArgumentException} whose message is the problem alone (the
 * caller names the setting; the text is never quoted, it may be a secret).
 *
 * <p>Thread safety: immutable.
 */
enum SettingFormat {
    BOOLEAN(Boolean.class, SettingFormat::bool, String::valueOf),
    /** Any text, kept as given (an empty one included). */
    TEXT(String.class, v -> v, String::valueOf),
    /** Trimmed text; blank: not set. */
    OPTIONAL_TEXT(String.class, v -> v.isBlank() ? null : v.trim(), String::valueOf),
    /** Text kept as given (PEM, JSON); blank: not set. */
    BLOCK(String.class, v -> v.isBlank() ? null : v, String::valueOf),
    /** A secret, used as its UTF-8 bytes; empty: not given. Its text never shows it. */
    SECRET(byte[].class, v -> v.isEmpty() ? null : v.getBytes(StandardCharsets.UTF_8), v -> "(secret)"),
    /** A positive number of seconds, or {@code false}: never expires (null). */
    EXPIRY(Duration.class, SettingFormat::expiry, d -> String.valueOf(((Duration) d).getSeconds())),
    /** A whole number of seconds (its bounds are the setting's). */
    WHOLE_SECONDS(Duration.class, v -> Duration.ofSeconds(whole(v)), d -> String.valueOf(((Duration) d).getSeconds())),
    /** A positive number of seconds, decimals allowed (0.5 is 500 ms). */
    SECONDS(Duration.class, SettingFormat::positiveSeconds,
            d -> BigDecimal.valueOf(((Duration) d).toMillis(), 3).stripTrailingZeros().toPlainString()),
    INTEGER(Integer.class, v -> Math.toIntExact(whole(v)), String::valueOf),
    ALGORITHM(JwsAlgorithm.class, SettingFormat::algorithm, a -> ((JwsAlgorithm) a).name()),
    /** At least one algorithm, comma-separated. */
    ALGORITHMS(Collection.class, SettingFormat::algorithms, v -> join(v, a -> ((JwsAlgorithm) a).name())),
    /** At least one of {@code headers}, {@code cookies}, {@code query_string}, {@code json}, comma-separated. */
    LOCATIONS(Collection.class, SettingFormat::locations, v -> join(v, l -> ((TokenLocation) l).wireName())),
    /** Comma-separated, blank entries dropped. */
    LIST(Collection.class, SettingFormat::list, v -> join(v, String::valueOf)),
    /** Comma-separated; no entry: not set (the check it configures is off). */
    OPTIONAL_LIST(Collection.class, v -> list(v).isEmpty() ? null : list(v), v -> join(v, String::valueOf)),
    ERROR_STYLE(ErrorStyle.class, SettingFormat::errorStyle, s -> ((ErrorStyle) s).name().toLowerCase(Locale.ROOT)),
    /** A file; blank: none. */
    PATH(Path.class, v -> v.isBlank() ? null : Paths.get(v.trim()), String::valueOf),
    /** A URL; blank: none. */
    URL(URI.class, SettingFormat::url, String::valueOf);

    private final Class<?> type;
    private final Function<String, Object> parse;
    private final Function<Object, String> text;

    SettingFormat(Class<?> type, Function<String, Object> parse, Function<Object, String> text) {
        this.type = type;
        this.parse = parse;
        this.text = text;
    }

    /** The type of the values read (a collection for the list formats). */
    Class<?> type() {
        return type;
    }

    /** The value written as {@code text}; {@link IllegalArgumentException} with the problem alone when it cannot be read. */
    Object parse(String text) {
        return parse.apply(text);
    }

    /** The text of {@code value}, null for a value that is not set. */
    String write(Object value) {
        return value == null ? null : text.apply(value);
    }

    private static Boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static long whole(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a whole number");
        }
    }

    private static Duration expiry(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals("false")) {
            return null;
        }
        long seconds;
        try {
            seconds = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of seconds, or false for tokens that never expire");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("must be a positive number of seconds, or false for tokens that never expire");
        }
        return Duration.ofSeconds(seconds);
    }

    private static Duration positiveSeconds(String v) {
        try {
            BigDecimal s = new BigDecimal(v.trim());
            if (s.signum() <= 0) {
                throw new NumberFormatException();
            }
            return Duration.ofMillis(s.movePointRight(3).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("must be a positive number of seconds");
        }
    }

    private static JwsAlgorithm algorithm(String v) {
        String name = v.trim();
        if (name.equalsIgnoreCase("none")) {
            throw new IllegalArgumentException("cannot be 'none': unsigned tokens are never accepted");
        }
        JwsAlgorithm a = JwsAlgorithm.fromName(name);
        if (a == null) {
            throw new IllegalArgumentException("names an unsupported algorithm; supported: " + JwsAlgorithm.supportedNames());
        }
        return a;
    }

    private static List<JwsAlgorithm> algorithms(String v) {
        List<JwsAlgorithm> out = new ArrayList<>();
        for (String s : list(v)) {
            out.add(algorithm(s));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("must name at least one algorithm");
        }
        return out;
    }

    private static List<TokenLocation> locations(String v) {
        List<TokenLocation> out = new ArrayList<>();
        for (String s : list(v)) {
            try {
                out.add(TokenLocation.fromWireName(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("can only contain \"headers\", \"cookies\", \"query_string\", or \"json\"");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("must contain at least one of \"headers\", \"cookies\", \"query_string\", or \"json\"");
        }
        return out;
    }

    private static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static ErrorStyle errorStyle(String v) {
        try {
            return ErrorStyle.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("must be flask or rfc6750");
        }
    }

    private static URI url(String v) {
        if (v.isBlank()) {
            return null;
        }
        try {
            return URI.create(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
    }

    private static String join(Object values, Function<Object, String> name) {
        return ((Collection<?>) values).stream().map(name).collect(Collectors.joining(","));
    }
}
