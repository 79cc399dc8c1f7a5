package io.github.jwtextended.config;

import io.github.jwtextended.key.JwsAlgorithm;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

/**
 * What a token must be to be accepted, beyond its signature. In a built {@link JwtConfig},
 * {@link #algorithms()} always holds the signing algorithm ({@link io.github.jwtextended.key.KeySource#algorithm()}),
 * appended when missing, as flask-jwt-extended does.
 *
 * <p>Thread safety: immutable.
 *
 * @param algorithms the allow-list of {@code alg} values; null: the signing algorithm alone
 * @param audience   the accepted audiences ({@code aud} must name one); null: {@code aud} is not checked at all
 * @param issuer     the accepted issuers ({@code iss} must be one); null: {@code iss} is not checked
 * @param leeway     the clock skew allowed on {@code exp}, {@code nbf} and {@code iat}: 0 to {@link #MAX_LEEWAY}
 */
public record DecodeSettings(Set<JwsAlgorithm> algorithms, Set<String> audience, Set<String> issuer, Duration leeway) {
    /** Largest leeway accepted: RFC 7519 says "usually no more than a few minutes". */
    public static final Duration MAX_LEEWAY = Duration.ofSeconds(300);
    /** The signing algorithm alone, {@code aud} and {@code iss} not checked, no leeway. */
    public static final DecodeSettings DEFAULTS = new DecodeSettings(null, null, null, Duration.ZERO);

    /** Refuses an empty or null-holding allow-list, null audience or issuer entries, a leeway out of bounds; copies the sets. */
    public DecodeSettings {
        if (algorithms != null && algorithms.isEmpty()) {
            throw new InvalidSettingException("%s must name at least one algorithm", "algorithms");
        }
        algorithms = Checks.optionalSet(algorithms, "algorithms");
        audience = Checks.optionalSet(audience, "audience");
        issuer = Checks.optionalSet(issuer, "issuer");
        Checks.notNull(leeway, "leeway");
        if (leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new InvalidSettingException("%s must be between 0 and 300 seconds", "leeway");
        }
    }

    /** The allow-list; null: the signing algorithm alone. */
    public DecodeSettings withAlgorithms(Collection<JwsAlgorithm> values) { return new DecodeSettings(Checks.ordered(values), audience, issuer, leeway); }
    public DecodeSettings withAlgorithms(JwsAlgorithm... values) { return withAlgorithms(Arrays.asList(values)); }

    /** The accepted audiences; null turns the check off. */
    public DecodeSettings withAudience(Collection<String> values) { return new DecodeSettings(algorithms, Checks.ordered(values), issuer, leeway); }
    public DecodeSettings withAudience(String... values) { return withAudience(Arrays.asList(values)); }

    /** The accepted issuers; null turns the check off. */
    public DecodeSettings withIssuer(Collection<String> values) { return new DecodeSettings(algorithms, audience, Checks.ordered(values), leeway); }
    public DecodeSettings withIssuer(String... values) { return withIssuer(Arrays.asList(values)); }

    public DecodeSettings withLeeway(Duration d) { return new DecodeSettings(algorithms, audience, issuer, d); }
}
