package io.github.jwtextended.config;

/**
 * The names under which one token kind's CSRF value travels: the cookie it is written in (readable
 * by scripts, next to the HttpOnly token cookie) and the header, or form field, it comes back in.
 *
 * <p>Thread safety: immutable.
 *
 * @param cookieName the CSRF cookie
 * @param cookiePath its {@code Path}
 * @param headerName the request header carrying the value back
 * @param fieldName  the form field carrying it when the header is absent (when {@link CsrfSettings#checkForm()})
 */
public record CsrfNames(String cookieName, String cookiePath, String headerName, String fieldName) {
    /** {@code csrf_access_token} on {@code /}, {@code X-CSRF-TOKEN}, {@code csrf_token}. */
    public static final CsrfNames ACCESS_DEFAULTS = new CsrfNames("csrf_access_token", "/", "X-CSRF-TOKEN", "csrf_token");
    /** {@code csrf_refresh_token} on {@code /}, {@code X-CSRF-TOKEN}, {@code csrf_token}. */
    public static final CsrfNames REFRESH_DEFAULTS = new CsrfNames("csrf_refresh_token", "/", "X-CSRF-TOKEN", "csrf_token");

    /** Refuses a name that is no cookie name, a path without its slash, empty names. */
    public CsrfNames {
        Checks.cookieName(cookieName, "cookieName");
        Checks.path(cookiePath, "cookiePath");
        Checks.text(headerName, "headerName");
        Checks.text(fieldName, "fieldName");
    }

    public CsrfNames withCookieName(String name) { return new CsrfNames(name, cookiePath, headerName, fieldName); }
    public CsrfNames withCookiePath(String path) { return new CsrfNames(cookieName, path, headerName, fieldName); }
    public CsrfNames withHeaderName(String name) { return new CsrfNames(cookieName, cookiePath, name, fieldName); }
    public CsrfNames withFieldName(String name) { return new CsrfNames(cookieName, cookiePath, headerName, name); }
}
