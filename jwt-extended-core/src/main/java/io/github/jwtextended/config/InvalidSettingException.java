package io.github.jwtextended.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A setting that cannot be used, named the way it was given: by its Java name
 * ({@code cookies.domain}) when set through {@link JwtConfig.Builder}, by its flask key
 * ({@code JWT_COOKIE_DOMAIN}) when read by {@link FlaskConfig}, by its Spring property
 * ({@code jwt.cookie-domain}) in the Spring Boot starter. The message never quotes the value (it
 * may be a secret pasted into the wrong setting).
 *
 * <p>Thread safety: immutable.
 */
public final class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The problem, with one {@code %s} for each setting's name. */
    private final String problem;
    /** The Java names of the settings concerned, in the order the problem names them. */
    private final List<String> settings;

    /** A problem naming {@code settings} (Java names, or a record's component names) at its {@code %s} places. */
    InvalidSettingException(String problem, String... settings) {
        this(problem, List.of(settings), Function.identity());
    }

    private InvalidSettingException(String problem, List<String> settings, Function<String, String> names) {
        super(String.format(problem, settings.stream().map(names).toArray()));
        this.problem = problem;
        this.settings = settings;
    }

    /** The Java names of the settings concerned ({@code access.cookieName}, ...). */
    public List<String> settings() {
        return settings;
    }

    /** The same problem, its settings read as components of the group {@code group} ({@code cookieName} in {@code access}). */
    InvalidSettingException inGroup(String group) {
        List<String> full = new ArrayList<>(settings.size());
        for (String s : settings) {
            full.add(group + "." + s);
        }
        return same(new InvalidSettingException(problem, List.copyOf(full), Function.identity()));
    }

    /** The same problem, each setting named by {@code names} (from its Java name). */
    InvalidSettingException named(Function<String, String> names) {
        return same(new InvalidSettingException(problem, settings, names));
    }

    /** {@code other}, keeping the stack of where this problem was found. */
    private InvalidSettingException same(InvalidSettingException other) {
        other.setStackTrace(getStackTrace());
        return other;
    }
}
