package io.github.jwtextended.bench;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.KeyGenerator;
import io.github.jwtextended.token.TokenOptions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the benchmarks share: a clearly fake HS256 secret, managers, and batches of tokens made by
 * jwt-extended with flask-jwt-extended's layout ({@code fresh, iat, jti, type, sub, nbf, csrf, exp}).
 *
 * <p>Thread safety: constants and pure factories.
 */
public final class Fixtures {
    /** A fake 40-byte HS256 secret: benchmarks only, protects nothing. */
    public static final String SECRET = "bench-only-fake-secret-0123456789abcdefg";
    public static final byte[] SECRET_BYTES = SECRET.getBytes(StandardCharsets.UTF_8);
    /** The identity in every token. */
    public static final String SUBJECT = "user-42";
    /** Tokens live a day, so that no benchmark sees one expire. */
    public static final Duration LIFETIME = Duration.ofDays(1);
    /** Distinct tokens cycled through by "first sight" benchmarks: more than any cache holds. */
    public static final int FIRST_SIGHT_TOKENS = 1 << 17;
    /** Tokens cycled through by "repeated" benchmarks: a few sessions. */
    public static final int REPEATED_TOKENS = 8;

    private Fixtures() {
    }

    /** The HS256 configuration: the fake secret, CSRF claims on (the default), a day's lifetime. */
    public static JwtConfig hs256Config() {
        return JwtConfig.builder().keys(k -> k.withSecret(SECRET)).access(a -> a.withExpires(LIFETIME)).build();
    }

    /** A manager over {@link #hs256Config()} with the library's defaults. */
    public static JwtManager hs256Manager() {
        return JwtManager.builder(hs256Config()).build();
    }

    /** A configuration signing and verifying with a fresh key pair for {@code alg} (RSA: 2048 bits), given as a JWK Set. */
    public static JwtConfig asymmetricConfig(JwsAlgorithm alg) {
        String jwk = KeyGenerator.generate(alg, "bench-" + alg, 2048).privateJwk();
        return JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withJwks(j -> j.withJson("{\"keys\":[" + jwk + "]}")))
                .access(a -> a.withExpires(LIFETIME)).build();
    }

    /** {@code n} distinct access tokens for {@link #SUBJECT} (each has its own jti and csrf). */
    public static String[] tokens(JwtManager manager, int n) {
        String[] out = new String[n];
        TokenOptions options = TokenOptions.defaults().withExpiresIn(LIFETIME);
        for (int i = 0; i < n; i++) {
            out[i] = manager.createAccessToken(SUBJECT, options);
        }
        return out;
    }
}
