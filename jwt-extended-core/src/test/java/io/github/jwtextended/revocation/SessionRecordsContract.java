package io.github.jwtextended.revocation;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.revocation.RefreshRotation.RotationResult;
import io.github.jwtextended.revocation.SessionRecords.SessionRecord;
import io.github.jwtextended.session.Session;
import io.github.jwtextended.session.Sessions;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenPair;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every store with {@linkplain RevocationStore#sessions() session records} must do on top of
 * the {@link RefreshRotationContract}: a login's family recorded for its identity, listed for that
 * identity only, its last refresh following rotations, ended only by its own identity (another
 * identity's id answers as an unknown one), all but one ended together, and the record gone with
 * its family. Shipped in the core's test-jar; a store's test extends this.
 */
public abstract class SessionRecordsContract extends RefreshRotationContract {
    private static final String CLIENT = "Firefox on Linux, 192.0.2.0/24";

    private SessionRecords records(RevocationStore s) {
        return s.sessions().orElseThrow(() -> new AssertionError(s + " has no sessions()"));
    }

    private Instant keep() {
        return clock.instant().plusSeconds(3600);
    }

    private static List<String> ids(List<SessionRecord> l) {
        return l.stream().map(SessionRecord::family).toList();
    }

    @Test
    public void aStoreWithSessionsHasRotation() {
        RevocationStore s = newStore();
        assertThat(s.sessions()).isPresent();
        assertThat(s.rotation()).isPresent();
    }

    @Test
    public void aLoginIsListedForItsIdentityOnly() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        String alice = id("alice");
        r.start(id("fam-a1"), alice, id("a1-r0"), CLIENT, keep());
        clock.advance(Duration.ofSeconds(5));
        r.start(id("fam-a2"), alice, id("a2-r0"), null, keep());
        r.start(id("fam-b1"), id("bob"), id("b1-r0"), "curl", keep());

        List<SessionRecord> listed = r.list(alice);
        assertThat(ids(listed)).as("the most recently refreshed first").containsExactly(id("fam-a2"), id("fam-a1"));
        assertThat(listed.get(1)).isEqualTo(new SessionRecord(id("fam-a1"), T0, T0, CLIENT));
        assertThat(listed.get(0)).isEqualTo(new SessionRecord(id("fam-a2"), T0.plusSeconds(5), T0.plusSeconds(5), null));
        assertThat(ids(r.list(id("bob")))).containsExactly(id("fam-b1"));
        assertThat(r.list(id("nobody"))).isEmpty();
        assertThat(s.isRevoked(inFamily(id("a1-r0"), id("fam-a1")))).isFalse();
    }

    @Test
    public void aRotationIsTheSessionsLastUse() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        RefreshRotation rotation = s.rotation().orElseThrow();
        String alice = id("alice");
        String fam = id("fam-used");
        r.start(fam, alice, id("r0"), CLIENT, keep());
        clock.advance(Duration.ofSeconds(60));
        assertThat(rotation.rotate(fam, id("r0"), id("r1"), keep(), Duration.ofSeconds(10)))
                .as("the login's token is current: an ordinary rotation").isEqualTo(RefreshRotation.Outcome.rotated(id("r1")));
        assertThat(r.list(alice)).containsExactly(new SessionRecord(fam, T0, T0.plusSeconds(60), CLIENT));
        clock.advance(Duration.ofSeconds(1));
        assertThat(rotation.rotate(fam, id("r0"), id("x"), keep(), Duration.ofSeconds(10)))
                .as("the window applies from the first rotation").isEqualTo(RefreshRotation.Outcome.grace(id("r1")));
        assertThat(rotation.rotate(fam, id("other"), id("y"), keep(), Duration.ZERO).result()).isEqualTo(RotationResult.REUSE);
        assertThat(r.list(alice)).as("a revoked family is no session").isEmpty();
    }

    @Test
    public void aSessionIsEndedOnlyByItsIdentity() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        String alice = id("alice");
        String fam = id("fam-own");
        r.start(fam, alice, id("r0"), CLIENT, keep());
        r.start(id("fam-keep"), alice, id("k0"), CLIENT, keep());

        assertThat(r.revoke(id("mallory"), fam, keep())).as("another identity's session").isFalse();
        assertThat(r.revoke(alice, id("fam-unknown"), keep())).as("an unknown one: the same answer").isFalse();
        assertThat(s.isRevoked(inFamily(id("r0"), fam))).isFalse();
        assertThat(ids(r.list(alice))).contains(fam);

        assertThat(r.revoke(alice, fam, keep())).isTrue();
        assertThat(s.isRevoked(inFamily(id("r0"), fam))).as("every token of the family").isTrue();
        assertThat(s.isRevoked(inFamily(id("an-access-token"), fam))).isTrue();
        assertThat(s.rotation().orElseThrow().rotate(fam, id("r0"), id("r1"), keep(), Duration.ofSeconds(10)).result())
                .isEqualTo(RotationResult.REVOKED);
        assertThat(ids(r.list(alice))).containsExactly(id("fam-keep"));
        assertThat(r.revoke(alice, fam, keep())).as("ended already").isFalse();
        assertThat(s.isRevoked(inFamily(id("k0"), id("fam-keep")))).isFalse();
    }

    @Test
    public void allButOneSessionAreEndedTogether() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        String alice = id("alice");
        for (int i = 0; i < 4; i++) {
            r.start(id("fam-all-" + i), alice, id("all-r" + i), CLIENT, keep());
        }
        r.start(id("fam-bob"), id("bob"), id("bob-r0"), CLIENT, keep());
        assertThat(r.revokeAllExcept(alice, id("fam-all-2"), keep())).isEqualTo(3);
        assertThat(ids(r.list(alice))).containsExactly(id("fam-all-2"));
        assertThat(s.isRevoked(inFamily(id("all-r0"), id("fam-all-0")))).isTrue();
        assertThat(s.isRevoked(inFamily(id("all-r2"), id("fam-all-2")))).isFalse();
        assertThat(ids(r.list(id("bob")))).containsExactly(id("fam-bob"));
        assertThat(r.revokeAllExcept(alice, null, keep())).isEqualTo(1);
        assertThat(r.list(alice)).isEmpty();
    }

    @Test
    public void aSessionEndsWithItsFamily() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        String alice = id("alice");
        r.start(id("fam-revoked"), alice, id("v0"), CLIENT, keep());
        s.rotation().orElseThrow().revokeFamily(id("fam-revoked"), keep());
        assertThat(r.list(alice)).as("a revoked family").isEmpty();
        assertThat(r.revoke(alice, id("fam-revoked"), keep())).isFalse();
        if (expiryFollowsTheClock()) {
            r.start(id("fam-expiring"), alice, id("e0"), CLIENT, T0.plusSeconds(100));
            clock.advance(Duration.ofMillis(99_999));
            assertThat(ids(r.list(alice))).containsExactly(id("fam-expiring"));
            clock.advance(Duration.ofMillis(1));
            assertThat(r.list(alice)).as("past its keep-until").isEmpty();
            assertThat(r.revoke(alice, id("fam-expiring"), keep())).isFalse();
            s.purge().ifPresent(Purge::purgeExpired);
            assertThat(r.list(alice)).isEmpty();
        }
    }

    @Test
    public void identitiesAndDescriptionsAreDataWhateverTheyHold() {
        RevocationStore s = newStore();
        SessionRecords r = records(s);
        String[] hostile = {"x' OR '1'='1", "*", "jwt:sess:*", "a b\nc", "\u00e9\ud83d\ude00", "%", "_", "l".repeat(300)};
        for (int i = 0; i < hostile.length; i++) {
            String who = hostile[i] + id("");
            r.start(id("fam-h" + i), who, id("h" + i), hostile[i].length() > 200 ? "c" : hostile[i], keep());
        }
        for (int i = 0; i < hostile.length; i++) {
            List<SessionRecord> l = r.list(hostile[i] + id(""));
            assertThat(ids(l)).as(hostile[i]).containsExactly(id("fam-h" + i));
            assertThat(l.get(0).client()).isEqualTo(hostile[i].length() > 200 ? "c" : hostile[i]);
        }
        assertThat(r.list("*")).isEmpty();
        assertThat(r.list("%")).isEmpty();
        assertThat(r.revoke("%", id("fam-h5"), keep())).isFalse();
        assertThatThrownBy(() -> r.start(id("fam-long"), id("alice"), id("l0"), "c".repeat(201), keep()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void sessionsSurviveARestartAndAreSharedByInstances() {
        RevocationStore first = newStore();
        String alice = id("alice");
        records(first).start(id("fam-shared"), alice, id("s0"), CLIENT, keep());
        RevocationStore other = persistent() ? newStore() : secondInstance();
        assumeTrue(other != null, "a local store");
        assertThat(ids(records(other).list(alice))).containsExactly(id("fam-shared"));
        assertThat(records(other).revoke(alice, id("fam-shared"), keep())).isTrue();
        assertThat(records(first).list(alice)).isEmpty();
    }

    // ---- through the manager --------------------------------------------------------------------

    @Test
    public void theManagerListsAndEndsSessions() {
        RevocationStore s = newStore();
        JwtManager m = JwtManager.builder(TestKeys.config().build()).clock(clock).revocationStore(s).build();
        String kim = id("kim");
        TokenPair laptop = m.createTokenPair(kim, null, "Firefox on Linux,\u0000 192.0.2.0/24");
        clock.advance(Duration.ofSeconds(30));
        TokenPair phone = m.createTokenPair(kim, null, " Safari on iOS ");
        TokenPair tablet = m.createTokenPair(kim, null);
        TokenPair lee = m.createTokenPair(id("lee"), null, "curl");
        Sessions sessions = m.sessions();
        assertThat(sessions.available()).isTrue();

        Jwt onPhone = access(m, phone);
        List<Session> listed = sessions.list(onPhone);
        assertThat(listed).extracting(Session::id).containsExactlyInAnyOrder(laptop.family(), phone.family(), tablet.family());
        assertThat(listed).filteredOn(Session::current).extracting(Session::id).containsExactly(phone.family());
        Session onLaptop = listed.stream().filter(x -> x.id().equals(laptop.family())).findFirst().orElseThrow();
        assertThat(onLaptop.client()).as("made safe").isEqualTo("Firefox on Linux,  192.0.2.0/24");
        assertThat(onLaptop.createdAt()).isEqualTo(T0);
        assertThat(listed.stream().filter(x -> x.id().equals(phone.family())).findFirst().orElseThrow().client())
                .isEqualTo("Safari on iOS");
        assertThat(sessions.list((Object) kim)).extracting(Session::current).containsOnly(false);

        assertThat(sessions.revoke(onPhone, lee.family())).as("another identity's session: not found").isFalse();
        assertThat(m.verifyRequest(FakeRequest.get().bearer(lee.accessToken()), Guard.required()).identity()).isEqualTo(id("lee"));

        clock.advance(Duration.ofSeconds(30));
        TokenPair laptop2 = m.rotateRefreshToken(m.verifyRequest(FakeRequest.post().bearer(laptop.refreshToken()),
                Guard.required().refresh(true)));
        assertThat(sessions.list(onPhone).get(0).id()).as("the last refreshed first").isEqualTo(laptop.family());
        assertThat(sessions.list(onPhone).get(0).lastUsedAt()).isEqualTo(T0.plusSeconds(60));

        assertThat(sessions.revoke(onPhone, laptop.family())).isTrue();
        assertThat(refused(m, laptop2.accessToken())).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(sessions.revokeOthers(onPhone)).as("the tablet").isEqualTo(1);
        assertThat(refused(m, tablet.accessToken())).isEqualTo(ErrorKind.REVOKED_TOKEN);
        assertThat(sessions.list(onPhone)).extracting(Session::id).containsExactly(phone.family());
        assertThat(m.verifyRequest(FakeRequest.get().bearer(phone.accessToken()), Guard.required()).identity()).isEqualTo(kim);
        assertThat(sessions.revokeAll(id("lee"))).isEqualTo(1);
        assertThat(refused(m, lee.accessToken())).isEqualTo(ErrorKind.REVOKED_TOKEN);
    }

    @Test
    public void aClientDescriptionIsMadeSafeAndShort() {
        assertThat(Sessions.clientDescription(null)).isNull();
        assertThat(Sessions.clientDescription(" \t ")).isNull();
        assertThat(Sessions.clientDescription("a\r\nb")).isEqualTo("a  b");
        assertThat(Sessions.clientDescription("x".repeat(500))).hasSize(SessionRecords.MAX_CLIENT_LENGTH);
        String emoji = "x".repeat(SessionRecords.MAX_CLIENT_LENGTH - 1) + "\ud83d\ude00";
        assertThat(Sessions.clientDescription(emoji)).as("never half a surrogate pair").isEqualTo("x".repeat(SessionRecords.MAX_CLIENT_LENGTH - 1));
    }

    private static Jwt access(JwtManager m, TokenPair pair) {
        return m.verifyRequest(FakeRequest.get().bearer(pair.accessToken()), Guard.required());
    }

    private static ErrorKind refused(JwtManager m, String token) {
        JwtException e = catchThrowableOfType(JwtException.class, () -> m.verifyRequest(FakeRequest.get().bearer(token), Guard.required()));
        assertThat(e).as("refused").isNotNull();
        return e.kind();
    }
}
