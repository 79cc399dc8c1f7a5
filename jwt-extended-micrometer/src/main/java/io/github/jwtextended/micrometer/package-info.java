/**
 * Micrometer meters for jwt-extended: {@link io.github.jwtextended.micrometer.JwtMetrics}, a
 * listener registered on the manager's builder, counts verifications by outcome, tokens issued,
 * refresh rotations and reuse, and revocations; {@link io.github.jwtextended.micrometer.MeteredRevocationStore}
 * times the revocation store's checks and writes and counts its failures and timeouts. Every tag
 * value is one of a fixed set (never an identity, a {@code jti}, a token or an address). Every
 * meter and its meaning: docs/operations.md.
 */
package io.github.jwtextended.micrometer;
