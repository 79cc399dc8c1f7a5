package io.github.jwtextended.example.chaos;

import java.util.Locale;

/**
 * The figures of one chaos run, as the READMEs' tables report them. {@code outageMs} runs from the
 * first 503 on a protected request under way at the fault or later to the last one (0 without any):
 * a 503 before the fault (a check that timed out on a busy machine) does not stretch it.
 *
 * <p>Thread safety: immutable.
 */
public record Figures(String setup, long outageMs, long protected503, long logout503, long logoutsAcked, long lostAcked,
                      long acceptedWithinBound, double p99BeforeMs, double p99DuringMs, double p99AfterMs, long requests) {
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: outage seen by clients %d ms, 503s %d protected + %d logout, "
                        + "%d logouts acknowledged, %d lost, %d accepted within the near cache's bound, p99 %.1f / %.1f / %.1f ms"
                        + " (before / during / after), %d requests",
                setup, outageMs, protected503, logout503, logoutsAcked, lostAcked, acceptedWithinBound,
                p99BeforeMs, p99DuringMs, p99AfterMs, requests);
    }
}
