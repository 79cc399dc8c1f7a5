package io.github.jwtextended.key;

/**
 * Chooses keys: the one that signs new tokens, and the one that verifies a token given its
 * {@code alg} and {@code kid} header values (flask-jwt-extended's encode and decode key loaders).
 * The {@code kid} is attacker input: implementations must treat it as an opaque string and never
 * use it as a path, query or URL.
 *
 * <p>Implementations must be thread safe.
 */
public interface KeyResolver {
    /** The key new tokens are signed with. */
    JwtKey signingKey();

    /**
     * The key bound to {@code algorithm} that verifies a token with this {@code kid} (null when the
     * token has none), or null when there is none: the token is then refused.
     */
    JwtKey verificationKey(JwsAlgorithm algorithm, String kid);
}
