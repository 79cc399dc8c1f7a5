package io.github.jwtextended.javalin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, so expiry, {@code nbf}, {@code iat} and freshness are tested
 * without sleeping. Thread safe: the server's threads read what the test thread sets.
 */
final class TestClock extends Clock {
    /** A whole second, so {@code iat} is exactly {@code now}. */
    static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    private volatile Instant now = START;

    void advance(Duration d) {
        now = now.plus(d);
    }

    void set(Instant instant) {
        now = instant;
    }

    long epochSecond() {
        return now.getEpochSecond();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the test clock is UTC only");
    }
}
