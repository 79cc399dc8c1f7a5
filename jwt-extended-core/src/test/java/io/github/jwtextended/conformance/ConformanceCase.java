package io.github.jwtextended.conformance;

import java.util.List;
import java.util.function.Function;

/**
 * One conformance case: a setup, a request, and the exact answer every adapter must give: status,
 * body, {@code WWW-Authenticate} lines and {@code Set-Cookie} lines (both in order). A case whose
 * {@code deviation} is set is where the project deliberately answers differently from
 * flask-jwt-extended; the value is the reason.
 *
 * @param wwwAuthenticate the expected challenge lines; null means the flask-style rule: exactly
 *                        {@code Bearer} on a 401, none otherwise
 * @param setCookies      the expected {@code Set-Cookie} lines, computed from the same environment
 *                        after the request was built
 * @param overrideAnswer  for the few cases that send {@code X-HTTP-Method-Override}: the answer of
 *                        an adapter whose framework routes by that header (see
 *                        {@link ConformanceServer#routesByMethodOverride()}); null otherwise
 *
 * <p>Thread safety: immutable (its functions are stateless).
 */
public record ConformanceCase(String name, ConformanceSetup setup, Function<CaseEnv, HttpCall> request, int status,
                              String body, List<String> wwwAuthenticate, Function<CaseEnv, List<String>> setCookies,
                              String deviation, ConformanceCase overrideAnswer) {

    /** The challenge lines expected with this case's status. */
    public List<String> expectedChallenges() {
        if (wwwAuthenticate != null) {
            return wwwAuthenticate;
        }
        return status == 401 ? List.of("Bearer") : List.of();
    }

    ConformanceCase withChallenge(String... values) {
        return new ConformanceCase(name, setup, request, status, body, List.of(values), setCookies, deviation, overrideAnswer);
    }

    ConformanceCase withCookies(Function<CaseEnv, List<String>> expected) {
        return new ConformanceCase(name, setup, request, status, body, wwwAuthenticate, expected, deviation, overrideAnswer);
    }

    ConformanceCase deviating(String reason) {
        return new ConformanceCase(name, setup, request, status, body, wwwAuthenticate, setCookies, reason, overrideAnswer);
    }

    /**
     * This case, answered differently by an adapter whose framework routes by
     * {@code X-HTTP-Method-Override}: there the guard must follow the effective method.
     */
    ConformanceCase whenRoutedByMethodOverride(int status, String body) {
        ConformanceCase other = new ConformanceCase(name, setup, request, status, body, null, setCookies, deviation, null);
        return new ConformanceCase(name, setup, request, this.status, this.body, wwwAuthenticate, setCookies, deviation, other);
    }

    /** The answer expected from {@code server}. */
    ConformanceCase expectedFrom(ConformanceServer server) {
        return overrideAnswer != null && server.routesByMethodOverride() ? overrideAnswer : this;
    }

    @Override
    public String toString() {
        return setup + ": " + name + (deviation == null ? "" : "  [DEVIATION: " + deviation + "]");
    }
}
