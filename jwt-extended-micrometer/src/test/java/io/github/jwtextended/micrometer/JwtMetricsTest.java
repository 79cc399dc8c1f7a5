package io.github.jwtextended.micrometer;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.fixtures.UnavailableStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static io.github.jwtextended.micrometer.JwtMetrics.REUSE;
import static io.github.jwtextended.micrometer.JwtMetrics.REVOCATIONS;
import static io.github.jwtextended.micrometer.JwtMetrics.ROTATIONS;
import static io.github.jwtextended.micrometer.JwtMetrics.TOKENS_ISSUED;
import static io.github.jwtextended.micrometer.JwtMetrics.VERIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The counters of a real manager over real tokens and the in-memory store, read from a registry. */
class JwtMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MutableClock clock = new MutableClock(TestKeys.NOW);
    private final JwtConfig config = TestKeys.config().tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES).build();

    private JwtManager manager(RevocationStore store) {
        return JwtManager.builder(config).clock(clock).refreshReuseGrace(Duration.ZERO)
                .revocationStore(new MeteredRevocationStore(store, registry))
                .listener(new JwtMetrics(registry)).build();
    }

    private double verifications(String outcome, String type, String location) {
        return registry.get(VERIFICATIONS).tags("outcome", outcome, "type", type, "location", location).counter().count();
    }

    private static void refused(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(JwtException.class);
    }

    @Test
    void verificationsAreCountedByOutcomeTypeAndLocation() {
        JwtManager jwt = manager(new InMemoryRevocationStore());
        String access = jwt.createAccessToken("kim");
        String refresh = jwt.createRefreshToken("kim");
        assertThat(verifications("success", "access", "headers")).isZero();

        jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required());
        jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required());
        jwt.verifyRequest(FakeRequest.get().cookie("refresh_token_cookie", refresh), Guard.required().refresh(true));
        refused(() -> jwt.verifyRequest(FakeRequest.get(), Guard.required()));
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer(access + "x"), Guard.required()));
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer("a.b"), Guard.required()));
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer(refresh), Guard.required()));
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required().fresh(true)));
        refused(() -> jwt.verifyRequest(FakeRequest.post().cookie("access_token_cookie", access), Guard.required()));
        jwt.revoke(jwt.decodeToken(access));
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()));
        clock.advance(Duration.ofDays(40));
        refused(() -> jwt.verifyRequest(FakeRequest.get().cookie("refresh_token_cookie", refresh), Guard.required().refresh(true)));

        assertThat(verifications("success", "access", "headers")).isEqualTo(2);
        assertThat(verifications("success", "refresh", "cookies")).isEqualTo(1);
        assertThat(verifications("missing", "access", "none")).isEqualTo(1);
        assertThat(verifications("invalid_signature", "access", "headers")).isEqualTo(1);
        assertThat(verifications("invalid_token", "access", "headers")).isEqualTo(1);
        assertThat(verifications("wrong_type", "access", "headers")).isEqualTo(1);
        assertThat(verifications("fresh_required", "access", "headers")).isEqualTo(1);
        assertThat(verifications("csrf", "access", "cookies")).isEqualTo(1);
        assertThat(verifications("revoked", "access", "headers")).isEqualTo(1);
        assertThat(verifications("expired", "refresh", "cookies")).isEqualTo(1);
        assertThat(registry.get(VERIFICATIONS).counters().stream().mapToDouble(c -> c.count()).sum()).isEqualTo(11);
    }

    @Test
    void aStoreOutageIsCountedAsStoreUnavailableAndAsAStoreFailure() {
        JwtManager jwt = manager(UnavailableStore.down());
        String access = jwt.createAccessToken("kim");
        refused(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()));
        refused(() -> jwt.revoke(jwt.decodeToken(access)));
        assertThat(verifications("store_unavailable", "access", "headers")).isEqualTo(1);
        assertThat(registry.get(MeteredRevocationStore.FAILURES).tags("operation", "check", "cause", "error").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(MeteredRevocationStore.FAILURES).tags("operation", "revoke", "cause", "error").counter().count())
                .isEqualTo(1);
        assertThat(registry.get(REVOCATIONS).tag("kind", "token").counter().count()).as("not recorded").isZero();
    }

    @Test
    void tokensIssuedRotationsReuseAndRevocationsAreCounted() {
        JwtManager jwt = manager(new InMemoryRevocationStore());
        jwt.createAccessToken("kim");
        TokenPair login = jwt.createTokenPair("kim", TokenOptions.defaults());
        Jwt first = jwt.decodeToken(login.refreshToken());
        TokenPair next = jwt.rotateRefreshToken(first);
        assertThat(registry.get(TOKENS_ISSUED).tag("type", "access").counter().count()).isEqualTo(3);
        assertThat(registry.get(TOKENS_ISSUED).tag("type", "refresh").counter().count()).isEqualTo(2);
        assertThat(registry.get(ROTATIONS).tag("result", "rotated").counter().count()).isEqualTo(1);
        assertThat(registry.get(REUSE).counter().count()).isZero();

        refused(() -> jwt.rotateRefreshToken(first));
        refused(() -> jwt.rotateRefreshToken(jwt.decodeToken(next.refreshToken())));
        assertThat(registry.get(ROTATIONS).tag("result", "reuse").counter().count()).isEqualTo(1);
        assertThat(registry.get(ROTATIONS).tag("result", "revoked").counter().count()).isEqualTo(1);
        assertThat(registry.get(REUSE).counter().count()).isEqualTo(1);

        TokenPair other = jwt.createTokenPair("lee", TokenOptions.defaults());
        jwt.revokeFamily(jwt.decodeToken(other.refreshToken()));
        jwt.revoke(jwt.decodeToken(other.accessToken()));
        jwt.revokeAllFor("lee");
        assertThat(registry.get(REVOCATIONS).tag("kind", "family").counter().count()).isEqualTo(1);
        assertThat(registry.get(REVOCATIONS).tag("kind", "token").counter().count()).isEqualTo(1);
        assertThat(registry.get(REVOCATIONS).tag("kind", "everywhere").counter().count()).isEqualTo(1);
    }

    @Test
    void noTagValueIsEverAnIdentityATokenOrAJti() {
        JwtManager jwt = manager(new InMemoryRevocationStore());
        TokenPair pair = jwt.createTokenPair("kim-identity", TokenOptions.defaults());
        jwt.verifyRequest(FakeRequest.get().bearer(pair.accessToken()), Guard.required());
        jwt.rotateRefreshToken(jwt.decodeToken(pair.refreshToken()));
        jwt.revokeAllFor("kim-identity");
        Set<String> values = registry.getMeters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream())
                .map(Tag::getValue).collect(Collectors.toSet());
        assertThat(values).allMatch(v -> v.matches("[a-z_.0-9]+"), "a lower-case constant")
                .noneMatch(v -> v.contains("kim"));
        assertThat(registry.getMeters().size()).as("bounded: every series is registered up front").isLessThan(400);
    }
}
