package io.github.jwtextended.example.login;

/**
 * Counts logins by {@link LoginOutcome} ({@link LoginChecks} calls it once per request).
 * {@link #NONE} counts nothing: the servers use it when metrics are off.
 *
 * <p>Implementations must be thread safe and return quickly.
 */
@FunctionalInterface
public interface LoginCounter {
    /** Counts nothing. */
    LoginCounter NONE = outcome -> { };

    /** One login ended with {@code outcome}. */
    void count(LoginOutcome outcome);
}
