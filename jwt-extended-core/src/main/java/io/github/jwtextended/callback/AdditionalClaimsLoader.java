package io.github.jwtextended.callback;

import java.util.Map;

/**
 * Claims added to every token created for an identity ({@code additional_claims_loader}).
 * Reserved claims ({@code exp}, {@code sub}, {@code type}, ...) cannot be returned: creation
 * fails with {@link IllegalArgumentException} instead of silently overwriting them.
 * Must be thread safe.
 */
@FunctionalInterface
public interface AdditionalClaimsLoader {
    Map<String, ?> claimsFor(Object identity);
}
