package io.github.jwtextended.config;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What new tokens carry besides their identity and type (the algorithm and key are the
 * {@linkplain JwtConfig#keys() key source}'s).
 *
 * <p>Thread safety: immutable.
 *
 * @param audience written as {@code aud}: one as a string, several as an array, none: no {@code aud}
 * @param issuer   written as {@code iss}, or null for none
 * @param nbf      whether {@code nbf} (equal to {@code iat}) is written
 */
public record EncodeSettings(List<String> audience, String issuer, boolean nbf) {
    /** No {@code aud}, no {@code iss}, {@code nbf} written. */
    public static final EncodeSettings DEFAULTS = new EncodeSettings(List.of(), null, true);

    /** Refuses a null audience entry; copies the list. */
    public EncodeSettings {
        audience = Checks.list(audience, "audience");
    }

    public EncodeSettings withAudience(Collection<String> values) { return new EncodeSettings(Checks.list(values, "audience"), issuer, nbf); }
    public EncodeSettings withAudience(String... values) { return withAudience(Arrays.asList(values)); }
    public EncodeSettings withIssuer(String value) { return new EncodeSettings(audience, value, nbf); }
    public EncodeSettings withNbf(boolean on) { return new EncodeSettings(audience, issuer, on); }
}
