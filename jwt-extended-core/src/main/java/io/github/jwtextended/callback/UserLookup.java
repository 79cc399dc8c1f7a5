package io.github.jwtextended.callback;

import java.util.Map;

/**
 * Loads the user a verified token stands for ({@code user_lookup_loader}); null means "no such
 * user" and the request is refused with 401 {@code Error loading the user <identity>}.
 * Must be thread safe.
 */
@FunctionalInterface
public interface UserLookup {
    Object lookup(Map<String, Object> header, Map<String, Object> claims);
}
