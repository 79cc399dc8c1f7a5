package io.github.jwtextended.key;

import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.fixtures.Forge;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static io.github.jwtextended.error.InvalidTokenException.Reason.SIGNATURE;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rotation runbook of {@code docs/keys.md}, walked through with a test clock: tokens issued
 * before, during and after the rotation. The verifier sees the issuer's published JWKS as a
 * caching consumer would: a snapshot refreshed every {@link #VERIFIER_CACHE}.
 */
class KeyRotationTest {
    private static final Duration ACCESS = Duration.ofMinutes(15);
    private static final Duration REFRESH = Duration.ofHours(1); // the longest token lifetime
    private static final Duration VERIFIER_CACHE = Duration.ofMinutes(5);


    private static final class Issued {
        final String token;
        final Instant exp;
        final String kid;

        Issued(String token, Instant exp, String kid) {
            this.token = token;
            this.exp = exp;
            this.kid = kid;
        }
    }

    private final MutableClock clock = new MutableClock(NOW);
    private final JwtConfig config = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256))
            .access(a -> a.withExpires(ACCESS)).refresh(r -> r.withExpires(REFRESH)).build();
    private final KeyGenerator.Generated k1 = TestKeyPairs.fresh(JwsAlgorithm.ES256, "2027-01-k1");
    private final KeyGenerator.Generated k2 = TestKeyPairs.fresh(JwsAlgorithm.ES256, "2027-02-k2");
    private final RotatingKeyResolver issuerKeys = new RotatingKeyResolver("2027-01-k1", List.of(k1.key()));
    private final JwtManager issuer = JwtManager.builder(config).keyResolver(issuerKeys).clock(clock).build();
    private final List<Issued> issued = new ArrayList<>();
    private JwtManager verifier;
    private Instant verifierFetchedAt;

    /** The verifier refetches the published JWKS when its cache is older than VERIFIER_CACHE. */
    private JwtManager verifier() {
        if (verifier == null || !clock.instant().isBefore(verifierFetchedAt.plus(VERIFIER_CACHE))) {
            List<JwtKey> published = Jwks.parsePublished(Jwks.publicJson(issuer.keyResolver()), null, null);
            verifier = JwtManager.builder(config).keyResolver(StaticKeyResolver.verifyOnly(published)).clock(clock).build();
            verifierFetchedAt = clock.instant();
        }
        return verifier;
    }

    private void issueBoth() {
        String access = issuer.createAccessToken("alice");
        String refresh = issuer.createRefreshToken("alice");
        String kid = issuerKeys.signingKeyId();
        assertThat(Forge.segment(access, 0)).contains("\"kid\":\"" + kid + "\"");
        issued.add(new Issued(access, clock.instant().plus(ACCESS), kid));
        issued.add(new Issued(refresh, clock.instant().plus(REFRESH), kid));
    }

    /** Every issued token that has not expired is accepted by the issuer and by the verifier. */
    private void everyLiveTokenIsAccepted(String when) {
        for (Issued t : issued) {
            if (clock.instant().isBefore(t.exp)) {
                assertThat(issuer.decodeToken(t.token).identity()).as(when + ", issuer, kid " + t.kid).isEqualTo("alice");
                assertThat(verifier().decodeToken(t.token).identity()).as(when + ", verifier, kid " + t.kid).isEqualTo("alice");
            } else {
                // Expired: refused as expired, or for its signature once its key is retired (signature comes first).
                assertThatThrownBy(() -> verifier().decodeToken(t.token))
                        .satisfiesAnyOf(e -> assertThat(e).isInstanceOf(ExpiredTokenException.class), invalidToken(SIGNATURE));
            }
        }
    }

    /** Moves the clock in one-minute steps, issuing tokens and checking every live one at each step. */
    private void runFor(Duration d, String phase) {
        for (long m = 0; m < d.toMinutes(); m++) {
            clock.advance(Duration.ofMinutes(1));
            if (m % 7 == 0) {
                issueBoth();
            }
            if (m % 3 == 0 || m == d.toMinutes() - 1) {
                everyLiveTokenIsAccepted(phase + " +" + m + "min");
            }
        }
    }

    @Test
    void addSwitchRetireWithoutRefusingAnyValidToken() {
        // Before: k1 signs.
        issueBoth();
        runFor(Duration.ofMinutes(20), "before");
        String oldToken = issued.get(issued.size() - 1).token; // a k1 refresh token

        // Step 1: add k2. It is published at once but does not sign yet.
        issuerKeys.add(k2.key());
        assertThat(Jwks.publicJson(issuer.keyResolver())).contains("2027-01-k1", "2027-02-k2").doesNotContain("\"d\"");
        assertThat(issuerKeys.signingKeyId()).isEqualTo("2027-01-k1");
        runFor(VERIFIER_CACHE.plusMinutes(1), "k2 added"); // wait at least the verifiers' cache lifetime

        // Step 2: switch signing to k2. Tokens signed by k1 stay valid.
        issuerKeys.useForSigning("2027-02-k2");
        assertThatThrownBy(() -> issuerKeys.retire("2027-02-k2")).hasMessageContaining("signing key");
        runFor(Duration.ofMinutes(30), "k2 signs");
        assertThat(issued.stream().filter(t -> t.kid.equals("2027-01-k1") && clock.instant().isBefore(t.exp))).isNotEmpty();
        assertThat(issuer.decodeToken(oldToken).identity()).isEqualTo("alice");

        // Retiring k1 now would refuse valid k1 tokens: that is why the runbook waits.
        StaticKeyResolver tooEarly = StaticKeyResolver.verifyOnly(List.of(k2.key()));
        JwtManager hasty = JwtManager.builder(config).keyResolver(tooEarly).clock(clock).build();
        assertThatThrownBy(() -> hasty.decodeToken(oldToken)).satisfies(invalidToken(SIGNATURE));

        // Wait out the longest lifetime of a k1 token, then step 3: retire k1.
        runFor(REFRESH, "waiting to retire k1");
        assertThat(issued.stream().filter(t -> t.kid.equals("2027-01-k1") && clock.instant().isBefore(t.exp))).isEmpty();
        issuerKeys.retire("2027-01-k1");
        assertThat(Jwks.publicJson(issuer.keyResolver())).doesNotContain("2027-01-k1");

        // After: k2 tokens pass; a k1 token is refused for its signature (checked before expiry).
        runFor(Duration.ofMinutes(10), "k1 retired");
        assertThatThrownBy(() -> issuer.decodeToken(oldToken, null, true)).satisfies(invalidToken(SIGNATURE));
        clock.advance(VERIFIER_CACHE);
        assertThatThrownBy(() -> verifier().decodeToken(oldToken, null, true)).satisfies(invalidToken(SIGNATURE));
        // A fresh k1 signature (say, a stolen retired key) is refused too.
        JwtManager thief = JwtManager.builder(config).keyResolver(StaticKeyResolver.of(k1.key())).clock(clock).build();
        String stolen = thief.createAccessToken("alice");
        assertThatThrownBy(() -> issuer.decodeToken(stolen)).satisfies(invalidToken(SIGNATURE));
        assertThatThrownBy(() -> verifier().decodeToken(stolen)).satisfies(invalidToken(SIGNATURE));
        assertThat(issued).hasSizeGreaterThan(30);
    }
}
