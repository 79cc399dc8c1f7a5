package io.github.jwtextended.event;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.CapturedLog;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.fixtures.UnavailableStore;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The listener hears what a real manager does, and never changes an answer. */
class JwtListenerTest {
    private final MutableClock clock = new MutableClock(TestKeys.NOW);
    private final JwtConfig config = TestKeys.config()
            .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES).build();

    /** Every call, as one line of constant names. */
    static final class Recording implements JwtListener {
        final List<String> events = new ArrayList<>();

        @Override
        public synchronized void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
            events.add("verification " + outcome + " " + type + " " + location);
        }

        @Override
        public synchronized void tokenIssued(TokenType type) {
            events.add("issued " + type);
        }

        @Override
        public synchronized void refreshRotation(RotationOutcome outcome) {
            events.add("rotation " + outcome);
        }

        @Override
        public synchronized void revocation(RevocationKind kind) {
            events.add("revocation " + kind);
        }

        synchronized List<String> take() {
            List<String> copy = List.copyOf(events);
            events.clear();
            return copy;
        }
    }

    /** Fails on every event. */
    static final class Throwing implements JwtListener {
        @Override
        public void verification(VerificationOutcome outcome, TokenType type, TokenLocation location) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void tokenIssued(TokenType type) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void refreshRotation(RotationOutcome outcome) {
            throw new IllegalStateException("listener down");
        }

        @Override
        public void revocation(RevocationKind kind) {
            throw new IllegalStateException("listener down");
        }
    }

    private JwtManager manager(RevocationStore store, JwtListener... listeners) {
        JwtManager.Builder b = JwtManager.builder(config).clock(clock).revocationStore(store).refreshReuseGrace(Duration.ZERO);
        for (JwtListener l : listeners) {
            b.listener(l);
        }
        return b.build();
    }

    @Test
    void eachVerificationOutcomeIsReportedWithTypeAndLocation() {
        Recording rec = new Recording();
        JwtManager jwt = manager(new InMemoryRevocationStore(), rec);
        String access = jwt.createAccessToken("kim");
        String refresh = jwt.createRefreshToken("kim");
        assertThat(rec.take()).containsExactly("issued ACCESS", "issued REFRESH");

        jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required());
        assertThat(rec.take()).containsExactly("verification SUCCESS ACCESS headers");

        refuse(() -> jwt.verifyRequest(FakeRequest.get(), Guard.required()));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(access + "x"), Guard.required()));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer("abc"), Guard.required()));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(refresh), Guard.required()));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required().fresh(true)));
        refuse(() -> jwt.verifyRequest(FakeRequest.post().cookie("access_token_cookie", access), Guard.required()));
        jwt.verifyRequest(FakeRequest.get(), Guard.required().optional(true));
        jwt.verifyRequest(FakeRequest.method("OPTIONS"), Guard.required());
        assertThat(rec.take()).containsExactly(
                "verification MISSING ACCESS null",
                "verification INVALID_SIGNATURE ACCESS headers",
                "verification INVALID_TOKEN ACCESS headers",
                "verification WRONG_TYPE ACCESS headers",
                "verification FRESH_REQUIRED ACCESS headers",
                "verification CSRF ACCESS cookies",
                "verification ABSENT ACCESS null");

        jwt.revoke(jwt.decodeToken(access));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()));
        clock.advance(Duration.ofDays(40));
        refuse(() -> jwt.verifyRequest(FakeRequest.get().cookie("refresh_token_cookie", refresh), Guard.required().refresh(true)));
        assertThat(rec.take()).containsExactly(
                "revocation TOKEN",
                "verification REVOKED ACCESS headers",
                "verification EXPIRED REFRESH cookies");

        JwtManager down = manager(UnavailableStore.down(), rec);
        String other = down.createAccessToken("kim");
        rec.take();
        refuse(() -> down.verifyRequest(FakeRequest.get().bearer(other), Guard.required()));
        assertThat(rec.take()).containsExactly("verification STORE_UNAVAILABLE ACCESS headers");
    }

    @Test
    void rotationsReuseAndRevocationsAreReported() {
        Recording rec = new Recording();
        JwtManager jwt = manager(new InMemoryRevocationStore(), rec);
        TokenPair login = jwt.createTokenPair("kim", TokenOptions.defaults());
        Jwt first = jwt.decodeToken(login.refreshToken());
        TokenPair next = jwt.rotateRefreshToken(first);
        assertThat(rec.take()).containsExactly("issued ACCESS", "issued REFRESH", "issued ACCESS", "issued REFRESH",
                "rotation ROTATED");

        refuse(() -> jwt.rotateRefreshToken(first));
        refuse(() -> jwt.rotateRefreshToken(jwt.decodeToken(next.refreshToken())));
        assertThat(rec.take()).containsSubsequence("rotation REUSE", "rotation REVOKED");

        jwt.revokeFamily(jwt.decodeToken(next.refreshToken()));
        jwt.revokeAllFor("kim");
        assertThat(rec.take()).containsExactly("revocation FAMILY", "revocation EVERYWHERE");
    }

    @Test
    void endedSessionsAreReportedAsFamilyRevocations() {
        Recording rec = new Recording();
        JwtManager jwt = manager(new InMemoryRevocationStore(), rec);
        TokenPair a = jwt.createTokenPair("kim", TokenOptions.defaults(), "tab a");
        jwt.createTokenPair("kim", TokenOptions.defaults(), "tab b");
        jwt.createTokenPair("kim", TokenOptions.defaults(), "tab c");
        Jwt current = jwt.decodeToken(a.accessToken());
        rec.take();
        assertThat(jwt.sessions().revoke(current, "no-such-session")).isFalse();
        assertThat(rec.take()).as("nothing ended, nothing reported").isEmpty();
        assertThat(jwt.sessions().revokeOthers(current)).isEqualTo(2);
        assertThat(rec.take()).containsExactly("revocation FAMILY", "revocation FAMILY");
        assertThat(jwt.sessions().revoke(current, current.family())).isTrue();
        assertThat(rec.take()).containsExactly("revocation FAMILY");
    }

    @Test
    void aFailedStoreWriteIsNotReportedAsARevocation() {
        Recording rec = new Recording();
        JwtManager jwt = manager(UnavailableStore.down(), rec);
        Jwt token = jwt.decodeToken(jwt.createAccessToken("kim"));
        rec.take();
        refuse(() -> jwt.revoke(token));
        refuse(() -> jwt.revokeAllFor("kim"));
        assertThat(rec.take()).isEmpty();
    }

    @Test
    void aThrowingListenerNeverChangesAnAnswerAndIsLoggedOncePerKind() {
        Recording with = new Recording();
        Recording without = new Recording();
        JwtManager plain = manager(new InMemoryRevocationStore(), without);
        JwtManager broken = manager(new InMemoryRevocationStore(), new Throwing(), with);
        String[] log = new String[1];
        log[0] = CapturedLog.during(() -> {
            for (JwtManager jwt : List.of(plain, broken)) {
                String access = jwt.createAccessToken("kim");
                assertThat(jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required()).identity()).isEqualTo("kim");
                assertThat(refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(access + "x"), Guard.required())))
                        .hasMessage("Signature verification failed");
                assertThat(refuse(() -> jwt.verifyRequest(FakeRequest.get(), Guard.required())).getMessage())
                        .startsWith("Missing");
                TokenPair pair = jwt.createTokenPair("kim", TokenOptions.defaults());
                Jwt r = jwt.decodeToken(pair.refreshToken());
                assertThat(jwt.rotateRefreshToken(r).family()).isEqualTo(pair.family());
                assertThat(refuse(() -> jwt.rotateRefreshToken(r))).hasMessage("Token has been revoked");
                jwt.revoke(jwt.decodeToken(access));
                assertThat(refuse(() -> jwt.verifyRequest(FakeRequest.get().bearer(access), Guard.required())))
                        .hasMessage("Token has been revoked");
            }
        });
        assertThat(with.take()).as("a later listener still hears everything").isEqualTo(without.take());
        assertThat(log[0].lines().filter(l -> l.contains("JwtListener failed"))).hasSize(4)
                .anySatisfy(l -> assertThat(l).contains("verification"))
                .anySatisfy(l -> assertThat(l).contains("tokenIssued"))
                .anySatisfy(l -> assertThat(l).contains("refreshRotation"))
                .anySatisfy(l -> assertThat(l).contains("revocation"));
        assertThat(log[0]).doesNotContain("listener down").doesNotContain("IllegalStateException");
    }

    @Test
    void everyStoreRotationResultHasTheOutcomeOfItsName() {
        for (RotationResult r : RotationResult.values()) {
            assertThat(RotationOutcome.valueOf(r.name()).name()).isEqualTo(r.name());
        }
        assertThat(Arrays.stream(VerificationOutcome.values()).map(VerificationOutcome::tag))
                .contains("success", "expired", "invalid_signature", "invalid_token", "wrong_type", "fresh_required",
                        "revoked", "csrf", "missing", "store_unavailable");
    }

    @Test
    void withoutAListenerReportingAllocatesNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        JwtEvents none = JwtEvents.of(List.of());
        assertThat(none).isSameAs(JwtEvents.NONE);
        assertThat(none.active()).isFalse();
        for (int warm = 0; warm < 3; warm++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                none.verification(VerificationOutcome.SUCCESS, TokenType.ACCESS, TokenLocation.HEADERS);
                none.tokenIssued(TokenType.ACCESS);
                none.jwksFetch(io.github.jwtextended.key.JwksFetchOutcome.SUCCESS, 2);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (warm == 2) {
                assertThat(allocated).as("bytes allocated by 300,000 reports to no listener").isLessThan(1024);
            }
        }
    }

    private static Throwable refuse(Supplier<?> call) {
        Throwable t = catchThrowable(call::get);
        assertThat(t).isInstanceOf(JwtException.class);
        return t;
    }

    private static Throwable refuse(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(JwtException.class);
        return t;
    }
}
