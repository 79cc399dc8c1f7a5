package io.github.jwtextended.servlet;

import java.util.Objects;

/**
 * A servlet-style URL pattern: exact ({@code /refresh}), prefix ({@code /api/*}, which also matches
 * {@code /api} itself; {@code /*} matches every path) or extension ({@code *.json}). Matching follows
 * the Servlet specification's order: an exact pattern wins, then the longest prefix, then an
 * extension. {@link #matches} compares as written (permits use it), {@link #matchesLoosely} ignores
 * letter case and a trailing slash (guards use it).
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

    /**
     * Whether this pattern matches {@code path} in any letter case (compared character by character as
     * {@link String#equalsIgnoreCase} does) or without one trailing slash: the reading a guard uses,
     * so that a router that ignores case or a trailing slash never reaches a guarded handler by a
     * path the guard did not cover.
     */
    boolean matchesLoosely(String path) {
        return matchesIgnoringCase(path)
                || path.length() > 1 && path.endsWith("/") && matchesIgnoringCase(path.substring(0, path.length() - 1));
    }

    private boolean matchesIgnoringCase(String path) {
        switch (kind) {
            case EXACT:
                return path.equalsIgnoreCase(stem);
            case PREFIX:
                return stem.isEmpty() || path.equalsIgnoreCase(stem)
                        || path.length() > stem.length() && path.regionMatches(true, 0, stem, 0, stem.length()) && path.charAt(stem.length()) == '/';
            default:
                int start = path.length() - stem.length();
                return start > path.lastIndexOf('/') && path.regionMatches(true, start, stem, 0, stem.length());
        }
    }

    @Override
    public String toString() {
        return pattern;
    }
}
