package io.github.jwtextended.callback;

import java.util.Map;

/**
 * JOSE header parameters added to every token created for an identity
 * ({@code additional_headers_loader}). {@code alg}, {@code crit} and key-carrying parameters
 * cannot be set this way. Must be thread safe.
 */
@FunctionalInterface
public interface AdditionalHeadersLoader {
    Map<String, ?> headersFor(Object identity);
}
