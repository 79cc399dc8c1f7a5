package io.github.jwtextended.config;

import java.util.Locale;

/**
 * The attributes of every cookie written (the token cookies and their CSRF cookies).
 *
 * <p>Thread safety: immutable.
 *
 * @param secure   whether cookies carry {@code Secure} (flask's default is off: turn it on in production)
 * @param domain   their {@code Domain}, or null for none (a host-only cookie)
 * @param sameSite {@code Lax}, {@code Strict} or {@code None} (given in any case), or null for no attribute
 * @param session  true: session cookies (no {@code Max-Age}); false: they last {@link #PERSISTENT_MAX_AGE_SECONDS}
 */
public record CookieSettings(boolean secure, String domain, String sameSite, boolean session) {
    /** flask-jwt-extended's Max-Age for non-session cookies: 31,540,000 s (365.046 days). */
    public static final long PERSISTENT_MAX_AGE_SECONDS = 31_540_000L;
    /** Not Secure, no Domain, no SameSite, session cookies. */
    public static final CookieSettings DEFAULTS = new CookieSettings(false, null, null, true);

    /** Refuses a domain that is no host name and an unknown SameSite; title-cases SameSite. */
    public CookieSettings {
        if (domain != null && !domain.matches("[A-Za-z0-9.-]+")) {
            throw new InvalidSettingException("%s must be a host name", "domain");
        }
        if (sameSite != null) {
            sameSite = switch (sameSite.toLowerCase(Locale.ROOT)) {
                case "lax" -> "Lax";
                case "strict" -> "Strict";
                case "none" -> "None";
                default -> throw new InvalidSettingException("%s must be Lax, Strict or None", "sameSite");
            };
        }
    }

    public CookieSettings withSecure(boolean on) { return new CookieSettings(on, domain, sameSite, session); }
    public CookieSettings withDomain(String host) { return new CookieSettings(secure, host, sameSite, session); }
    public CookieSettings withSameSite(String value) { return new CookieSettings(secure, domain, value, session); }
    public CookieSettings withSession(boolean on) { return new CookieSettings(secure, domain, sameSite, on); }
}
