package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every store with {@linkplain RevocationStore#rotation() refresh-token rotation} must do on
 * top of the {@link RevocationStoreContract}: rotation with one current token per family, reuse
 * revoking the family, the grace period, races with exactly one winner, and family revocation
 * answered by the ordinary check. Shipped in the core's test-jar; a store's test extends this
 * instead of {@link RevocationStoreContract}.
 */
public abstract class RefreshRotationContract extends RevocationStoreContract {
    private static final Duration NO_GRACE = Duration.ZERO;

    /** Whether a store built by {@link #newStore()} after another one sees its data (a restart keeps it). */
    protected boolean persistent() {
        return false;
    }

    /** A store and its rotation: both are needed, since the store's check answers for the families rotation revokes. */
    private record Rotating(RevocationStore store, RefreshRotation rotation) {
        RotationResult rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration grace) {
            return rotation.rotate(family, presentedJti, newJti, keepUntil, grace);
        }

        void revokeFamily(String family, Instant keepUntil) {
            rotation.revokeFamily(family, keepUntil);
        }

        boolean isRevoked(RevocationCheck check) {
            return store.isRevoked(check);
        }
    }

    private static Rotating rotating(RevocationStore s) {
        return new Rotating(s, s.rotation().orElseThrow(() -> new AssertionError(s + " has no rotation()")));
    }

    private Rotating rotationStore() {
        return rotating(newStore());
    }

    private static RevocationCheck inFamily(String jti, String family) {
        return RevocationCheck.of(jti, null, T0, T0.plusSeconds(900), family);
    }

    private Instant keep() {
        return clock.instant().plusSeconds(3600);
    }

    @Test
    public void eachRotationMakesTheNewTokenCurrent() {
        Rotating s = rotationStore();
        String fam = id("fam-rotate");
        assertThat(s.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE)).as("first rotation").isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate(fam, id("r1"), id("r2"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate(fam, id("r2"), id("r3"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(s.isRevoked(inFamily(id("r3"), fam))).as("a rotated family is not revoked").isFalse();
        assertThat(s.isRevoked(inFamily(id("a3"), fam))).isFalse();
    }

    @Test
    public void reuseRevokesTheWholeFamily() {
        Rotating s = rotationStore();
        String fam = id("fam-reuse");
        String other = id("fam-other");
        assertThat(s.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate(other, id("o0"), id("o1"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate(fam, id("r0"), id("x1"), keep(), NO_GRACE)).as("r0 was rotated").isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r1"), fam))).as("the current refresh token").isTrue();
        assertThat(s.isRevoked(inFamily(id("access"), fam))).as("an access token of the family").isTrue();
        assertThat(s.isRevoked(inFamily(null, fam))).isTrue();
        assertThat(s.rotate(fam, id("r1"), id("x2"), keep(), NO_GRACE)).as("even the current one").isEqualTo(RotationResult.REVOKED);
        assertThat(s.isRevoked(inFamily(id("o1"), other))).as("another family").isFalse();
        assertThat(s.isRevoked(RevocationCheck.of(id("r1"), null, T0, T0.plusSeconds(900))))
                .as("a check without the family").isFalse();
        assertThat(s.rotate(other, id("o1"), id("o2"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
    }

    @Test
    public void anUnknownTokenOfAKnownFamilyIsReuse() {
        Rotating s = rotationStore();
        String fam = id("fam-unknown");
        s.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE);
        assertThat(s.rotate(fam, id("never-issued"), id("x"), keep(), NO_GRACE)).isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r1"), fam))).isTrue();
    }

    @Test
    public void theGracePeriodLetsThePreviousTokenBackOnce() {
        Rotating s = rotationStore();
        Duration grace = Duration.ofSeconds(10);
        String fam = id("fam-grace");
        assertThat(s.rotate(fam, id("r0"), id("r1"), keep(), grace)).isEqualTo(RotationResult.ROTATED);
        clock.advance(Duration.ofSeconds(9));
        assertThat(s.rotate(fam, id("r0"), id("r2"), keep(), grace)).as("lost response: r0 again within 10 s")
                .isEqualTo(RotationResult.GRACE);
        assertThat(s.isRevoked(inFamily(id("r2"), fam))).isFalse();
        assertThat(s.rotate(fam, id("r2"), id("r3"), keep(), grace)).as("r2 is current").isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate(fam, id("r1"), id("x"), keep(), grace)).as("r1 was superseded by the grace rotation")
                .isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r3"), fam))).isTrue();

        String once = id("fam-grace-once");
        s.rotate(once, id("g0"), id("g1"), keep(), grace);
        assertThat(s.rotate(once, id("g0"), id("g2"), keep(), grace)).isEqualTo(RotationResult.GRACE);
        assertThat(s.rotate(once, id("g0"), id("g3"), keep(), grace)).as("only once").isEqualTo(RotationResult.REUSE);
    }

    @Test
    public void afterTheGracePeriodThePreviousTokenIsReuse() {
        Rotating s = rotationStore();
        Duration grace = Duration.ofSeconds(10);
        String fam = id("fam-late");
        s.rotate(fam, id("r0"), id("r1"), keep(), grace);
        clock.advance(Duration.ofSeconds(10));
        assertThat(s.rotate(fam, id("r0"), id("r2"), keep(), grace)).as("grace is exclusive").isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r1"), fam))).isTrue();

        String none = id("fam-nograce");
        s.rotate(none, id("n0"), id("n1"), keep(), NO_GRACE);
        assertThat(s.rotate(none, id("n0"), id("n2"), keep(), NO_GRACE)).as("default: no grace").isEqualTo(RotationResult.REUSE);
    }

    @Test
    public void concurrentRotationsOfOneTokenHaveExactlyOneWinner() throws Exception {
        Rotating s = rotationStore();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                String fam = id("fam-race-" + round);
                String presented = id("race-r0");
                if (round > 0) {
                    // the contested token is current in an existing record (an update race, not an insert race)
                    assertThat(s.rotate(fam, id("race-start"), presented, keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<RotationResult>> tasks = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    String next = id("race-" + round + "-" + i);
                    tasks.add(() -> {
                        start.await();
                        return s.rotate(fam, presented, next, keep(), NO_GRACE);
                    });
                }
                List<Future<RotationResult>> futures = new ArrayList<>();
                for (Callable<RotationResult> t : tasks) {
                    futures.add(pool.submit(t));
                }
                start.countDown();
                List<RotationResult> results = new ArrayList<>();
                for (Future<RotationResult> f : futures) {
                    results.add(f.get(30, TimeUnit.SECONDS));
                }
                Map<RotationResult, Long> counts = results.stream()
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
                assertThat(counts.get(RotationResult.ROTATED)).as("round " + round + ": " + counts).isEqualTo(1L);
                assertThat(results.stream().filter(RotationResult::issued).count()).as("no other token issued").isEqualTo(1L);
                assertThat(s.isRevoked(inFamily(null, fam))).as("a concurrent duplicate is reuse").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Prints what a rotation and a family-aware check cost on this store (200 of each, one thread). */
    @Test
    public void rotationAndCheckLatency() {
        Rotating s = rotationStore();
        String fam = id("fam-latency");
        int n = 200;
        long[] rotate = new long[n];
        long[] check = new long[n];
        String current = id("lat-0");
        for (int i = 0; i < n; i++) {
            String next = id("lat-" + (i + 1));
            long t0 = System.nanoTime();
            assertThat(s.rotate(fam, current, next, keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
            long t1 = System.nanoTime();
            assertThat(s.isRevoked(RevocationCheck.of(next, id("lat-user"), T0, T0.plusSeconds(900), fam))).isFalse();
            long t2 = System.nanoTime();
            rotate[i] = (t1 - t0) / 1000;
            check[i] = (t2 - t1) / 1000;
            current = next;
        }
        java.util.Arrays.sort(rotate);
        java.util.Arrays.sort(check);
        System.out.println(getClass().getSimpleName() + ": rotate median " + rotate[n / 2] + " us, p99 " + rotate[n * 99 / 100]
                + " us; check with family median " + check[n / 2] + " us, p99 " + check[n * 99 / 100] + " us");
    }

    @Test
    public void aFamilySpelledAsTheHashOfALongOneIsAnotherFamily() {
        Rotating s = rotationStore();
        String longOne = "f".repeat(300) + id("fam");
        s.revokeFamily(longOne, keep());
        assertThat(s.isRevoked(inFamily(null, longOne))).isTrue();
        assertThat(s.isRevoked(inFamily(null, hashedForm(longOne)))).as("the literal family is not revoked").isFalse();
        String spelled = hashedForm("g".repeat(300) + id("fam"));
        assertThat(s.rotate(spelled, id("s0"), id("s1"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(s.rotate("g".repeat(300) + id("fam"), id("t0"), id("t1"), keep(), NO_GRACE))
                .as("the long family has its own state: its first rotation").isEqualTo(RotationResult.ROTATED);
    }

    @Test
    public void revokeFamilyIsKeptUntilKeepUntilAndNeverShortened() {
        Rotating s = rotationStore();
        String fam = id("fam-revoke");
        s.revokeFamily(fam, T0.plusSeconds(100));
        s.revokeFamily(fam, T0.plusSeconds(40));
        assertThat(s.isRevoked(inFamily(id("any"), fam))).isTrue();
        assertThat(s.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE)).isEqualTo(RotationResult.REVOKED);
        if (expiryFollowsTheClock()) {
            clock.advance(Duration.ofMillis(99_999));
            assertThat(s.isRevoked(inFamily(id("any"), fam))).isTrue();
            clock.advance(Duration.ofMillis(1));
            assertThat(s.isRevoked(inFamily(id("any"), fam))).as("after every token of it has expired").isFalse();
        }
        String forever = id("fam-forever");
        s.revokeFamily(forever, null);
        s.revokeFamily(forever, clock.instant().plusSeconds(1));
        if (expiryFollowsTheClock()) {
            clock.advance(Duration.ofDays(365L * 100));
        }
        assertThat(s.isRevoked(inFamily(null, forever))).isTrue();
    }

    @Test
    public void familiesAreDataWhateverTheyHold() {
        Rotating s = rotationStore();
        String[] hostile = {"x' OR '1'='1", "*", "jwt:fam:*", "a b\nc", "\u00e9\ud83d\ude00", "%", "_"};
        for (String h : hostile) {
            assertThat(s.rotate(h + run(), "j0" + h, "j1" + h, keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        }
        s.revokeFamily("*" + run(), keep());
        assertThat(s.isRevoked(inFamily(null, "*" + run()))).isTrue();
        assertThat(s.isRevoked(inFamily(null, "x' OR '1'='1" + run()))).isFalse();
        assertThat(s.rotate("%" + run(), "j1%", "j2%", keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
    }

    private String run() {
        return id("");
    }

    @Test
    public void aRevokedFamilySurvivesARestart() {
        assumeTrue(persistent(), "this store forgets on restart");
        String fam = id("fam-restart");
        Rotating before = rotationStore();
        before.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE);
        before.rotate(fam, id("r0"), id("x"), keep(), NO_GRACE);
        String live = id("fam-restart-live");
        before.rotate(live, id("l0"), id("l1"), keep(), NO_GRACE);
        Rotating after = rotationStore();
        assertThat(after.isRevoked(inFamily(id("r1"), fam))).isTrue();
        assertThat(after.rotate(fam, id("r1"), id("y"), keep(), NO_GRACE)).isEqualTo(RotationResult.REVOKED);
        assertThat(after.rotate(live, id("l0"), id("z"), keep(), NO_GRACE)).as("rotation state survives too")
                .isEqualTo(RotationResult.REUSE);
    }

    @Test
    public void anotherInstanceSeesFamilyRevocationWithinThePropagationDelay() throws Exception {
        RevocationStore second = secondInstance();
        assumeTrue(second != null, "a local store");
        Rotating first = rotationStore();
        Rotating other = rotating(second);
        String fam = id("fam-shared");
        assertThat(first.rotate(fam, id("r0"), id("r1"), keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
        assertThat(other.rotate(fam, id("r0"), id("x"), keep(), NO_GRACE)).as("reuse seen on another instance")
                .isEqualTo(RotationResult.REUSE);
        long deadline = System.nanoTime() + propagationDelay().toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
        while (!first.isRevoked(inFamily(id("r1"), fam)) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(first.isRevoked(inFamily(id("r1"), fam))).isTrue();
    }

    @Test
    public void anOutageFailsARotation() {
        RevocationStore s = unreachableStore();
        assumeTrue(s != null, "this store has no remote part");
        Rotating r = rotating(s);
        assertThatThrownBy(() -> r.rotate(id("f"), id("a"), id("b"), keep(), NO_GRACE)).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> r.revokeFamily(id("f"), keep())).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> r.isRevoked(inFamily(id("a"), id("f")))).isInstanceOf(RevocationStoreException.class);
    }

    // ---- through the manager --------------------------------------------------------------------

    @Test
    public void theManagerRotatesAndRevokesTheFamilyOnReuse() {
        RevocationStore s = newStore();
        JwtConfig config = TestKeys.config().build();
        JwtManager m = JwtManager.builder(config).clock(clock).revocationStore(s).build();
        String kim = id("kim");
        TokenPair login = m.createTokenPair(kim, null);
        Jwt access0 = m.decodeToken(login.accessToken());
        Jwt refresh0 = m.decodeToken(login.refreshToken());
        assertThat(access0.family()).isEqualTo(login.family()).isEqualTo(refresh0.family());

        TokenPair second = m.rotateRefreshToken(verifiedRefresh(m, login.refreshToken()));
        assertThat(second.family()).isEqualTo(login.family());
        assertThat(m.decodeToken(second.refreshToken()).jti()).isNotEqualTo(refresh0.jti());
        assertThat(m.decodeToken(second.accessToken()).identity()).isEqualTo(kim);
        TokenPair third = m.rotateRefreshToken(verifiedRefresh(m, second.refreshToken()));

        Jwt stale = verifiedRefresh(m, login.refreshToken());
        JwtException e = catchThrowableOfType(JwtException.class, () -> m.rotateRefreshToken(stale));
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(e.getMessage()).isEqualTo("Token has been revoked");
        assertThat(refused(m, third.refreshToken(), Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, third.accessToken(), Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, login.accessToken(), Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);

        TokenPair another = m.createTokenPair(kim, null);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(another.accessToken()), Guard.required()).identity())
                .as("another login of the same identity is another family").isEqualTo(kim);
    }

    @Test
    public void accessTokensCanBeLeftOutOfTheFamily() {
        RevocationStore s = newStore();
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(s)
                .revokeFamilyAccessTokens(false).build();
        TokenPair login = m.createTokenPair(id("lee"), null);
        assertThat(m.decodeToken(login.accessToken()).family()).isNull();
        m.rotateRefreshToken(verifiedRefresh(m, login.refreshToken()));
        assertThatThrownBy(() -> m.rotateRefreshToken(verifiedRefresh(m, login.refreshToken())))
                .isInstanceOf(JwtException.class);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(login.accessToken()), Guard.required()).isPresent()).isTrue();
    }

    @Test
    public void aRefreshTokenWithoutFamilyStartsOne() {
        RevocationStore s = newStore();
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(s).build();
        String plain = m.createRefreshToken(id("max"));
        TokenPair pair = m.rotateRefreshToken(verifiedRefresh(m, plain));
        assertThat(pair.family()).isEqualTo(m.decodeToken(plain).jti());
        assertThatThrownBy(() -> m.rotateRefreshToken(verifiedRefresh(m, plain))).isInstanceOf(JwtException.class);
        assertThat(refused(m, pair.refreshToken(), Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    private static Jwt verifiedRefresh(JwtManager m, String token) {
        return m.verifyRequest(FakeRequest.post().bearer(token), Guard.required().refresh(true));
    }

    private static ErrorKind refused(JwtManager m, String token, Guard guard) {
        JwtException e = catchThrowableOfType(JwtException.class, () -> m.verifyRequest(FakeRequest.get().bearer(token), guard));
        assertThat(e).as("refused").isNotNull();
        return e.kind();
    }
}
