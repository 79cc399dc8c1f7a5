package io.github.jwtextended.example.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code METRICS_TOKEN}: unset is off, only bearer-token characters, never shown, compared whole. */
class MetricsTokenTest {
    private static final String FAKE = "fake-metrics-token-0123456789abcdef0123456789";

    @Test
    void blankIsOff() {
        assertThat(MetricsToken.parse("")).isNull();
        assertThat(MetricsToken.parse("  \t")).isNull();
    }

    @Test
    void onlyRfc6750TokenCharactersWithoutRepeatingTheValue() {
        assertThat(MetricsToken.parse("aZ09-._~+/==")).isNotNull();
        for (String bad : new String[] {"two words", "quote\"d", "semi;colon", "pad=ding", "new\nline", "ünïcode"}) {
            assertThatThrownBy(() -> MetricsToken.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("METRICS_TOKEN must be a bearer token").hasMessageNotContaining(bad);
        }
    }

    @Test
    void matchesOnlyTheWholeTokenAndIsNeverShown() {
        MetricsToken token = MetricsToken.parse("  " + FAKE + "\n"); // trimmed, as read from a file
        assertThat(token.matches(FAKE)).isTrue();
        assertThat(token.matches(FAKE.substring(1))).isFalse();
        assertThat(token.matches(FAKE + "x")).isFalse();
        assertThat(token.matches(FAKE.toUpperCase(java.util.Locale.ROOT))).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(FAKE).doesNotContain(FAKE.substring(0, 8));
    }

    @Test
    void shortBelow32Characters() {
        assertThat(MetricsToken.parse("a".repeat(31)).isShort()).isTrue();
        assertThat(MetricsToken.parse("a".repeat(32)).isShort()).isFalse();
        assertThat(ServerMetrics.warnIfShort(MetricsToken.parse("short"))).isTrue();
        assertThat(ServerMetrics.warnIfShort(MetricsToken.parse(FAKE))).isFalse();
    }

    @Test
    void theServersCheckTheBearerScheme() {
        ServerMetrics m = ServerMetrics.from(MetricsToken.parse(FAKE)).orElseThrow();
        try {
            assertThat(m.authorized("Bearer " + FAKE)).isTrue();
            assertThat(m.authorized("BEARER " + FAKE)).isTrue();
            assertThat(m.authorized("Bearer  " + FAKE)).isFalse();
            assertThat(m.authorized("Basic " + FAKE)).isFalse();
            assertThat(m.authorized(FAKE)).isFalse();
            assertThat(m.authorized("Bearer")).isFalse();
            assertThat(m.authorized(null)).isFalse();
        } finally {
            m.close();
        }
        assertThat(ServerMetrics.from(null)).as("unset: nothing is made").isEmpty();
    }
}
