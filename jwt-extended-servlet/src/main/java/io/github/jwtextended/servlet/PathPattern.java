package io.github.jwtextended.servlet;

import java.util.Objects;

/**
 * A servlet-style URL pattern: exact ({@code /refresh}), prefix ({@code /api/*}, which also matches
 * {@code /api} itself; {@code /*} matches every path) or extension ({@code *.json}). Matching follows
 * the Servlet specification's order: an exact pattern wins, then the longest prefix, then an
 * extension.
 *
 * <p>Thread safety: immutable.
 */
final class PathPattern {
    enum Kind { EXACT, PREFIX, EXTENSION }

    private final String pattern;
    private final Kind kind;
    private final String stem;

    private PathPattern(String pattern, Kind kind, String stem) {
        this.pattern = pattern;
        this.kind = kind;
        this.stem = stem;
    }

    static PathPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (pattern.startsWith("*.") && pattern.length() > 2 && pattern.indexOf('/') < 0 && pattern.indexOf('*', 1) < 0) {
            return new PathPattern(pattern, Kind.EXTENSION, pattern.substring(1));
        }
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/' or '*.': " + pattern);
        }
        if (pattern.endsWith("/*")) {
            String stem = pattern.substring(0, pattern.length() - 2);
            if (stem.indexOf('*') >= 0) {
                throw new IllegalArgumentException("'*' may only end a prefix pattern: " + pattern);
            }
            return new PathPattern(pattern, Kind.PREFIX, stem);
        }
        if (pattern.indexOf('*') >= 0) {
            throw new IllegalArgumentException("'*' may only end a prefix pattern or start an extension pattern: " + pattern);
        }
        return new PathPattern(pattern, Kind.EXACT, pattern);
    }

    Kind kind() {
        return kind;
    }

    /** For prefix patterns, the length of the prefix; longer is more specific. */
    int specificity() {
        return stem.length();
    }

    boolean matches(String path) {
        switch (kind) {
            case EXACT:
                return path.equals(stem);
            case PREFIX:
                return stem.isEmpty() || path.equals(stem) || path.startsWith(stem + "/");
            default:
                int slash = path.lastIndexOf('/');
                return path.endsWith(stem) && path.length() - stem.length() > slash;
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
