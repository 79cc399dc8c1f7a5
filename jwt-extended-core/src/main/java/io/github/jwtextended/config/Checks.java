package io.github.jwtextended.config;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The checks the settings records make of their components; each refusal is an
 * {@link InvalidSettingException} naming the component.
 *
 * <p>Thread safety: stateless.
 */
final class Checks {
    private Checks() {
    }

    static void notNull(Object value, String component) {
        if (value == null) {
            throw new InvalidSettingException("%s cannot be null", component);
        }
    }

    static void text(String value, String component) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException("%s cannot be empty", component);
        }
    }

    /** RFC 6265 token characters: no separators, spaces or controls. */
    static void cookieName(String value, String component) {
        if (value == null || !value.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new InvalidSettingException("%s must be a valid cookie name", component);
        }
    }

    static void path(String value, String component) {
        if (value == null || !value.startsWith("/") || value.chars().anyMatch(c -> c < 0x21 || c == ';' || c == 0x7f)) {
            throw new InvalidSettingException("%s must be a path starting with /", component);
        }
    }

    /** Refused unless positive (null too), with {@code problem} after the name. */
    static void positive(Duration value, String component, String problem) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidSettingException("%s " + problem, component);
        }
    }

    /** An unmodifiable copy keeping the order; refused when it holds null. */
    static <T> List<T> list(Collection<T> values, String component) {
        notNull(values, component);
        for (T v : values) { // not contains(null): immutable collections throw on it
            if (v == null) {
                throw new InvalidSettingException("%s cannot contain null", component);
            }
        }
        return List.copyOf(values);
    }

    /** {@code values} in their order, nulls kept for a constructor to refuse; null stays null. */
    static <T> Set<T> ordered(Collection<T> values) {
        return values == null ? null : new LinkedHashSet<>(values);
    }

    /** {@code change} applied to the record {@code current}; a refusal names the component inside {@code group}. */
    static <T> T within(String group, T current, UnaryOperator<T> change) {
        try {
            return change.apply(current);
        } catch (InvalidSettingException e) {
            throw e.inGroup(group);
        }
    }

    /** An unmodifiable copy in first-seen order; null stays null (the check is off); refused when it holds null. */
    static <T> Set<T> optionalSet(Collection<T> values, String component) {
        if (values == null) {
            return null;
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(list(values, component)));
    }
}
