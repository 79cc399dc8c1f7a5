package io.github.jwtextended.conformance;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.token.TokenOptions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a case builds its request and its expected cookies with: the setup's manager (tokens are
 * made by the core, hostile ones forged by {@link Forge}); it remembers every token it hands out,
 * so that the suite can check that no error answer echoes one.
 *
 * <p>Thread safety: one case, one thread.
 */
public final class CaseEnv {
    private final JwtManager jwt;
    final List<String> tokens = new ArrayList<>();

    CaseEnv(JwtManager jwt) {
        this.jwt = jwt;
    }

    private String keep(String token) {
        tokens.add(token);
        return token;
    }

    public JwtManager manager() { return jwt; }
    public long now() { return ConformanceSetup.NOW.getEpochSecond(); }
    public String access() { return keep(jwt.createAccessToken("u")); }
    public String fresh() { return keep(jwt.createAccessToken("u", TokenOptions.defaults().withFresh(true))); }
    public String refresh() { return keep(jwt.createRefreshToken("u")); }
    public String access(TokenOptions options) { return keep(jwt.createAccessToken("u", options)); }
    public String csrf(String token) { return jwt.csrfToken(token); }

    /** HS256 over a hand-written payload with the server's key. */
    public String forge(String payload) {
        return keep(Forge.hs256(ConformanceSetup.secretBytes(), payload));
    }

    /** A token with a hand-written header, signed with {@code alg} (HS256/384/512) and {@code secret}. */
    public String forge(String alg, String header, String payload, String secret) {
        return keep(Forge.sign(alg, secret.getBytes(StandardCharsets.UTF_8), header, payload));
    }

    /** A token kept for the leak check as it is. */
    public String raw(String token) { return keep(token); }

    public HttpCall get(String path) { return new HttpCall("GET", path); }
    public HttpCall post(String path) { return new HttpCall("POST", path); }
    public HttpCall request(String method, String path) { return new HttpCall(method, path); }

    /** The header lines the core says these cookies are. */
    public static List<String> lines(List<SetCookie> cookies) {
        List<String> out = new ArrayList<>();
        for (SetCookie c : cookies) {
            out.add(c.toHeaderValue());
        }
        return out;
    }
}
