/**
 * What the library reports as it works, for metrics and audit without a dependency: a
 * {@link io.github.jwtextended.event.JwtListener} registered on the manager's builder hears each
 * request verification's outcome, each token issued, each refresh-token rotation and each
 * revocation. Every value it is given is an enum constant (bounded, never an identity, a
 * {@code jti}, a token or an address). This package depends only on {@code config} and
 * {@code error}, so that every part that acts can report through it.
 */
package io.github.jwtextended.event;
