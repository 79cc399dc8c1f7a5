package io.github.jwtextended.key;

import java.util.List;

/**
 * Chooses keys: the one that signs new tokens, and the one that verifies a token given its
 * {@code alg} and {@code kid} header values (flask-jwt-extended's encode and decode key loaders).
 * The {@code kid} is attacker input: implementations must treat it as an opaque string and never
 * use it as a path, query or URL. Key material named by a token ({@code jwk}, {@code jku},
 * {@code x5u}, {@code x5c}) is never an input here: the decoder does not pass it on.
 *
 * <p>Implementations must be thread safe.
 */
public interface KeyResolver {
    /**
     * The key new tokens are signed with.
     *
     * @throws IllegalStateException when this resolver only verifies
     */
    JwtKey signingKey();

    /**
     * The key bound to {@code algorithm} that verifies a token with this {@code kid} (null when the
     * token has none), or null when there is none: the token is then refused. A resolver that
     * cannot know its keys right now (a remote JWKS that cannot be fetched) throws
     * {@link io.github.jwtextended.error.StoreUnavailableException} instead: the request answers
     * 503, and the token is not blamed.
     */
    JwtKey verificationKey(JwsAlgorithm algorithm, String kid);

    /**
     * The keys this resolver verifies with right now, for publishing the public ones as a JWKS
     * ({@link Jwks#publicJson(KeyResolver)}). Default: none.
     */
    default List<JwtKey> verificationKeys() {
        return List.of();
    }
}
