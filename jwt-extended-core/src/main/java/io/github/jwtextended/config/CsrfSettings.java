package io.github.jwtextended.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CSRF double-submit protection of cookie tokens.
 *
 * <p>Thread safety: immutable.
 *
 * @param protect   whether tokens carry a {@code csrf} claim and cookie tokens are checked against it
 * @param methods   the methods on which the check runs (upper-cased)
 * @param inCookies whether a CSRF cookie, readable by scripts, is written next to each token cookie
 * @param checkForm whether the CSRF value may come in a form field when the header is absent
 */
public record CsrfSettings(boolean protect, Set<String> methods, boolean inCookies, boolean checkForm) {
    /** On, for POST, PUT, PATCH and DELETE, CSRF cookies written, forms not read. */
    public static final CsrfSettings DEFAULTS = new CsrfSettings(true,
            new LinkedHashSet<>(List.of("POST", "PUT", "PATCH", "DELETE")), true, false);

    /** Refuses anything but method names; upper-cases them, keeping their order. */
    public CsrfSettings {
        Set<String> upper = new LinkedHashSet<>();
        for (String m : Checks.list(methods, "methods")) {
            if (!m.matches("[A-Za-z]+")) {
                throw new InvalidSettingException("%s must be HTTP method names", "methods");
            }
            upper.add(m.toUpperCase(Locale.ROOT));
        }
        methods = Collections.unmodifiableSet(upper);
    }

    public CsrfSettings withProtect(boolean on) { return new CsrfSettings(on, methods, inCookies, checkForm); }
    public CsrfSettings withMethods(Collection<String> names) { return new CsrfSettings(protect, Checks.ordered(names), inCookies, checkForm); }
    public CsrfSettings withMethods(String... names) { return withMethods(Arrays.asList(names)); }
    public CsrfSettings withInCookies(boolean on) { return new CsrfSettings(protect, methods, on, checkForm); }
    public CsrfSettings withCheckForm(boolean on) { return new CsrfSettings(protect, methods, inCookies, on); }
}
