package io.github.jwtextended.config;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * What differs between access and refresh tokens: one record, used twice
 * ({@link JwtConfig#access()}, {@link JwtConfig#refresh()}), so that the code that reads a token or
 * writes its cookies asks for the kind's settings once ({@link JwtConfig#kind(boolean)}) instead of
 * choosing between two names for each.
 *
 * <p>Thread safety: immutable.
 *
 * @param expires    the lifetime of new tokens of this kind; null: they carry no {@code exp} and never expire
 *                   (an explicit, unsafe choice)
 * @param jsonKey    the member of a JSON body holding the token
 * @param cookieName the HttpOnly cookie holding the token
 * @param cookiePath its {@code Path}
 * @param csrf       the names under which the token's CSRF value travels
 */
public record TokenKindSettings(Duration expires, String jsonKey, String cookieName, String cookiePath, CsrfNames csrf) {
    /** flask-jwt-extended's access defaults: 15 minutes, {@code access_token}, {@code access_token_cookie} on {@code /}. */
    public static final TokenKindSettings ACCESS_DEFAULTS = new TokenKindSettings(Duration.ofMinutes(15), "access_token",
            "access_token_cookie", "/", CsrfNames.ACCESS_DEFAULTS);
    /** flask-jwt-extended's refresh defaults: 30 days, {@code refresh_token}, {@code refresh_token_cookie} on {@code /}. */
    public static final TokenKindSettings REFRESH_DEFAULTS = new TokenKindSettings(Duration.ofDays(30), "refresh_token",
            "refresh_token_cookie", "/", CsrfNames.REFRESH_DEFAULTS);

    /** Refuses a lifetime that is not positive, an empty JSON key, a name that is no cookie name, a path without its slash. */
    public TokenKindSettings {
        if (expires != null) {
            Checks.positive(expires, "expires", "must be a positive duration (or explicitly 'never')");
        }
        Checks.text(jsonKey, "jsonKey");
        Checks.cookieName(cookieName, "cookieName");
        Checks.path(cookiePath, "cookiePath");
        Checks.notNull(csrf, "csrf");
    }

    /** The lifetime of new tokens; null: they never expire. */
    public TokenKindSettings withExpires(Duration d) { return new TokenKindSettings(d, jsonKey, cookieName, cookiePath, csrf); }
    public TokenKindSettings withJsonKey(String key) { return new TokenKindSettings(expires, key, cookieName, cookiePath, csrf); }
    public TokenKindSettings withCookieName(String name) { return new TokenKindSettings(expires, jsonKey, name, cookiePath, csrf); }
    public TokenKindSettings withCookiePath(String path) { return new TokenKindSettings(expires, jsonKey, cookieName, path, csrf); }
    public TokenKindSettings withCsrf(UnaryOperator<CsrfNames> change) {
        return new TokenKindSettings(expires, jsonKey, cookieName, cookiePath, Checks.within("csrf", csrf, change));
    }
}
