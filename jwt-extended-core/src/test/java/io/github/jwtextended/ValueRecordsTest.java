package io.github.jwtextended;

import io.github.jwtextended.cookie.SetCookie;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.token.TokenPair;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answers the core hands to adapters are values: equal when their parts are, checked, and never printing a secret. */
class ValueRecordsTest {
    @Test
    void aSetCookieIsItsAttributes() {
        SetCookie a = new SetCookie("access_token_cookie", "secret.jwt.value", null, Instant.EPOCH, 0L, true, true, "/", "Lax");
        SetCookie b = new SetCookie("access_token_cookie", "secret.jwt.value", null, Instant.EPOCH, 0L, true, true, "/", "Lax");
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(new SetCookie("access_token_cookie", "other", null, Instant.EPOCH, 0L, true, true, "/", "Lax"));
        assertThat(a.toString()).doesNotContain("secret.jwt.value");
        assertThatThrownBy(() -> new SetCookie(null, "v", null, null, null, false, false, null, null)).hasMessage("name");
        assertThatThrownBy(() -> new SetCookie("n", null, null, null, null, false, false, null, null)).hasMessage("value");
    }

    @Test
    void aTokenPairIsItsTokensAndFamily() {
        TokenPair a = new TokenPair("access.jwt.value", "refresh.jwt.value", "fam");
        assertThat(a).isEqualTo(new TokenPair("access.jwt.value", "refresh.jwt.value", "fam"))
                .hasSameHashCodeAs(new TokenPair("access.jwt.value", "refresh.jwt.value", "fam"));
        assertThat(a.toString()).isEqualTo("TokenPair[fam=fam]");
        assertThatThrownBy(() -> new TokenPair("a", null, "f")).hasMessage("refreshToken");
    }

    @Test
    void anErrorResponseIsItsStatusHeadersAndBodyCopiedInOrder() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg", "Token has expired");
        body.put("z", 1);
        body.put("a", 2);
        ErrorResponse r = new ErrorResponse(401, Map.of(), body);
        body.put("later", 3);
        assertThat(r.body()).containsExactly(Map.entry("msg", "Token has expired"), Map.entry("z", 1), Map.entry("a", 2));
        assertThatThrownBy(() -> r.body().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.withHeader("WWW-Authenticate", "Bearer")).isEqualTo(new ErrorResponse(401, Map.of("WWW-Authenticate", "Bearer"), r.body()));
        assertThat(ErrorResponse.message(401, "msg", "m")).isEqualTo(ErrorResponse.message(401, "msg", "m"));
        assertThatThrownBy(() -> new ErrorResponse(600, Map.of(), Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
