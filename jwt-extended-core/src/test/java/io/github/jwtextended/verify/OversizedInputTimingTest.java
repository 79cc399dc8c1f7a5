package io.github.jwtextended.verify;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.fixtures.Forge;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized or deep input is refused in bounded time before any crypto (P9): a 1 MB
 * token in the header, a cookie or a JSON body, a 1 MB JSON body, and a token of just under the
 * 8 KiB cap made of nesting; the 99th percentile of 200 refusals each stays under 50 ms.
 */
class OversizedInputTimingTest {
    private static final JwtManager M = JwtManager.builder(config()
            .tokenLocations(TokenLocation.HEADERS, TokenLocation.COOKIES, TokenLocation.JSON).build()).clock(fixedClock()).build();

    private static long p99Nanos(Supplier<FakeRequest> request) {
        long[] t = new long[200];
        for (int i = 0; i < t.length; i++) {
            FakeRequest r = request.get();
            long t0 = System.nanoTime();
            try {
                M.verifyRequest(r, Guard.required());
                throw new AssertionError("accepted");
            } catch (JwtException expected) {
                t[i] = System.nanoTime() - t0;
            }
        }
        Arrays.sort(t);
        return t[(int) (t.length * 0.99) - 1];
    }

    @Test
    void oversizedAndDeepInputsAreRefusedWithinFiftyMilliseconds() {
        String megabyteHeader = Forge.b64("{\"alg\":\"HS256\",\"x\":\"" + "a".repeat(750_000) + "\"}") + ".e30.AAAA";
        assertThat(megabyteHeader.length()).isGreaterThan(1_000_000);
        String deep = "{\"sub\":\"u\",\"x\":" + "[".repeat(2900) + "]".repeat(2900) + "}";
        String deepToken = Forge.hs256(bytes(SECRET_64), deep);
        assertThat(deepToken.length()).isLessThanOrEqualTo(8192);
        List<Supplier<FakeRequest>> inputs = List.of(
                () -> FakeRequest.get().bearer(megabyteHeader),
                () -> FakeRequest.get().cookie("access_token_cookie", megabyteHeader),
                () -> FakeRequest.post().json("{\"access_token\":\"" + megabyteHeader + "\"}"),
                () -> FakeRequest.post().json("{\"pad\":\"" + "p".repeat(1_000_000) + "\"}"),
                () -> FakeRequest.get().bearer(deepToken));
        long[] p99 = new long[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            p99Nanos(inputs.get(i)); // warm-up round
            p99[i] = p99Nanos(inputs.get(i));
            System.out.printf("oversized input %d: p99 %.2f ms%n", i, p99[i] / 1e6);
        }
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(p99[i]).as("p99 of input %d", i).isLessThan(50_000_000L);
        }
    }
}
