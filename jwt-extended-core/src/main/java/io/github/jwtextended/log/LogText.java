package io.github.jwtextended.log;

/**
 * A value from a request (a path, a method, an identity, a header value, a client address) made
 * safe for one log line: whatever it holds, it stays one field of one line, and reads as what it
 * is. Every log statement that includes a request-derived value passes it through
 * {@link #escape(CharSequence)}; the adapters and the example servers do.
 *
 * <p>The rule: each character that could end a line, split a field or hide what the value says is
 * written as {@code \\uXXXX}: the C0 controls (CR, LF, tab, ...), DEL, the C1 controls (including
 * NEL, U+0085), the line and paragraph separators U+2028 and U+2029, the other invisible format
 * characters (right-to-left overrides, zero-width characters), every space character (so a value
 * cannot fake the next field), a surrogate without its pair, and the backslash and double quote
 * (so an escape in the output is always one of ours). The value is cut after {@value #MAX_LENGTH}
 * characters, never inside a surrogate pair, and {@code ...} marks the cut. A null value is
 * {@code -}.
 *
 * <p>Thread safety: stateless.
 */
public final class LogText {
    /** The most characters of a value that reach a log line. */
    public static final int MAX_LENGTH = 200;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogText() {
    }

    /** {@code value} escaped and cut for a log line (see the class comment); {@code -} for null. */
    public static String escape(CharSequence value) {
        if (value == null) {
            return "-";
        }
        int end = Math.min(value.length(), MAX_LENGTH);
        if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))
                && Character.isLowSurrogate(value.charAt(end))) {
            end--; // keep a pair whole: cut before it
        }
        StringBuilder b = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                b.append(c).append(value.charAt(++i));
            } else if (needsEscape(c)) {
                b.append('\\').append('u').append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            } else {
                b.append(c);
            }
        }
        if (end < value.length()) {
            b.append("...");
        }
        return b.toString();
    }

    private static boolean needsEscape(char c) {
        if (c == '\\' || c == '"') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED -> true;
            default -> false;
        };
    }
}
