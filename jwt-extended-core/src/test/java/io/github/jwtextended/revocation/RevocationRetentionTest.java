package io.github.jwtextended.revocation;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How long revocations are kept: expiry plus leeway, forever (null) for tokens that never expire. */
class RevocationRetentionTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration LEEWAY = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(NOW);

    private RevocationRetention retention(Duration access, Duration refresh) {
        JwtConfig config = TestKeys.config()
                .decode(d -> d.withLeeway(LEEWAY))
                .access(a -> a.withExpires(access))
                .refresh(r -> r.withExpires(refresh))
                .build();
        return new RevocationRetention(config, clock);
    }

    @Test
    void aTokenIsKeptUntilItsExpiryPlusTheLeewayAndForeverWithoutOne() {
        RevocationRetention r = retention(Duration.ofMinutes(15), Duration.ofDays(30));
        Instant exp = NOW.plusSeconds(600);
        assertThat(r.afterExpiry(exp)).isEqualTo(exp.plus(LEEWAY));
        assertThat(r.afterExpiry(null)).as("no exp: forever").isNull();
    }

    @Test
    void tokensOfALifetimeAreKeptForItFromTheirIssuePlusTheLeewayAndForeverWhenUnlimited() {
        RevocationRetention r = retention(Duration.ofMinutes(15), Duration.ofDays(30));
        Instant issued = NOW.minusSeconds(5);
        assertThat(r.afterLifetime(issued, Duration.ofHours(2))).isEqualTo(issued.plus(Duration.ofHours(2)).plus(LEEWAY));
        assertThat(r.afterLifetime(issued, null)).as("an unlimited lifetime: forever").isNull();
    }

    @Test
    void aFamilyRevokedNowIsKeptForTheRefreshLifetimeFromTheClockPlusTheLeeway() {
        RevocationRetention r = retention(Duration.ofMinutes(15), Duration.ofDays(30));
        assertThat(r.familyRevokedNow()).isEqualTo(NOW.plus(Duration.ofDays(30)).plus(LEEWAY));
        clock.advance(Duration.ofHours(1));
        assertThat(r.familyRevokedNow()).as("now is read at each call").isEqualTo(NOW.plus(Duration.ofHours(1)).plus(Duration.ofDays(30)).plus(LEEWAY));
        assertThat(retention(Duration.ofMinutes(15), null).familyRevokedNow()).as("refresh tokens that never expire: forever").isNull();
        assertThat(retention(null, Duration.ofDays(30)).familyRevokedNow()).as("only the refresh lifetime counts")
                .isEqualTo(NOW.plus(Duration.ofHours(1)).plus(Duration.ofDays(30)).plus(LEEWAY));
    }

    @Test
    void theLongestLifetimeIsTheLongerConfiguredOneAndUnlimitedWhenEitherIs() {
        assertThat(retention(Duration.ofMinutes(15), Duration.ofDays(30)).longestLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(retention(Duration.ofDays(60), Duration.ofDays(30)).longestLifetime()).isEqualTo(Duration.ofDays(60));
        assertThat(retention(Duration.ofDays(30), Duration.ofDays(30)).longestLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(retention(null, Duration.ofDays(30)).longestLifetime()).isNull();
        assertThat(retention(Duration.ofMinutes(15), null).longestLifetime()).isNull();
    }
}
