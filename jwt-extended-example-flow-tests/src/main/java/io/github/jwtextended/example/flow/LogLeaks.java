package io.github.jwtextended.example.flow;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leak check of a server's whole log after a hostile run, for both example servers: no value
 * that must stay secret (token, cookie, key, password), and of a token not even the first
 * {@value #SEGMENT_PREFIX} characters of one of its segments.
 *
 * <p>Thread safety: stateless.
 */
public final class LogLeaks {
    /** How much of a token segment is enough to count as a leak. */
    public static final int SEGMENT_PREFIX = 12;

    private LogLeaks() {
    }

    /** Fails when {@code log} holds any of {@code secrets} or the start of one of their dot-separated segments. */
    public static void assertNoSecretIn(String log, Collection<String> secrets) {
        for (String s : secrets) {
            if (s == null || s.isEmpty()) {
                continue;
            }
            assertThat(log).as("a secret value is in the log").doesNotContain(s);
            for (String segment : s.split("\\.")) {
                if (segment.length() >= SEGMENT_PREFIX) {
                    assertThat(log).as("a part of a token segment is in the log").doesNotContain(segment.substring(0, SEGMENT_PREFIX));
                }
            }
        }
    }
}
