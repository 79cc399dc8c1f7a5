package io.github.jwtextended.config;

import java.util.Locale;

/**
 * Where a token may travel in a request. The wire names are flask-jwt-extended's.
 *
 * <p>Thread safety: immutable.
 */
public enum TokenLocation {
    HEADERS,
    COOKIES,
    QUERY_STRING,
    JSON;

    /** The name flask-jwt-extended uses, the constant's in lower case: {@code headers}, {@code cookies}, {@code query_string}, {@code json}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The location with this flask name; {@link IllegalArgumentException} naming it otherwise. */
    public static TokenLocation fromWireName(String name) {
        for (TokenLocation l : values()) {
            if (l.wireName().equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a valid location: use headers, cookies, query_string or json");
    }

    @Override
    public String toString() {
        return wireName();
    }
}
