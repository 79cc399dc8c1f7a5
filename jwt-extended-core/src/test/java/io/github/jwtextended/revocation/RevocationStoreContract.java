package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link RevocationStore} must do, run against each store (memory, SQLite, PostgreSQL,
 * Redis strict, Redis near cache) by a subclass that brings the store. Shipped in the core's
 * test-jar.
 *
 * <p>Times: every store is built with {@link #clock}, starting at {@link #T0}, which the tests move.
 * A store whose expiry is decided elsewhere (Redis TTLs run on the server's clock) says so with
 * {@link #expiryFollowsTheClock()} and tests the expiry its own way; every other test holds for it.
 * Ids are random per test, so stores may share their backing data between tests.
 */
public abstract class RevocationStoreContract {
    /** The clock's start: a whole second. */
    protected static final Instant T0 = Instant.ofEpochSecond(1_900_000_000L);

    protected final MutableClock clock = new MutableClock(T0);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A store over the shared backing data, reading time from {@link #clock}. */
    protected abstract RevocationStore newStore();

    /** A store whose backend is unreachable; null when the store cannot be unreachable (memory). */
    protected RevocationStore unreachableStore() {
        return null;
    }

    /** Whether entries stop counting when {@link #clock} passes their expiry (false: a server decides). */
    protected boolean expiryFollowsTheClock() {
        return true;
    }

    /** A second instance sharing the first's data (another server), or null when the store is local. */
    protected RevocationStore secondInstance() {
        return null;
    }

    /** How long a write on one instance may take to show on another (a cache's propagation delay). */
    protected Duration propagationDelay() {
        return Duration.ZERO;
    }

    /** A unique id for this test run. */
    protected String id(String name) {
        return name + "-" + run;
    }

    private static RevocationCheck token(String jti, String identity, Instant iat) {
        return RevocationCheck.of(jti, identity, iat, iat == null ? null : iat.plusSeconds(900));
    }

    // ---- one token's jti ------------------------------------------------------------------------

    @Test
    public void revokedIdsAreRevokedOthersAreNot() {
        RevocationStore s = newStore();
        String a = id("a");
        assertThat(s.isRevoked(a)).isFalse();
        s.revoke(a, T0.plusSeconds(60));
        assertThat(s.isRevoked(a)).isTrue();
        assertThat(s.isRevoked(RevocationCheck.of(a, id("someone"), T0, T0.plusSeconds(60)))).isTrue();
        assertThat(s.isRevoked(id("b"))).isFalse();
        assertThat(s.isRevoked((String) null)).isFalse();
        assertThat(s.isRevoked(RevocationCheck.of(null, null, null, null))).isFalse();
    }

    @Test
    public void aRevocationIsKeptUntilExactlyItsExpiry() {
        assumeTrue(expiryFollowsTheClock(), "expiry is decided by the server; tested by the store's own tests");
        RevocationStore s = newStore();
        String jti = id("short");
        s.revoke(jti, T0.plusSeconds(10));
        clock.advance(Duration.ofMillis(9_999));
        assertThat(s.isRevoked(jti)).as("kept until exp + leeway, never shorter (H5)").isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(s.isRevoked(jti)).as("expiry is exclusive: at exp + leeway the token itself is refused").isFalse();
    }

    @Test
    public void aSecondRevocationNeverShortensTheFirst() {
        assumeTrue(expiryFollowsTheClock(), "expiry is decided by the server; tested by the store's own tests");
        RevocationStore s = newStore();
        String jti = id("twice");
        s.revoke(jti, T0.plusSeconds(100));
        s.revoke(jti, T0.plusSeconds(50));
        clock.advance(Duration.ofSeconds(70));
        assertThat(s.isRevoked(jti)).as("an earlier expiry must not shorten the revocation").isTrue();
        s.revoke(jti, T0.plusSeconds(300));
        clock.advance(Duration.ofSeconds(100));
        assertThat(s.isRevoked(jti)).as("a later expiry extends it").isTrue();
        clock.advance(Duration.ofSeconds(130));
        assertThat(s.isRevoked(jti)).isFalse();
    }

    @Test
    public void nullUntilMeansForever() {
        RevocationStore s = newStore();
        String jti = id("forever");
        s.revoke(jti, null);
        s.revoke(jti, T0.plusSeconds(1));
        if (expiryFollowsTheClock()) {
            clock.advance(Duration.ofDays(365L * 100));
        }
        assertThat(s.isRevoked(jti)).as("a shorter second revocation does not end 'forever'").isTrue();
    }

    @Test
    public void anAlreadyExpiredRevocationIsHarmless() {
        RevocationStore s = newStore();
        String jti = id("past");
        s.revoke(jti, T0.minusSeconds(1));
        assertThat(s.isRevoked(jti)).isFalse();
    }

    @Test
    public void idsAreDataWhateverTheyHold() {
        RevocationStore s = newStore();
        String[] hostile = {"x' OR '1'='1'; DROP TABLE revoked_tokens; --", "*", "jwt:revoked:*", "a:b:c|d\n\te",
                "jti-\u00e9\u4e2d\ud83d\ude00", "%", "_", "[a-z]*", ""};
        for (String h : hostile) {
            s.revoke(h + run, T0.plusSeconds(60));
        }
        for (String h : hostile) {
            assertThat(s.isRevoked(h + run)).as(h).isTrue();
        }
        assertThat(s.isRevoked("x' OR '1'='1" + run)).isFalse();
        assertThat(s.isRevoked("y" + run)).as("no pattern matching").isFalse();
        String identity = "id:with:colons|and\nlines \u00e9" + run;
        s.revokeAllIssuedBefore(identity, T0, T0.plusSeconds(60));
        assertThat(s.isRevoked(token(null, identity, T0))).isTrue();
        assertThat(s.isRevoked(token(null, "id:with:colons" + run, T0))).isFalse();
        assertThat(s.isRevoked(token(null, "*", T0))).isFalse();
    }

    // ---- every token of an identity -------------------------------------------------------------

    /**
     * The form a store may give a long id to fit a column: {@code sha256:} and the hex of its UTF-8
     * SHA-256. A short id spelled that way is another id all the same.
     */
    protected static String hashedForm(String id) {
        try {
            return "sha256:" + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    public void anIdentitySpelledAsTheHashOfALongOneIsAnotherIdentity() {
        RevocationStore s = newStore();
        String longOne = "l".repeat(300) + id("long");
        String spelled = hashedForm(longOne);
        s.revokeAllIssuedBefore(longOne, T0.plusSeconds(10), T0.plusSeconds(3600));
        assertThat(s.isRevoked(token(null, longOne, T0))).isTrue();
        assertThat(s.isRevoked(token(null, spelled, T0))).as("logging out the long identity spares the literal one").isFalse();

        String longTwo = "m".repeat(300) + id("long");
        String spelledTwo = hashedForm(longTwo);
        s.revokeAllIssuedBefore(spelledTwo, T0.plusSeconds(10), T0.plusSeconds(3600));
        assertThat(s.isRevoked(token(null, spelledTwo, T0))).isTrue();
        assertThat(s.isRevoked(token(null, longTwo, T0))).as("logging out the literal identity spares the long one").isFalse();
        assertThat(s.isRevoked(token(null, hashedForm(spelledTwo), T0))).as("nor the hash of the literal").isFalse();
    }

    @Test
    public void revokeAllIssuedBeforeCoversTokensIssuedAtOrBeforeTheInstant() {
        RevocationStore s = newStore();
        String alice = id("alice");
        Instant notBefore = T0.plusMillis(2_500);
        s.revokeAllIssuedBefore(alice, notBefore, T0.plusSeconds(3600));
        assertThat(s.isRevoked(token(id("j1"), alice, T0))).as("issued before").isTrue();
        assertThat(s.isRevoked(token(id("j2"), alice, T0.plusSeconds(2))))
                .as("iat in the same second, just before: revoked").isTrue();
        assertThat(s.isRevoked(token(id("j3"), alice, T0.plusSeconds(3)))).as("issued after").isFalse();
        assertThat(s.isRevoked(token(id("j4"), alice, null))).as("no iat: revoked (fail closed)").isTrue();
        assertThat(s.isRevoked(token(id("j5"), id("bob"), T0))).as("another identity").isFalse();
        assertThat(s.isRevoked(id("j1"))).as("a jti-only check does not consult identities").isFalse();

        String carol = id("carol");
        s.revokeAllIssuedBefore(carol, T0.plusSeconds(5), T0.plusSeconds(3600));
        assertThat(s.isRevoked(token(null, carol, T0.plusSeconds(5))))
                .as("iat == notBefore: revoked (iat has whole seconds; the safe side)").isTrue();
        assertThat(s.isRevoked(token(null, carol, T0.plusMillis(5_001)))).as("a fractional iat after it").isFalse();
        assertThat(s.isRevoked(token(null, carol, T0.plusSeconds(6)))).isFalse();
    }

    @Test
    public void aJtiOrAnIdentityRevokesAloneInOneCheck() {
        RevocationStore s = newStore();
        String dave = id("dave");
        String jti = id("dave-jti");
        s.revoke(jti, T0.plusSeconds(60));
        assertThat(s.isRevoked(token(jti, dave, T0.plusSeconds(10)))).isTrue();
        assertThat(s.isRevoked(token(id("other"), dave, T0.plusSeconds(10)))).isFalse();
        s.revokeAllIssuedBefore(dave, T0.plusSeconds(20), T0.plusSeconds(3600));
        assertThat(s.isRevoked(token(id("other"), dave, T0.plusSeconds(10)))).isTrue();
        assertThat(s.isRevoked(token(jti, dave, T0.plusSeconds(30)))).as("its own jti still").isTrue();
    }

    @Test
    public void aLaterRevokeAllMovesTheInstantForwardNeverBack() {
        RevocationStore s = newStore();
        String erin = id("erin");
        s.revokeAllIssuedBefore(erin, T0.plusSeconds(100), T0.plusSeconds(3600));
        s.revokeAllIssuedBefore(erin, T0.plusSeconds(50), T0.plusSeconds(1800));
        assertThat(s.isRevoked(token(null, erin, T0.plusSeconds(80)))).as("an earlier instant does not move it back").isTrue();
        s.revokeAllIssuedBefore(erin, T0.plusSeconds(200), T0.plusSeconds(1800));
        assertThat(s.isRevoked(token(null, erin, T0.plusSeconds(150)))).isTrue();
        assertThat(s.isRevoked(token(null, erin, T0.plusSeconds(201)))).isFalse();
    }

    @Test
    public void aRevokeAllIsKeptUntilExactlyKeepUntilAndNeverShortened() {
        assumeTrue(expiryFollowsTheClock(), "expiry is decided by the server; tested by the store's own tests");
        RevocationStore s = newStore();
        String frank = id("frank");
        s.revokeAllIssuedBefore(frank, T0, T0.plusSeconds(100));
        s.revokeAllIssuedBefore(frank, T0, T0.plusSeconds(40));
        clock.advance(Duration.ofMillis(99_999));
        assertThat(s.isRevoked(token(null, frank, T0))).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(s.isRevoked(token(null, frank, T0))).as("after keepUntil every such token has expired").isFalse();

        String gina = id("gina");
        s.revokeAllIssuedBefore(gina, T0, null);
        s.revokeAllIssuedBefore(gina, T0, clock.instant().plusSeconds(1));
        clock.advance(Duration.ofDays(365L * 100));
        assertThat(s.isRevoked(token(null, gina, T0))).as("forever stays forever").isTrue();
    }

    // ---- sharing, concurrency, outages ----------------------------------------------------------

    @Test
    public void concurrentWritesAreAllRecorded() throws Exception {
        RevocationStore s = newStore();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long until = 100 + i;
                String jti = i % 2 == 0 ? id("shared") : id("own-" + i);
                String identity = id("user-" + (i % 4));
                tasks.add(() -> {
                    s.revoke(jti, T0.plusSeconds(until));
                    s.revokeAllIssuedBefore(identity, T0.plusSeconds(until), T0.plusSeconds(3600));
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        for (int i = 1; i < 40; i += 2) {
            assertThat(s.isRevoked(id("own-" + i))).isTrue();
        }
        assertThat(s.isRevoked(id("shared"))).isTrue();
        for (int u = 0; u < 4; u++) {
            assertThat(s.isRevoked(token(null, id("user-" + u), T0.plusSeconds(136 + u))))
                    .as("the latest instant won for user-" + u).isTrue();
            assertThat(s.isRevoked(token(null, id("user-" + u), T0.plusSeconds(141)))).isFalse();
        }
        if (expiryFollowsTheClock()) {
            clock.advance(Duration.ofSeconds(137));
            assertThat(s.isRevoked(id("shared"))).as("the latest expiry (138 s) won").isTrue();
        }
    }

    @Test
    public void anotherInstanceSeesWritesWithinThePropagationDelay() throws Exception {
        RevocationStore first = newStore();
        RevocationStore second = secondInstance();
        assumeTrue(second != null, "a local store");
        String jti = id("shared-jti");
        String henry = id("henry");
        assertThat(second.isRevoked(jti)).isFalse();
        first.revoke(jti, T0.plusSeconds(60));
        first.revokeAllIssuedBefore(henry, T0.plusSeconds(10), T0.plusSeconds(3600));
        long deadline = System.nanoTime() + propagationDelay().toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
        while (!(second.isRevoked(jti) && second.isRevoked(token(null, henry, T0))) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(second.isRevoked(jti)).isTrue();
        assertThat(second.isRevoked(token(null, henry, T0))).isTrue();
        assertThat(second.isRevoked(token(null, henry, T0.plusSeconds(11)))).isFalse();
    }

    @Test
    public void anOutageIsAnExceptionNeverNotRevoked() {
        RevocationStore s = unreachableStore();
        assumeTrue(s != null, "this store has no remote part");
        assertThatThrownBy(() -> s.isRevoked(id("any"))).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> s.isRevoked(token(id("any"), id("who"), T0))).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> s.revoke(id("any"), T0.plusSeconds(60))).isInstanceOf(RevocationStoreException.class);
        assertThatThrownBy(() -> s.revokeAllIssuedBefore(id("who"), T0, T0.plusSeconds(60)))
                .isInstanceOf(RevocationStoreException.class);
        FailOpenRevocationStore open = new FailOpenRevocationStore(s);
        assertThat(open.isRevoked(id("any"))).as("fail-open is an explicit opt-in").isFalse();
        assertThat(open.failOpenCount()).isEqualTo(1);
        assertThatThrownBy(() -> open.revoke(id("any"), T0.plusSeconds(60)))
                .as("a write is never softened").isInstanceOf(RevocationStoreException.class);
    }

    // ---- through the manager --------------------------------------------------------------------

    @Test
    public void theManagerLogsOutEverywhere() {
        RevocationStore s = newStore();
        clock.set(T0.plusMillis(200));
        JwtConfig config = TestKeys.config().build();
        JwtManager m = JwtManager.builder(config).clock(clock).revocationStore(s).build();
        String ivy = id("ivy");
        String access = m.createAccessToken(ivy);
        String refresh = m.createRefreshToken(ivy);
        String other = m.createAccessToken(id("jack"));
        assertThat(m.verifyRequest(FakeRequest.get().bearer(access), Guard.required()).identity()).isEqualTo(ivy);

        clock.advance(Duration.ofMillis(300));
        Instant notBefore = m.revokeAllFor(ivy);
        assertThat(notBefore).isEqualTo(T0.plusMillis(500));
        assertThat(refused(m, access, Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(refused(m, refresh, Guard.required().refresh(true))).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(other), Guard.required()).isPresent()).isTrue();
        String sameSecond = m.createAccessToken(ivy);
        assertThat(refused(m, sameSecond, Guard.required()))
                .as("issued in the same second as the logout: refused too (whole-second iat)").isEqualTo(ErrorKind.REVOKED_TOKEN);

        clock.advance(Duration.ofMillis(500));
        String fresh = m.createAccessToken(ivy);
        assertThat(m.verifyRequest(FakeRequest.get().bearer(fresh), Guard.required()).identity()).isEqualTo(ivy);
        assertThat(refused(m, access, Guard.required())).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    private static ErrorKind refused(JwtManager m, String token, Guard guard) {
        JwtException e = catchThrowableOfType(JwtException.class, () -> m.verifyRequest(FakeRequest.get().bearer(token), guard));
        assertThat(e).as("refused").isNotNull();
        return e.kind();
    }
}
