/**
 * Micrometer meters for jwt-extended: {@link io.github.jwtextended.micrometer.JwtMetrics}, a
 * listener registered on the manager's builder, counts verifications by outcome, tokens issued,
 * refresh rotations and reuse, revocations and remote JWKS fetches, and gauges the remote key set;
 * {@link io.github.jwtextended.micrometer.MeteredRevocationStore} times the revocation store's
 * checks and writes, counts its failures and timeouts and the checks a fail-open wrapper answered
 * "not revoked" during an outage, and binds the gauges of its near cache
 * ({@link io.github.jwtextended.micrometer.NearCacheGauges});
 * {@link io.github.jwtextended.micrometer.ObservedRevocationStore} makes each store call an
 * observation (a span under Micrometer Tracing). Every tag value is one of a fixed set (never an
 * identity, a {@code jti}, a token or an address). Every meter and its meaning: docs/operations.md.
 */
package io.github.jwtextended.micrometer;
