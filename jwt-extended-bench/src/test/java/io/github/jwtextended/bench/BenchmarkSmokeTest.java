package io.github.jwtextended.bench;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmarks measure real work: every verifier accepts the same tokens and returns the same
 * subject, refuses a forged one, and every creator's token is accepted by jwt-extended. Results are
 * compared, never timings.
 */
class BenchmarkSmokeTest {
    @Test
    void everyVerifierReturnsTheSubjectOfTheSameTokens() {
        Hs256VerifyBenchmark b = new Hs256VerifyBenchmark();
        b.tokens = "repeated";
        b.setUp();
        Hs256VerifyBenchmark.Cursor c = new Hs256VerifyBenchmark.Cursor();
        for (int i = 0; i < 2 * Fixtures.REPEATED_TOKENS; i++) {
            assertThat(b.jwtExtended(c)).isEqualTo(Fixtures.SUBJECT);
            assertThat(b.jdkFloor(c)).isEqualTo(Fixtures.SUBJECT);
            assertThat(b.nimbus(c)).isEqualTo(Fixtures.SUBJECT);
            assertThat(b.jjwt(c)).isEqualTo(Fixtures.SUBJECT);
            assertThat(b.auth0(c)).isEqualTo(Fixtures.SUBJECT);
        }
    }

    @Test
    void theMetricsOverheadBenchmarkVerifiesAndOnlyTheMeteredManagerCounts() {
        MetricsOverheadBenchmark b = new MetricsOverheadBenchmark();
        b.setUp();
        Hs256VerifyBenchmark.Cursor c = new Hs256VerifyBenchmark.Cursor();
        for (int i = 0; i < 4; i++) {
            assertThat(b.plain(c)).isEqualTo(Fixtures.SUBJECT);
            assertThat(b.metered(c)).isEqualTo(Fixtures.SUBJECT);
        }
        assertThat(b.registry.get("jwt.verifications").tags("outcome", "success", "type", "access", "location", "headers").counter().count())
                .isEqualTo(4);
        assertThat(b.registry.get("jwt.store.latency").tag("operation", "check").timer().count()).isEqualTo(4);
    }

    @Test
    void publicKeyBenchmarksVerifyTheirTokens() {
        for (String alg : new String[] {"RS256", "ES256", "EdDSA"}) {
            AsymmetricVerifyBenchmark b = new AsymmetricVerifyBenchmark();
            b.alg = alg;
            b.tokens = "repeated";
            b.setUp();
            Hs256VerifyBenchmark.Cursor c = new Hs256VerifyBenchmark.Cursor();
            for (int i = 0; i < 3 * Fixtures.REPEATED_TOKENS; i++) {
                assertThat(b.jwtExtended(c)).as(alg).isEqualTo(Fixtures.SUBJECT);
            }
        }
    }

    @Test
    void theFloorRefusesAForgedSignatureAndAnExpiredToken() {
        JdkFloor floor = new JdkFloor(Fixtures.SECRET_BYTES);
        long now = System.currentTimeMillis() / 1000;
        String token = floor.create(Fixtures.SUBJECT, now, 60);
        assertThat(floor.verify(token, now)).isEqualTo(Fixtures.SUBJECT);
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> floor.verify(forged, now)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> floor.verify(token, now + 61)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCreatorsTokenVerifiesWithJwtExtended() {
        Hs256CreateBenchmark b = new Hs256CreateBenchmark();
        b.setUp();
        OtherLibraries others = new OtherLibraries(Fixtures.SECRET_BYTES);
        long lifetime = Fixtures.LIFETIME.toSeconds();
        for (String token : new String[] {b.jwtExtended(), b.jdkFloor(), b.nimbus(), b.jjwt(), b.auth0(),
                others.auth0Create("x", Instant.now(), lifetime)}) {
            String sub = b.ours.decodeToken(token).identityAsString();
            assertThat(sub).isIn(Fixtures.SUBJECT, "x");
            assertThat(others.auth0Verify(token)).isEqualTo(sub);
        }
    }
}
