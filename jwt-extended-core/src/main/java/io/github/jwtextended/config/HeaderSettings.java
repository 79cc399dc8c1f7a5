package io.github.jwtextended.config;

/**
 * The {@code headers} location: which header holds the token, after which scheme.
 *
 * <p>Thread safety: immutable.
 *
 * @param name              the header ({@code Authorization})
 * @param type              the scheme before the token ({@code Bearer}); empty: the header holds the bare token
 * @param typeCaseSensitive whether the scheme must match in case too (flask's rule); by default it is compared
 *                          without regard to ASCII case, as RFC 9110 §11.1 and RFC 6750 §2.1 say (SECURITY.md row F3)
 */
public record HeaderSettings(String name, String type, boolean typeCaseSensitive) {
    /** {@code Authorization: Bearer <token>}, the scheme in any case. */
    public static final HeaderSettings DEFAULTS = new HeaderSettings("Authorization", "Bearer", false);

    /** Refuses an empty header name and a null scheme. */
    public HeaderSettings {
        Checks.text(name, "name");
        Checks.notNull(type, "type");
    }

    public HeaderSettings withName(String header) { return new HeaderSettings(header, type, typeCaseSensitive); }
    public HeaderSettings withType(String scheme) { return new HeaderSettings(name, scheme, typeCaseSensitive); }
    public HeaderSettings withTypeCaseSensitive(boolean on) { return new HeaderSettings(name, type, on); }
}
