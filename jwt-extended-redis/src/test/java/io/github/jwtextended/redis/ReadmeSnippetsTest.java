package io.github.jwtextended.redis;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.ReadmeSnippets;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.redis.readme.RedisRevocations;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The README's code is {@code readme/RedisRevocations.java}, imports included, and works as written on a real Redis. */
class ReadmeSnippetsTest {
    private static final Path SOURCE = Path.of("src/test/java/io/github/jwtextended/redis/readme/RedisRevocations.java");

    @Test
    void theReadmesCodeIsCompiled() {
        ReadmeSnippets.assertCompiled(Path.of("README.md"), Map.of("redis-store", SOURCE));
    }

    /** Two instances as the README wires them: a logout on one is refused by the other (near cache), and so is a log-out-everywhere. */
    @Test
    void theReadmesCodeRevokesForEveryInstance() throws Exception {
        String url = RedisTestSupport.urlOrSkip();
        String user = "readme-" + UUID.randomUUID();   // the README's default key prefix is shared: keys of our own only
        JwtConfig config = TestKeys.config().build();
        String firstJti = null;
        try (RedisRevocations a = new RedisRevocations(config, url); RedisRevocations b = new RedisRevocations(config, url)) {
            JwtManager jwt = a.jwt();
            String first = jwt.createAccessToken(user);
            firstJti = jwt.jti(first);
            String second = jwt.createAccessToken(user);
            Jwt verified = jwt.verifyRequest(FakeRequest.get().bearer(first), Guard.required());
            assertThat(b.jwt().verifyRequest(FakeRequest.get().bearer(first), Guard.required()).identity()).isEqualTo(user);

            a.logout(verified);
            assertRefusedWithinOneSecond(b.jwt(), first);
            assertThat(b.jwt().verifyRequest(FakeRequest.get().bearer(second), Guard.required()).identity()).isEqualTo(user);

            a.logoutEverywhere(user);
            assertRefusedWithinOneSecond(b.jwt(), second);
        } finally {
            if (firstJti != null) {
                RedisTestKeys.delete(url, "jwt:revoked:" + firstJti);
            }
            RedisTestKeys.delete(url, "jwt:nbf:" + user);
        }
    }

    private static void assertRefusedWithinOneSecond(JwtManager jwt, String token) throws InterruptedException {
        long end = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < end) {
            try {
                jwt.verifyRequest(FakeRequest.get().bearer(token), Guard.required());
                Thread.sleep(10);
            } catch (RevokedTokenException refused) {
                return;
            }
        }
        assertThatThrownBy(() -> jwt.verifyRequest(FakeRequest.get().bearer(token), Guard.required()))
                .isInstanceOf(RevokedTokenException.class);
    }
}
