package io.github.jwtextended.key;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the keys come from, as configured: a description, never parsed here. {@link KeyResolvers}
 * reads the files, parses the PEM and JWK text and turns the description into a
 * {@link KeyResolver} when the manager is built; the configuration checks before that what can be
 * checked without reading a key (a secret long enough for its algorithm, PEM keys only with a
 * public-key algorithm, a JWKS URL on https and not mixed with local keys).
 *
 * <p>The HMAC algorithms sign and verify with {@link #secret()}; the public-key algorithms with
 * the {@linkplain #pem() PEM keys}, the {@linkplain #jwks() JWK Set}, or the keys published at a
 * {@linkplain #remote() JWKS URL} (then this service only verifies). PEM and JWK Set keys may be
 * given together (rotation).
 *
 * <p>{@link #toString()} never shows the secret or a key. Thread safety: immutable (the secret is
 * copied in and out).
 *
 * @param algorithm  the algorithm new tokens are signed with; always allowed when decoding
 * @param secret     the HMAC secret, or null
 * @param pem        keys given in PEM
 * @param jwks       keys given as a JWK Set
 * @param remote     keys published at a JWKS URL
 * @param signingKid the {@code kid} of the key that signs (needed when several keys hold a private key); for a PEM key,
 *                   the {@code kid} it is given; or null
 */
public record KeySource(JwsAlgorithm algorithm, byte[] secret, PemKeys pem, JwkSetKeys jwks, RemoteJwks remote,
                        String signingKid) {
    /** HS256, no key given. */
    public static final KeySource DEFAULTS = new KeySource(JwsAlgorithm.HS256, null, PemKeys.NONE, JwkSetKeys.NONE,
            RemoteJwks.NONE, null);

    /** Copies the secret; a blank kid is none. */
    public KeySource {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(pem, "pem");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(remote, "remote");
        secret = secret == null ? null : secret.clone();
        signingKid = signingKid == null || signingKid.isBlank() ? null : signingKid;
    }

    /** A copy of the HMAC secret, or null. */
    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    /** The secret's length in bytes (0 when none is set), without copying it. */
    public int secretLength() {
        return secret == null ? 0 : secret.length;
    }

    /** True when keys are given here (PEM or JWK Set), as opposed to a secret or a JWKS URL. */
    public boolean hasLocalKeys() {
        return pem.any() || jwks.any();
    }

    public KeySource withAlgorithm(JwsAlgorithm a) { return new KeySource(a, secret, pem, jwks, remote, signingKid); }
    /** The HMAC secret as raw bytes (copied). */
    public KeySource withSecret(byte[] s) { return new KeySource(algorithm, Objects.requireNonNull(s, "secret"), pem, jwks, remote, signingKid); }
    /** The HMAC secret as a string, used as its UTF-8 bytes (as flask-jwt-extended does). */
    public KeySource withSecret(String s) { return withSecret(s.getBytes(StandardCharsets.UTF_8)); }
    public KeySource withPem(UnaryOperator<PemKeys> change) { return new KeySource(algorithm, secret, change.apply(pem), jwks, remote, signingKid); }
    public KeySource withJwks(UnaryOperator<JwkSetKeys> change) { return new KeySource(algorithm, secret, pem, change.apply(jwks), remote, signingKid); }
    public KeySource withRemote(UnaryOperator<RemoteJwks> change) { return new KeySource(algorithm, secret, pem, jwks, change.apply(remote), signingKid); }
    public KeySource withSigningKid(String kid) { return new KeySource(algorithm, secret, pem, jwks, remote, kid); }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeySource k && algorithm == k.algorithm && Arrays.equals(secret, k.secret) && pem.equals(k.pem)
                && jwks.equals(k.jwks) && remote.equals(k.remote) && Objects.equals(signingKid, k.signingKid);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, Arrays.hashCode(secret), pem, jwks, remote, signingKid);
    }

    /** Everything but the secret's bytes and the keys' text. */
    @Override
    public String toString() {
        return "KeySource[" + algorithm + ", secret " + (secret != null ? "set" : "unset") + ", " + pem + ", " + jwks + ", "
                + remote + ", signingKid=" + signingKid + "]";
    }
}
