package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.RefreshRotation.Outcome;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import io.github.jwtextended.session.RefreshRotator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
    /** The reuse window of the store-level tests. */
    private static final Duration WINDOW = Duration.ofSeconds(10);

    /** Whether a store built by {@link #newStore()} after another one sees its data (a restart keeps it). */
    protected boolean persistent() {
        return false;
    }

    /** A store and its rotation: both are needed, since the store's check answers for the families rotation revokes. */
    private record Rotating(RevocationStore store, RefreshRotation rotation) {
        RotationResult rotate(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return outcome(family, presentedJti, newJti, keepUntil, window).result();
        }

        Outcome outcome(String family, String presentedJti, String newJti, Instant keepUntil, Duration window) {
            return rotation.rotate(family, presentedJti, newJti, keepUntil, window);
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

    protected static RevocationCheck inFamily(String jti, String family) {
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
    public void withinTheWindowThePreviousTokenGetsTheSameSuccessorAsOftenAsItComes() {
        Rotating s = rotationStore();
        String fam = id("fam-window");
        assertThat(s.outcome(fam, id("r0"), id("r1"), keep(), WINDOW)).isEqualTo(Outcome.rotated(id("r1")));
        clock.advance(WINDOW.minusMillis(1));
        for (int i = 0; i < 3; i++) {
            assertThat(s.outcome(fam, id("r0"), id("x" + i), keep(), WINDOW)).as("r0 again within the window: r1 continues the line")
                    .isEqualTo(Outcome.grace(id("r1")));
        }
        assertThat(s.isRevoked(inFamily(id("r1"), fam))).isFalse();
        assertThat(s.isRevoked(inFamily(id("x0"), fam))).as("an access token of the family").isFalse();
        assertThat(s.outcome(fam, id("r1"), id("r2"), keep(), WINDOW)).as("nothing was superseded: r1 is current")
                .isEqualTo(Outcome.rotated(id("r2")));
        assertThat(s.outcome(fam, id("r1"), id("y"), keep(), WINDOW)).as("r1 is now the previous one")
                .isEqualTo(Outcome.grace(id("r2")));
        assertThat(s.rotate(fam, id("r0"), id("z"), keep(), WINDOW)).as("two rotations back is reuse, window or not")
                .isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r2"), fam))).isTrue();
    }

    @Test
    public void afterTheWindowThePreviousTokenIsReuse() {
        Rotating s = rotationStore();
        String fam = id("fam-late");
        s.rotate(fam, id("r0"), id("r1"), keep(), WINDOW);
        clock.advance(WINDOW);
        assertThat(s.rotate(fam, id("r0"), id("r2"), keep(), WINDOW)).as("the window is exclusive").isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("r1"), fam))).isTrue();
        assertThat(s.rotate(fam, id("r1"), id("r2"), keep(), WINDOW)).isEqualTo(RotationResult.REVOKED);

        String none = id("fam-nowindow");
        s.rotate(none, id("n0"), id("n1"), keep(), NO_GRACE);
        assertThat(s.rotate(none, id("n0"), id("n2"), keep(), NO_GRACE)).as("zero: no window").isEqualTo(RotationResult.REUSE);
        assertThat(s.isRevoked(inFamily(id("n1"), none))).isTrue();
    }

    @Test
    public void concurrentRotationsOfOneTokenWithoutAWindowHaveOneWinnerAndRevokeTheFamily() throws Exception {
        Rotating s = rotationStore();
        for (int round = 0; round < 2; round++) {
            String fam = id("fam-strict-" + round);
            String presented = id("strict-r0");
            if (round > 0) {
                // the contested token is current in an existing record (an update race, not an insert race)
                assertThat(s.rotate(fam, id("strict-start"), presented, keep(), NO_GRACE)).isEqualTo(RotationResult.ROTATED);
            }
            List<Outcome> results = race(s, fam, presented, 16, NO_GRACE);
            Map<RotationResult, Long> counts = results.stream()
                    .collect(Collectors.groupingBy(Outcome::result, Collectors.counting()));
            assertThat(counts.get(RotationResult.ROTATED)).as("round " + round + ": " + counts).isEqualTo(1L);
            assertThat(results.stream().filter(Outcome::issued).count()).as("no other token issued").isEqualTo(1L);
            assertThat(s.isRevoked(inFamily(null, fam))).as("a concurrent duplicate is reuse").isTrue();
        }
    }

    @ParameterizedTest(name = "{0} concurrent rotations")
    @ValueSource(ints = {2, 8, 32})
    public void concurrentRotationsWithinTheWindowAllContinueOneLine(int n) throws Exception {
        Rotating s = rotationStore();
        for (Order order : Order.values()) {
            for (boolean update : new boolean[] {false, true}) {
                String fam = id("fam-line-" + n + "-" + order + "-" + update);
                String presented = id("line-r0");
                if (update) {
                    assertThat(s.rotate(fam, id("line-start"), presented, keep(), WINDOW)).isEqualTo(RotationResult.ROTATED);
                    clock.advance(WINDOW); // the start's own window is over: only the race's counts
                }
                List<Outcome> answers = race(s, fam, presented, n, WINDOW);
                String what = n + " " + order + (update ? " (update race)" : " (insert race)") + ": " + answers;
                assertThat(answers).as(what).allMatch(Outcome::issued);
                assertThat(answers.stream().filter(a -> a.result() == RotationResult.ROTATED).count()).as(what).isEqualTo(1L);
                String successor = answers.stream().filter(a -> a.result() == RotationResult.ROTATED).findFirst().orElseThrow()
                        .successorJti();
                assertThat(answers).as("one successor, never a fork: " + what).allMatch(a -> a.successorJti().equals(successor));
                assertThat(s.isRevoked(inFamily(successor, fam))).isFalse();

                // Each answer is used next, in this order: the first rotates, the others continue its line.
                String next = null;
                for (int i : order.of(n)) {
                    Outcome o = s.outcome(fam, answers.get(i).successorJti(), id("line-next-" + i), keep(), WINDOW);
                    assertThat(o.issued()).as("answer " + i + " rotates next, " + what).isTrue();
                    next = next == null ? o.successorJti() : next;
                    assertThat(o.successorJti()).as("answer " + i + ", " + what).isEqualTo(next);
                }
                assertThat(s.isRevoked(inFamily(next, fam))).isFalse();
                assertThat(s.isRevoked(inFamily(id("an-access-token"), fam))).as("access tokens stay valid").isFalse();

                clock.advance(WINDOW);
                assertThat(s.rotate(fam, successor, id("replay"), keep(), WINDOW)).as("a replay after the window, " + what)
                        .isEqualTo(RotationResult.REUSE);
                assertThat(s.isRevoked(inFamily(next, fam))).as("the whole family").isTrue();
                assertThat(s.rotate(fam, next, id("after"), keep(), WINDOW)).isEqualTo(RotationResult.REVOKED);
            }
        }
    }

    /** The orders in which a race's answers are used next. */
    enum Order {
        FORWARD, BACKWARD, SHUFFLED;

        int[] of(int n) {
            List<Integer> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(i);
            }
            if (this == BACKWARD) {
                Collections.reverse(l);
            } else if (this == SHUFFLED) {
                Collections.shuffle(l, new java.util.Random(n));
            }
            return l.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** {@code n} threads, released together, each rotating {@code presented} once; the answers in thread order. */
    private List<Outcome> race(Rotating s, String fam, String presented, int n, Duration window) throws Exception {
        List<Callable<Outcome>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String next = id("race-" + fam + "-" + i);
            tasks.add(() -> s.outcome(fam, presented, next, keep(), window));
        }
        return Races.run(tasks);
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
        clock.advance(RefreshRotator.DEFAULT_REUSE_GRACE);
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
        clock.advance(RefreshRotator.DEFAULT_REUSE_GRACE);
        assertThatThrownBy(() -> m.rotateRefreshToken(verifiedRefresh(m, plain))).isInstanceOf(JwtException.class);
        assertThat(refused(m, pair.refreshToken(), Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    @ParameterizedTest(name = "{0} concurrent refreshes")
    @ValueSource(ints = {2, 8, 32})
    public void concurrentRefreshesThroughTheManagerAllKeepWorkingByDefault(int n) throws Exception {
        RevocationStore s = newStore();
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(s).build();
        String kim = id("kim");
        TokenPair login = m.createTokenPair(kim, null);
        List<TokenPair> answers = refreshTogether(m, login.refreshToken(), n);

        assertThat(answers).allMatch(a -> a.family().equals(login.family()));
        assertThat(answers.stream().map(a -> m.decodeToken(a.refreshToken()).jti()).distinct().count())
                .as("every answer's refresh token continues one line").isEqualTo(1L);
        for (TokenPair a : answers) {
            assertThat(m.verifyRequest(FakeRequest.get().bearer(a.accessToken()), Guard.required()).identity()).isEqualTo(kim);
        }
        // Whichever answer a client kept, its refresh token is the one the next rotation expects.
        List<TokenPair> next = new ArrayList<>();
        for (int i = answers.size() - 1; i >= 0; i--) {
            next.add(m.rotateRefreshToken(verifiedRefresh(m, answers.get(i).refreshToken())));
        }
        assertThat(next.stream().map(a -> m.decodeToken(a.refreshToken()).jti()).distinct().count()).isEqualTo(1L);
        for (TokenPair a : next) {
            assertThat(m.verifyRequest(FakeRequest.get().bearer(a.accessToken()), Guard.required()).identity()).isEqualTo(kim);
        }
        TokenPair third = m.rotateRefreshToken(verifiedRefresh(m, next.get(0).refreshToken()));
        assertThat(m.verifyRequest(FakeRequest.get().bearer(answers.get(0).accessToken()), Guard.required()).identity())
                .as("earlier access tokens stay valid").isEqualTo(kim);

        clock.advance(RefreshRotator.DEFAULT_REUSE_GRACE);
        Jwt replay = verifiedRefresh(m, answers.get(n - 1).refreshToken());
        JwtException e = catchThrowableOfType(JwtException.class, () -> m.rotateRefreshToken(replay));
        assertThat(e).as("a replay after the window is reuse").isNotNull();
        assertThat(e.kind()).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, third.refreshToken(), Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, third.accessToken(), Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, answers.get(0).accessToken(), Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    @Test
    public void withAZeroWindowAConcurrentRefreshIsReuseAsBefore() throws Exception {
        RevocationStore s = newStore();
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(s)
                .refreshReuseGrace(Duration.ZERO).build();
        TokenPair login = m.createTokenPair(id("kim"), null);
        Jwt verified = verifiedRefresh(m, login.refreshToken());
        List<Callable<Object>> tasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            tasks.add(() -> {
                try {
                    return m.rotateRefreshToken(verified);
                } catch (JwtException e) {
                    return e.kind();
                }
            });
        }
        List<Object> answers = Races.run(tasks);
        assertThat(answers).as("one winner, one reuse").containsOnlyOnce(ErrorKind.REVOKED_TOKEN);
        TokenPair winner = (TokenPair) answers.stream().filter(a -> a instanceof TokenPair).findFirst().orElseThrow();
        assertThat(refused(m, winner.accessToken(), Guard.required())).as("the family is revoked").isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, winner.refreshToken(), Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    /** {@code n} refresh requests with one refresh token, each verified and rotated on its own thread, released together. */
    private static List<TokenPair> refreshTogether(JwtManager m, String refreshToken, int n) throws Exception {
        List<Callable<TokenPair>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.add(() -> m.rotateRefreshToken(verifiedRefresh(m, refreshToken)));
        }
        return Races.run(tasks);
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
