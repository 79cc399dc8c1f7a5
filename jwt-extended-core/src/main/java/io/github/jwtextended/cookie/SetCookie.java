package io.github.jwtextended.cookie;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * One {@code Set-Cookie} header, framework-free. {@link #toHeaderValue()} writes the attributes in
 * Werkzeug's order ({@code name=value; Domain; Expires; Max-Age; Secure; HttpOnly; Path; SameSite}),
 * so the header is byte-for-byte what flask-jwt-extended sends.
 *
 * <p>Thread safety: immutable.
 *
 * @param name     the cookie's name; not null
 * @param value    its value; not null (empty for a deletion)
 * @param domain   the {@code Domain} attribute, or null for none
 * @param expires  the {@code Expires} attribute, or null for none
 * @param maxAge   the {@code Max-Age} attribute in seconds, or null for none (a session cookie when
 *                 expires is null too)
 * @param secure   the {@code Secure} flag
 * @param httpOnly the {@code HttpOnly} flag
 * @param path     the {@code Path} attribute, or null for none
 * @param sameSite {@code Lax}, {@code Strict}, {@code None}, or null for none
 */
public record SetCookie(String name, String value, String domain, Instant expires, Long maxAge,
                        boolean secure, boolean httpOnly, String path, String sameSite) {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    /** Refuses a null name or value. */
    public SetCookie {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** True when this header deletes the cookie (empty value, expiry in the past). */
    public boolean isDeletion() {
        return value.isEmpty() && expires != null && expires.getEpochSecond() == 0;
    }

    /** The header's value, e.g. {@code access_token_cookie=eyJ...; HttpOnly; Path=/}. */
    public String toHeaderValue() {
        StringBuilder b = new StringBuilder(name.length() + value.length() + 64);
        b.append(name).append('=').append(value);
        if (domain != null) b.append("; Domain=").append(domain);
        if (expires != null) b.append("; Expires=").append(HTTP_DATE.format(expires));
        if (maxAge != null) b.append("; Max-Age=").append(maxAge);
        if (secure) b.append("; Secure");
        if (httpOnly) b.append("; HttpOnly");
        if (path != null) b.append("; Path=").append(path);
        if (sameSite != null) b.append("; SameSite=").append(sameSite);
        return b.toString();
    }

    /** Shows the name and attributes, never the value. */
    @Override
    public String toString() {
        return "SetCookie[" + name + (isDeletion() ? ", deletion" : "") + "]";
    }
}
