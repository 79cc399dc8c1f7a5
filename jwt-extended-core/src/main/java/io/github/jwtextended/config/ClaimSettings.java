package io.github.jwtextended.config;

/**
 * How claims are read and written.
 *
 * <p>Thread safety: immutable.
 *
 * @param identity    the claim holding the identity (written on every token, required on decode)
 * @param verifySub   whether a {@code sub} that is not a string is refused (and refused at creation when
 *                    {@code identity} is {@code sub})
 * @param requireType whether a token without a {@code type} claim is refused with 422 {@code Missing claim: type}
 *                    instead of being read as an access token (tokens of different kinds must not be taken for one
 *                    another, RFC 8725 §3.12; SECURITY.md row E20); tokens this library
 *                    or flask-jwt-extended issues always carry one
 */
public record ClaimSettings(String identity, boolean verifySub, boolean requireType) {
    /** {@code sub}, checked to be a string; a missing {@code type} means access, as in flask. */
    public static final ClaimSettings DEFAULTS = new ClaimSettings("sub", true, false);

    /** Refuses an empty identity claim. */
    public ClaimSettings {
        Checks.text(identity, "identity");
    }

    public ClaimSettings withIdentity(String claim) { return new ClaimSettings(claim, verifySub, requireType); }
    public ClaimSettings withVerifySub(boolean on) { return new ClaimSettings(identity, on, requireType); }
    public ClaimSettings withRequireType(boolean on) { return new ClaimSettings(identity, verifySub, on); }
}
