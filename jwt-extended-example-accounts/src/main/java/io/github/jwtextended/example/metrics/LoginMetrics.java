package io.github.jwtextended.example.metrics;

import io.github.jwtextended.example.login.LoginCounter;
import io.github.jwtextended.example.login.LoginOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #LOGINS} {@code {outcome}}: logins by {@link LoginOutcome} ({@code success},
 * {@code bad_credentials}, {@code throttled}, {@code cross_site}, {@code bad_request},
 * {@code unavailable}, {@code error}). Every series is registered when this is built, so each
 * exists at zero before its first login.
 *
 * <p>Thread safety: thread safe (the counters are).
 */
public final class LoginMetrics implements LoginCounter {
    /** The counter's name ({@code jwt_logins_total} in Prometheus). */
    public static final String LOGINS = "jwt.logins";

    private final Counter[] counters = new Counter[LoginOutcome.values().length];

    public LoginMetrics(MeterRegistry registry) {
        for (LoginOutcome o : LoginOutcome.values()) {
            counters[o.ordinal()] = Counter.builder(LOGINS).description("Logins by outcome")
                    .tag("outcome", o.tag()).register(registry);
        }
    }

    @Override
    public void count(LoginOutcome outcome) {
        counters[outcome.ordinal()].increment();
    }
}
