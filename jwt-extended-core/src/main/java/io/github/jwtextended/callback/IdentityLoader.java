package io.github.jwtextended.callback;

/**
 * Turns the identity object given at creation into the identity claim's value
 * ({@code user_identity_loader}); the default returns it unchanged. With {@code verifySub} on, the
 * result must be a string. Must be thread safe.
 */
@FunctionalInterface
public interface IdentityLoader {
    Object identityOf(Object identity);
}
