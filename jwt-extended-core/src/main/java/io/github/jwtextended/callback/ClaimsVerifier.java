package io.github.jwtextended.callback;

import java.util.Map;

/**
 * Application-specific checks on a verified token ({@code token_verification_loader}); false
 * refuses the request with 400 {@code User claims verification failed}. Must be thread safe.
 */
@FunctionalInterface
public interface ClaimsVerifier {
    boolean verify(Map<String, Object> header, Map<String, Object> claims);
}
