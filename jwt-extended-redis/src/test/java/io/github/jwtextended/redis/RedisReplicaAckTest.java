package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RefreshRotation;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationIndex;
import io.github.jwtextended.revocation.RevocationStoreException;
import io.github.jwtextended.revocation.SessionRecords;
import io.github.jwtextended.revocation.SessionRecords.SessionRecord;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Writes acknowledged by replicas ({@code minReplicasAck}): on a primary and a replica of the
 * test's own, a write returns once the replica has it; with the replica stopped (SIGSTOP) every
 * write fails within the acknowledgement timeout instead of reporting success, while checks go on
 * answering on their own connection.
 */
class RedisReplicaAckTest {
    final List<AutoCloseable> open = new ArrayList<>();
    RedisServerProcess primary;
    RedisServerProcess replica;

    @BeforeEach
    void start() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        primary = keep(new RedisServerProcess(false));
        replica = keep(new RedisServerProcess(false, List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port()))));
        var admin = raw(primary.port());
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!admin.info("replication").contains("connected_slaves:1") || !raw(replica.port()).info("replication")
                .contains("master_link_status:up")) {
            assertThat(System.nanoTime()).as("the replica connects").isLessThan(deadline);
            Thread.sleep(20);
        }
        // Link up is not yet acknowledging: right after the full sync, a loaded machine's replica can
        // take longer than the tests' 300 ms to answer its first WAIT. Start once it has answered one.
        admin.set("replica-ready", "1");
        while (admin.waitForReplication(1, 1000) < 1) {
            assertThat(System.nanoTime()).as("the replica acknowledges a write").isLessThan(deadline);
        }
        admin.del("replica-ready");
    }

    @AfterEach
    void stop() throws Exception {
        Collections.reverse(open);
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    RedisCommands<String, String> raw(int port) {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
        open.add(client::shutdown);
        return keep(client.connect()).sync();
    }

    RedisRevocationStore store(int minReplicasAck) {
        return store(minReplicasAck, Duration.ofMillis(300));
    }

    RedisRevocationStore store(int minReplicasAck, Duration replicaAckTimeout) {
        return keep(RedisRevocationStore.builder(primary.url()).minReplicasAck(minReplicasAck)
                .replicaAckTimeout(replicaAckTimeout).build());
    }

    /** Waits until {@code n} clients of the primary are blocked (a write's WAIT). */
    void untilBlockedClients(RedisCommands<String, String> admin, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!admin.info("clients").contains("blocked_clients:" + n + "\r\n")) {
            assertThat(System.nanoTime()).as("a write waits for the replica").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aWriteReturnsOnceTheReplicaHoldsIt() {
        RedisRevocationStore s = store(1);
        var onReplica = raw(replica.port());
        for (int i = 0; i < 50; i++) {
            s.revoke("acked-" + i, Instant.now().plusSeconds(60));
            assertThat(onReplica.exists("jwt:revoked:acked-" + i)).as("on the replica when revoke returns").isEqualTo(1L);
        }
        s.revokeAllIssuedBefore("acked-user", Instant.now(), Instant.now().plusSeconds(60));
        assertThat(onReplica.exists("jwt:nbf:acked-user")).isEqualTo(1L);
        RefreshRotation r = s.rotation().orElseThrow();
        assertThat(r.rotate("fam", "j1", "j2", Instant.now().plusSeconds(60), Duration.ZERO).result()).isEqualTo(RefreshRotation.RotationResult.ROTATED);
        assertThat(onReplica.hget("jwt:fam:fam", "cur")).isEqualTo("j2");
    }

    @Test
    void aReplicaThatDoesNotConfirmFailsEveryWriteNeverReportingSuccess() throws Exception {
        RedisRevocationStore s = store(1);
        s.revoke("known", Instant.now().plusSeconds(60));
        s.sessions().orElseThrow().start("fam-s", "who", "s1", "a browser", Instant.now().plusSeconds(60));
        replica.pause();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.revoke("unconfirmed", Instant.now().plusSeconds(60)))
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("0 of 1 replica(s) confirmed a revocation");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).as("fails after the 300 ms acknowledgement timeout, not the command timeout").isBetween(250L, 1500L);
            assertThatThrownBy(() -> s.revokeAllIssuedBefore("who", Instant.now(), Instant.now().plusSeconds(60)))
                    .isInstanceOf(RevocationStoreException.class);
            RefreshRotation r = s.rotation().orElseThrow();
            assertThatThrownBy(() -> r.rotate("fam", "j1", "j2", Instant.now().plusSeconds(60), Duration.ZERO))
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("a refresh-token rotation");
            assertThatThrownBy(() -> r.revokeFamily("fam", Instant.now().plusSeconds(60)))
                    .isInstanceOf(RevocationStoreException.class);
            assertThatThrownBy(() -> s.sessions().orElseThrow().revoke("who", "fam-s", Instant.now().plusSeconds(60)))
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("the end of a session");
            assertThatThrownBy(() -> s.sessions().orElseThrow().start("fam-t", "who", "t1", "a phone", Instant.now().plusSeconds(60)))
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("the start of a session");

            // Checks have their own connection: a write waiting for replicas does not hold them up.
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    s.revoke("in-flight", Instant.now().plusSeconds(60));
                } catch (RevocationStoreException expected) {
                    // unconfirmed
                }
            });
            Thread.sleep(50);
            long checkStart = System.nanoTime();
            assertThat(s.isRevoked(RevocationCheck.of("known", null, null, null))).isTrue();
            assertThat((System.nanoTime() - checkStart) / 1_000_000).as("a check during a WAIT").isLessThan(150L);
            waiting.get(5, TimeUnit.SECONDS);
        } finally {
            replica.resume();
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                s.revoke("confirmed-again", Instant.now().plusSeconds(60));
                break;
            } catch (RevocationStoreException e) {
                assertThat(System.nanoTime()).as("writes succeed again once the replica answers").isLessThan(deadline);
                Thread.sleep(50);
            }
        }
        assertThat(raw(replica.port()).exists("jwt:revoked:confirmed-again")).isEqualTo(1L);
    }

    @Test
    void aSessionListingDoesNotWaitBehindAWriteWaitingForReplicas() throws Exception {
        Duration ackTimeout = Duration.ofSeconds(2);
        RedisRevocationStore s = store(1, ackTimeout);
        SessionRecords sessions = s.sessions().orElseThrow();
        Instant keep = Instant.now().plusSeconds(60);
        sessions.start("fam-a", "lister", "a1", "a browser", keep);
        sessions.start("fam-b", "lister", "b1", null, keep);
        var admin = raw(primary.port());
        replica.pause();
        try {
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                try {
                    sessions.start("fam-c", "lister", "c1", "a phone", keep);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            untilBlockedClients(admin, 1); // the start is on the primary, its WAIT blocks the write connection
            long start = System.nanoTime();
            List<SessionRecord> listed = sessions.list("lister");
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("A session listing during a write blocked in WAIT (ack timeout %d ms): %d ms%n",
                    ackTimeout.toMillis(), ms);
            assertThat(blocked).as("the start still waits for the replica").isNotDone();
            assertThat(ms).as("a listing while a write waits up to 2 s for the replica").isLessThan(500L);
            assertThat(listed).extracting(SessionRecord::family).containsExactlyInAnyOrder("fam-a", "fam-b", "fam-c");
            assertThat(listed).filteredOn(r -> r.family().equals("fam-a")).extracting(SessionRecord::client)
                    .containsExactly("a browser");
            assertThat(listed).filteredOn(r -> r.family().equals("fam-b")).extracting(SessionRecord::client)
                    .containsExactly((String) null);
            assertThat(blocked.get(5, TimeUnit.SECONDS)).as("the unconfirmed start still fails")
                    .isInstanceOf(RevocationStoreException.class).hasMessageContaining("the start of a session");
        } finally {
            replica.resume();
        }
    }

    /**
     * A near cache's memory of {@code n} live records, as it writes them back after Redis lost its
     * data: one in eight a "log out everywhere", one in eight a family, the others token ids (one
     * of each kept for ever). Their keys go to {@code keys}.
     */
    static RevocationIndex liveRecords(int n, List<String> keys) {
        RevocationIndex index = new RevocationIndex();
        long now = System.currentTimeMillis();
        for (int i = 0; i < n; i++) {
            long until = i < 3 ? RevocationIndex.FOREVER : now + 600_000 + i;
            if (i % 8 == 1) {
                index.revokeAllIssuedBefore("wb-" + i, now - 1000, until);
                keys.add("jwt:nbf:wb-" + i);
            } else if (i % 8 == 2) {
                index.revokeFamily("wb-" + i, until);
                keys.add("jwt:famrev:wb-" + i);
            } else {
                index.revoke("wb-" + i, until);
                keys.add("jwt:revoked:wb-" + i);
            }
        }
        return index;
    }

    /** How many WAIT commands the server ran since its statistics were last reset. */
    static long waitCalls(RedisCommands<String, String> admin) {
        return admin.info("commandstats").lines().filter(l -> l.startsWith("cmdstat_wait:calls="))
                .mapToLong(l -> Long.parseLong(l.substring("cmdstat_wait:calls=".length(), l.indexOf(','))))
                .findFirst().orElse(0L);
    }

    @Test
    void aWriteBackIsConfirmedByOneWaitForAllItsRecords() {
        RedisRevocationStore s = store(1);
        List<String> keys = new ArrayList<>();
        RevocationIndex records = liveRecords(200, keys);
        var admin = raw(primary.port());
        admin.configResetstat();
        long start = System.nanoTime();
        int written = s.writeBack(records);
        long ms = (System.nanoTime() - start) / 1_000_000;
        long waits = waitCalls(admin);
        System.out.printf("A write-back of %d records with minReplicasAck=1: %d ms, %d WAIT(s)%n", written, ms, waits);
        assertThat(written).isEqualTo(200);
        assertThat(waits).as("one WAIT after every record's write").isEqualTo(1L);
        var onReplica = raw(replica.port());
        assertThat(onReplica.exists(keys.toArray(new String[0]))).as("every record on the replica when the write-back returns")
                .isEqualTo(200L);
        assertThat(onReplica.get("jwt:revoked:wb-0")).isEqualTo("inf");
        assertThat(onReplica.pttl("jwt:revoked:wb-3")).as("with its remaining lifetime").isBetween(590_000L, 601_000L);
    }

    @Test
    void aWriteBackTheReplicaDoesNotConfirmFails() throws Exception {
        RedisRevocationStore s = store(1);
        RevocationIndex records = liveRecords(200, new ArrayList<>());
        var admin = raw(primary.port());
        replica.pause();
        try {
            admin.configResetstat();
            long start = System.nanoTime();
            assertThatThrownBy(() -> s.writeBack(records)).isInstanceOf(RevocationStoreException.class)
                    .hasMessageContaining("0 of 1 replica(s) confirmed");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).as("fails after the 300 ms acknowledgement timeout").isBetween(250L, 1500L);
        } finally {
            replica.resume();
        }
    }

    @Test
    void byDefaultAWriteReturnsOnceThePrimaryHasItWhateverTheReplicas() throws Exception {
        RedisRevocationStore s = store(0);
        replica.pause();
        try {
            long start = System.nanoTime();
            s.revoke("primary-only", Instant.now().plusSeconds(60));
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(250L);
        } finally {
            replica.resume();
        }
        assertThat(s.isRevoked("primary-only")).isTrue();
    }

    @Test
    void theSettingIsChecked() {
        assertThatThrownBy(() -> RedisRevocationStore.builder(primary.url()).minReplicasAck(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("minReplicasAck must be 0 to 100");
        assertThatThrownBy(() -> RedisRevocationStore.builder(primary.url()).replicaAckTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("replicaAckTimeout must be positive");
    }
}
