package io.github.jwtextended.config;

/**
 * The {@code query_string} location (for both token kinds).
 *
 * <p>Thread safety: immutable.
 *
 * @param name        the query parameter holding the token
 * @param valuePrefix a prefix the value must start with (removed), e.g. {@code "Bearer "}; empty for none
 */
public record QuerySettings(String name, String valuePrefix) {
    /** {@code ?jwt=<token>}. */
    public static final QuerySettings DEFAULTS = new QuerySettings("jwt", "");

    /** Refuses an empty parameter name and a null prefix. */
    public QuerySettings {
        Checks.text(name, "name");
        Checks.notNull(valuePrefix, "valuePrefix");
    }

    public QuerySettings withName(String parameter) { return new QuerySettings(parameter, valuePrefix); }
    public QuerySettings withValuePrefix(String prefix) { return new QuerySettings(name, prefix); }
}
