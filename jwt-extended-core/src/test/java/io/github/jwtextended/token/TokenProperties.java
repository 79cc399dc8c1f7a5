package io.github.jwtextended.token;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Properties over generated identities, claims and token mutations. */
class TokenProperties {
    private static final JwtManager MANAGER = JwtManager.builder(config().build()).clock(fixedClock()).build();
    private static final String VALID = MANAGER.createAccessToken("alice",
            TokenOptions.defaults().withClaim("role", "admin"));
    private static final Set<String> RESERVED = Set.of("fresh", "iat", "jti", "type", "sub", "nbf", "csrf", "exp");

    /** Any string identity and any JSON-simple additional claims come back unchanged after create then decode. */
    @Property(tries = 300)
    void createThenDecodeRoundTrips(@ForAll("identities") String identity, @ForAll("claims") Map<String, Object> extra,
                                    @ForAll boolean refresh) {
        TokenOptions options = TokenOptions.defaults().withClaims(extra);
        String token = refresh ? MANAGER.createRefreshToken(identity, options) : MANAGER.createAccessToken(identity, options);
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        Jwt jwt = MANAGER.decodeToken(token);
        assertThat(jwt.identity()).isEqualTo(identity);
        assertThat(jwt.type()).isEqualTo(refresh ? "refresh" : "access");
        extra.forEach((k, v) -> assertThat(jwt.claim(k)).as(k).isEqualTo(v));
    }

    /** Any change to a valid token (replace, insert, delete, truncate, swap segments) is refused with a JwtException. */
    @Property(tries = 3000)
    void mutationsAreAlwaysRefusedWithAJwtException(@ForAll("mutations") String mutated) {
        if (mutated.equals(VALID)) {
            assertThat(MANAGER.decodeToken(mutated).identity()).isEqualTo("alice");
            return;
        }
        assertThatThrownBy(() -> MANAGER.decodeToken(mutated)).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> MANAGER.decodeToken(mutated, "x", true)).isInstanceOf(JwtException.class);
    }

    /** Arbitrary printable garbage is refused with a JwtException, never another exception. */
    @Property(tries = 2000)
    void garbageIsRefusedWithAJwtException(@ForAll @Size(max = 300) String garbage) {
        assertThatThrownBy(() -> MANAGER.decodeToken(garbage)).isInstanceOf(JwtException.class);
    }

    @Provide
    Arbitrary<String> identities() {
        return Arbitraries.strings().all().ofMinLength(0).ofMaxLength(40)
                .filter(TokenProperties::wellFormedUtf16)
                .injectDuplicates(0.01)
                .edgeCases(c -> c.add("admin\u200b").add("\uff41dmin").add("\u0000").add("\r\n").add("e\u0301"));
    }

    @Provide
    Arbitrary<Map<String, Object>> claims() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)
                .filter(n -> !RESERVED.contains(n));
        Arbitrary<Object> values = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(20).filter(TokenProperties::wellFormedUtf16).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().alpha().ofMaxLength(5).list().ofMaxSize(3).map(l -> (Object) List.copyOf(l)));
        return Arbitraries.maps(names, values).ofMaxSize(5);
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<Character> chars = Arbitraries.oneOf(
                Arbitraries.chars().with("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                Arbitraries.chars().with(".=+/ \t\n%\"{}?\u00a0\u00e9\u0000"));
        Arbitrary<Integer> index = Arbitraries.integers().between(0, VALID.length() - 1);
        Arbitrary<String> replace = Combinators.combine(index, chars)
                .as((i, c) -> VALID.substring(0, i) + c + VALID.substring(i + 1));
        Arbitrary<String> insert = Combinators.combine(index, chars)
                .as((i, c) -> VALID.substring(0, i) + c + VALID.substring(i));
        Arbitrary<String> delete = index.map(i -> VALID.substring(0, i) + VALID.substring(i + 1));
        Arbitrary<String> truncate = index.map(i -> VALID.substring(0, i));
        Arbitrary<String> swap = Arbitraries.of(List.of(0, 1, 2)).map(which -> {
            String[] p = VALID.split("\\.");
            String[] q = p.clone();
            q[which] = p[(which + 1) % 3];
            q[(which + 1) % 3] = p[which];
            return String.join(".", q);
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, replace), net.jqwik.api.Tuple.of(2, insert), net.jqwik.api.Tuple.of(2, delete),
                net.jqwik.api.Tuple.of(1, truncate), net.jqwik.api.Tuple.of(1, swap));
    }

    private static boolean wellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) return false;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 50)
    void loneSurrogateIdentitiesAreRefusedAtCreation(@ForAll @IntRange(min = 0xD800, max = 0xDFFF) int surrogate) {
        String identity = "u" + (char) surrogate;
        // Never silently issued as "u?", which would collide with the identity "u?" (identities are never made to collide; E14, A24).
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MANAGER.createAccessToken(identity))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogates");
    }
}
