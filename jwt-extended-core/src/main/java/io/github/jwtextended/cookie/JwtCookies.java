package io.github.jwtextended.cookie;

import io.github.jwtextended.config.CookieSettings;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenKindSettings;
import io.github.jwtextended.config.TokenLocation;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cookies flask-jwt-extended's {@code set_access_cookies}, {@code set_refresh_cookies} and
 * {@code unset_*_cookies} write: the token cookie (HttpOnly) and, when CSRF protection and
 * CSRF-in-cookies are on, its CSRF cookie (readable by scripts), with the configured names, paths,
 * domain, Secure and SameSite. Setting a token cookie needs {@code cookies} among the configured
 * token locations; deleting one does not (a site that moved away from cookies still clears them).
 *
 * <p>Thread safety: immutable and thread safe.
 */
public final class JwtCookies {
    private static final Instant EPOCH = Instant.EPOCH;
    /** The largest cookie name plus value a browser keeps (RFC 6265bis storage model, ASVS 3.3.5). */
    public static final int MAX_COOKIE_BYTES = 4096;

    private final JwtConfig config;
    private final Clock clock;

    public JwtCookies(JwtConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The access cookie and its CSRF cookie. {@code csrfValue} is the token's {@code csrf} claim
     * (null when it has none); {@code maxAge} overrides the configured lifetime when non-null;
     * {@code domain} overrides the configured domain when non-null. Refused with
     * {@link IllegalStateException} when cookies are not among the configured token locations:
     * no request would be read from the cookie, so every one sending it would be answered 401.
     */
    public List<SetCookie> access(String token, String csrfValue, Long maxAge, String domain) {
        return set(config.access(), token, csrfValue, maxAge, domain);
    }

    /** The refresh cookie and its CSRF cookie; see {@link #access}. */
    public List<SetCookie> refresh(String token, String csrfValue, Long maxAge, String domain) {
        return set(config.refresh(), token, csrfValue, maxAge, domain);
    }

    /** Deletions of the access cookie and its CSRF cookie. */
    public List<SetCookie> unsetAccess(String domain) {
        return unset(config.access(), domain);
    }

    /** Deletions of the refresh cookie and its CSRF cookie. */
    public List<SetCookie> unsetRefresh(String domain) {
        return unset(config.refresh(), domain);
    }

    /** Deletions of all four cookies, access first ({@code unset_jwt_cookies}). */
    public List<SetCookie> unsetAll(String domain) {
        List<SetCookie> all = new ArrayList<>(unsetAccess(domain));
        all.addAll(unsetRefresh(domain));
        return all;
    }

    private boolean csrfCookies() {
        return config.csrf().protect() && config.csrf().inCookies();
    }

    private List<SetCookie> set(TokenKindSettings kind, String token, String csrfValue, Long maxAge, String domain) {
        Objects.requireNonNull(token, "token");
        if (!config.tokenLocations().contains(TokenLocation.COOKIES)) {
            // A programmer's mistake, said where it is made rather than as a 401 on every later request.
            throw new IllegalStateException("Token cookies are written but cookies are not among the token locations, so no "
                    + "request would be read from them: add cookies to " + config.settingNames().apply("tokenLocations")
                    + " (e.g. headers and cookies)");
        }
        String name = kind.cookieName();
        int size = name.getBytes(StandardCharsets.UTF_8).length + token.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_COOKIE_BYTES) {
            // Browsers drop a cookie over 4096 bytes (RFC 6265bis) without a word: fail where the token is
            // made instead (SECURITY.md row G10).
            throw new IllegalArgumentException("The cookie " + name + " would be " + size + " bytes (name and value); "
                    + "browsers drop cookies over " + MAX_COOKIE_BYTES + ": use fewer or smaller additional claims");
        }
        CookieSettings cookies = config.cookies();
        Long age = maxAge != null ? maxAge : cookies.session() ? null : CookieSettings.PERSISTENT_MAX_AGE_SECONDS;
        Instant expires = age == null ? null : Instant.ofEpochSecond(clock.instant().getEpochSecond() + age);
        String d = domain != null ? domain : cookies.domain();
        List<SetCookie> out = new ArrayList<>(2);
        out.add(new SetCookie(name, token, d, expires, age, cookies.secure(), true, kind.cookiePath(), cookies.sameSite()));
        if (csrfCookies() && csrfValue != null) {
            out.add(new SetCookie(kind.csrf().cookieName(), csrfValue, d, expires, age, cookies.secure(), false,
                    kind.csrf().cookiePath(), cookies.sameSite()));
        }
        return out;
    }

    private List<SetCookie> unset(TokenKindSettings kind, String domain) {
        CookieSettings cookies = config.cookies();
        String d = domain != null ? domain : cookies.domain();
        List<SetCookie> out = new ArrayList<>(2);
        out.add(new SetCookie(kind.cookieName(), "", d, EPOCH, null, cookies.secure(), true, kind.cookiePath(),
                cookies.sameSite()));
        if (csrfCookies()) {
            out.add(new SetCookie(kind.csrf().cookieName(), "", d, EPOCH, null, cookies.secure(), false, kind.csrf().cookiePath(),
                    cookies.sameSite()));
        }
        return out;
    }
}
