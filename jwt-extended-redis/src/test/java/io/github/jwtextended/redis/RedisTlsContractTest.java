package io.github.jwtextended.redis;

import io.github.jwtextended.revocation.RevocationStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The shared contract over TLS ({@code rediss://}), strict and with the near cache, on a
 * redis-server of the test's own whose certificate a test authority signs; the certificate is
 * verified by default, so another authority's, or the JDK's own authorities, are refused.
 */
class RedisTlsContractTest extends RedisStrictContractTest {
    static Path dir;
    static TestCertificates certificates;
    static RedisServerProcess server;
    static int tlsPort;

    @BeforeAll
    static void startTlsRedis() throws Exception {
        RedisTestSupport.requireRedisServerProgram();
        dir = Files.createTempDirectory("jwt-redis-tls");
        certificates = TestCertificates.create(dir, "good");
        tlsPort = RedisServerProcess.freePort();
        server = new RedisServerProcess(false, certificates.serverArgs(tlsPort));
    }

    @AfterAll
    static void stopTlsRedis() throws Exception {
        if (server != null) {
            server.close();
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static String tlsUrl() {
        return "rediss://127.0.0.1:" + tlsPort + "/0";
    }

    @Override
    String redisUrl() {
        return tlsUrl();
    }

    @Override
    RedisRevocationStore.Builder configure(RedisRevocationStore.Builder b) {
        return b.tlsCaFile(certificates.caFile());
    }

    @Override
    void deleteKeys() {
        // the server is the test's own and goes at the end
    }

    @Test
    void theConnectionIsEncrypted() {
        RedisRevocationStore s = store(redisUrl());
        assertThat(s.isHealthy()).isTrue();
        assertThat(s.toString()).startsWith("RedisRevocationStore[rediss://127.0.0.1:");
        // the same port refuses plain text: the store's answers came over TLS
        assertThat(RedisTestSupport.ping("127.0.0.1", tlsPort, false)).isNotNull();
    }

    @Test
    void aCertificateOfAnotherAuthorityIsRefused() throws Exception {
        TestCertificates other = TestCertificates.create(dir, "other");
        assertThatThrownBy(() -> RedisRevocationStore.builder(tlsUrl()).tlsCaFile(other.caFile()).build())
                .isInstanceOf(RevocationStoreException.class).hasMessageContaining("could not connect");
    }

    @Test
    void verificationIsOnByDefaultWithTheJdkAuthorities() {
        assertThatThrownBy(() -> RedisRevocationStore.builder(tlsUrl()).build())
                .as("the test authority is not among the JDK's").isInstanceOf(RevocationStoreException.class);
    }

    @Test
    void anUnreadableAuthorityFileIsRefusedAtOnce() {
        assertThatThrownBy(() -> RedisRevocationStore.builder(tlsUrl()).tlsCaFile(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tlsCaFile is not a readable file");
    }

    /** The same over TLS with the near cache (its pub/sub connection is TLS too). */
    @Nested
    class WithNearCache extends RedisNearCacheContractTest {
        @Override
        String redisUrl() {
            return tlsUrl();
        }

        @Override
        RedisRevocationStore.Builder configure(RedisRevocationStore.Builder b) {
            return b.tlsCaFile(certificates.caFile());
        }

        @Override
        void deleteKeys() {
            // the server is the test's own
        }
    }
}
