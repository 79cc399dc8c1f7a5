/**
 * What the library reports as it works, for metrics and audit without a dependency: a
 * {@link io.github.jwtextended.event.JwtListener} registered on the manager's builder hears each
 * request verification's outcome, each token issued, each refresh-token rotation, each revocation
 * and each fetch of a remote JWK Set. Every value it is given is an enum constant or a count
 * (bounded, never an identity, a {@code jti}, a token or an address). This package depends only on
 * {@code config}, {@code error} and {@code key}, so that every part that acts can report through
 * it; {@code key} itself, below {@code config}, reports through its own
 * {@link io.github.jwtextended.key.JwksFetchListener}, which a {@code JwtListener} is.
 */
package io.github.jwtextended.event;
