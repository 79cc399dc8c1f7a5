package io.github.jwtextended.token;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.CsrfException;
import io.github.jwtextended.error.ErrorKind;
import io.github.jwtextended.error.ExpiredTokenException;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.error.InvalidTokenException.Reason;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.StaticKeyResolver;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.fixtures.TestKeys.NOW_S;
import static io.github.jwtextended.fixtures.TestKeys.OTHER_SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.bytes;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every decode-time message of flask-jwt-extended (and PyJWT under it), strict parsing, and the time boundaries. */
class TokenDecoderTest {
    static final byte[] KEY = bytes(SECRET_64);
    static final String HS256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    static TokenDecoder decoder() {
        return decoder(b -> b);
    }

    static TokenDecoder decoder(UnaryOperator<JwtConfig.Builder> cfg) {
        JwtConfig c = cfg.apply(config()).build();
        StaticKeyResolver keys = StaticKeyResolver.of(
                JwtKey.hmac(JwsAlgorithm.HS256, KEY, null), JwtKey.hmac(JwsAlgorithm.HS384, KEY, null),
                JwtKey.hmac(JwsAlgorithm.HS512, KEY, null));
        return new TokenDecoder(c, keys, fixedClock());
    }

    static String token(String payload) {
        return Forge.hs256(KEY, payload);
    }

    static JwtException refused(TokenDecoder d, String token, String message) {
        try {
            d.decode(token);
        } catch (JwtException e) {
            assertThat(e.getMessage()).as("message for %s", abbreviate(token)).isEqualTo(message);
            assertThat(e.getMessage()).doesNotContain(SECRET_64);
            return e;
        }
        throw new AssertionError("accepted: " + abbreviate(token));
    }

    static String abbreviate(String token) {
        return token == null || token.length() < 200 ? token : token.substring(0, 100) + "...(" + token.length() + " chars)";
    }

    static JwtException refused(String token, String message) {
        return refused(decoder(), token, message);
    }

    static JwtException invalid(String token, String message) {
        JwtException e = refused(token, message);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_TOKEN);
        return e;
    }

    @Nested
    class Structure {
        @Test
        void segments() {
            invalid("abc", "Not enough segments");
            invalid("a.b", "Not enough segments");
            invalid("", "Not enough segments");
            assertThatThrownBy(() -> decoder().decode(null)).isInstanceOf(JwtException.class);
            String t = token("{\"sub\":\"u\"}");
            invalid(t + ".", "Invalid payload padding");
            invalid(t + ".foo", "Invalid payload padding");
        }

        @Test
        void tooLargeIsRefusedBeforeDecoding() {
            String big = "e".repeat(8193) + ".e.e";
            assertThat(invalid(big, "Token is too large").kind()).isEqualTo(ErrorKind.INVALID_TOKEN);
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> decoder().decode("a".repeat(1_000_000))).isInstanceOf(JwtException.class);
            assertThat(System.nanoTime() - t0).isLessThan(Duration.ofMillis(200).toNanos());
        }

        @Test
        void badBase64PerSegment() {
            String[] p = token("{\"sub\":\"u\"}").split("\\.");
            invalid("a." + p[1] + "." + p[2], "Invalid header padding");
            invalid(p[0] + "=." + p[1] + "." + p[2], "Invalid header padding");
            invalid(p[0] + "." + p[1] + "=." + p[2], "Invalid payload padding");
            invalid(p[0] + "." + p[1] + "." + p[2] + "=", "Invalid crypto padding");
            invalid(p[0] + "." + p[1] + "." + p[2].substring(1), "Invalid crypto padding");
        }

        @ParameterizedTest
        @ValueSource(strings = {"+", "/", " ", "\t", "\n", "\r", "\u00a0", "?", "%", "\"", "{", "\u0000", "\u00e9", "="})
        void anyCharacterOutsideTheAlphabetIsRefusedInEverySegment(String c) {
            String[] p = token("{\"sub\":\"u\"}").split("\\.");
            for (int seg = 0; seg < 3; seg++) {
                for (int at : new int[]{0, 5, p[seg].length()}) {
                    String[] q = p.clone();
                    q[seg] = q[seg].substring(0, at) + c + q[seg].substring(at);
                    String bad = String.join(".", q);
                    assertThatThrownBy(() -> decoder().decode(bad)).as("segment %d at %d", seg, at)
                            .isInstanceOf(JwtException.class)
                            .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.INVALID_TOKEN));
                }
            }
        }

        @Test
        void nonCanonicalLastCharacterIsRefusedEvenWithAValidMac() {
            // Header: 27 bytes JSON -> 36 chars (no spare bits); use one with spare bits instead.
            String header = "{\"alg\":\"HS256\"}"; // 15 bytes -> 20 chars, 0 spare; add a space to get 16 -> 22 chars, 4 spare bits
            String h = Forge.b64(header + " ");
            assertThat(h.length() % 4).isEqualTo(2);
            String payload = Forge.b64("{\"sub\":\"u\"}"); // 11 bytes -> 15 chars, 2 spare bits
            assertThat(payload.length() % 4).isEqualTo(3);
            String good = Forge.signSegments("HS256", KEY, h, payload);
            assertThat(decoder().decode(good).identity()).isEqualTo("u");

            String hBad = bumpLast(h);
            invalid(Forge.signSegments("HS256", KEY, hBad, payload), "Invalid header padding");
            String pBad = bumpLast(payload);
            invalid(Forge.signSegments("HS256", KEY, h, pBad), "Invalid payload padding");
            String sig = good.substring(good.lastIndexOf('.') + 1); // 32 bytes -> 43 chars, 2 spare bits
            invalid(good.substring(0, good.lastIndexOf('.') + 1) + bumpLast(sig), "Invalid crypto padding");
            // java.util.Base64 alone would have accepted each of these as the same bytes.
            assertThat(java.util.Base64.getUrlDecoder().decode(bumpLast(sig))).isEqualTo(java.util.Base64.getUrlDecoder().decode(sig));
        }

        private String bumpLast(String s) {
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            int v = alphabet.indexOf(s.charAt(s.length() - 1));
            return s.substring(0, s.length() - 1) + alphabet.charAt(v ^ 1);
        }
    }

    @Nested
    class Json {
        @Test
        void headerNotJsonOrNotObject() {
            invalid(Forge.sign("HS256", KEY, "not json", "{\"sub\":\"u\"}"), "Invalid header string: not valid JSON");
            invalid(Forge.sign("HS256", KEY, "[\"HS256\"]", "{\"sub\":\"u\"}"), "Invalid header string: must be a json object");
            invalid(Forge.sign("HS256", KEY, "\"x\"", "{\"sub\":\"u\"}"), "Invalid header string: must be a json object");
            invalid(Forge.sign("HS256", KEY, "null", "{\"sub\":\"u\"}"), "Invalid header string: must be a json object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[1]", "\"x\"", "0", "1", "-1", "true", "null", "\"\""})
        void payloadNotAnObject(String payload) {
            invalid(token(payload), "Invalid payload string: must be a json object");
        }

        @ParameterizedTest
        @ValueSource(strings = {"foo", "{", "", "{\"sub\":\"u\"}x", "{}{}", "{\"sub\":\"u\"} {\"sub\":\"v\"}",
                "{\"sub\":'u'}", "{sub:\"u\"}", "{\"sub\":\"u\",}", "{\"sub\":\"u\",\"n\":NaN}", "{\"sub\":\"u\",\"n\":01}",
                "{\"sub\":\"u\" /* c */}", "{\"sub\":\"a\u0001b\"}"})
        void payloadNotStrictJson(String payload) {
            refused(token(payload), "Invalid payload string: not valid JSON");
        }

        @Test
        void trailingGarbageInHeader() {
            invalid(Forge.sign("HS256", KEY, HS256 + "x", "{\"sub\":\"u\"}"), "Invalid header string: not valid JSON");
            invalid(Forge.sign("HS256", KEY, HS256 + "{}", "{\"sub\":\"u\"}"), "Invalid header string: not valid JSON");
        }

        @Test
        void duplicateNames() {
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"none\",\"alg\":\"HS256\"}", "{\"sub\":\"u\"}"),
                    "Invalid header string: duplicate member name");
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"\\u0061lg\":\"none\"}", "{\"sub\":\"u\"}"),
                    "Invalid header string: duplicate member name");
            invalid(token("{\"sub\":\"u1\",\"sub\":\"admin\"}"), "Invalid payload string: duplicate member name");
            invalid(token("{\"sub\":\"u\",\"type\":\"refresh\",\"type\":\"access\"}"), "Invalid payload string: duplicate member name");
        }

        @Test
        void escapedNamesAreTheSameNames() {
            invalid(Forge.sign("HS256", KEY, "{\"\\u0061lg\":\"none\"}", "{\"sub\":\"u\"}"), "The specified alg value is not allowed");
            assertThat(decoder().decode(token("{\"s\\u0075b\":\"u\"}")).identity()).isEqualTo("u");
        }

        @Test
        void depthCap() {
            assertThat(decoder().decode(token("{\"sub\":\"u\",\"x\":" + "[".repeat(31) + "]".repeat(31) + "}")).identity())
                    .isEqualTo("u");
            invalid(token("{\"sub\":\"u\",\"x\":" + "[".repeat(32) + "]".repeat(32) + "}"),
                    "Invalid payload string: nested too deeply");
            invalid(token("{\"sub\":\"u\",\"x\":" + "[".repeat(2900) + "]".repeat(2900) + "}"),
                    "Invalid payload string: nested too deeply");
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"x\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
                    "{\"sub\":\"u\"}"), "Invalid header string: nested too deeply");
        }

        @Test
        void longNumbersAreRefused() {
            invalid(token("{\"sub\":\"u\",\"n\":" + "9".repeat(5000) + "}"), "Invalid payload string: value too long");
        }

        @Test
        void nonUtf8IsRefused() {
            byte[][] bad = {
                    {(byte) 0xFF, (byte) 0xFE, (byte) 0xFD},
                    {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},       // overlong '/'
                    {'{', '"', 's', 'u', 'b', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // CESU surrogate
                    {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'},                                     // UTF-16 BOM
            };
            for (byte[] payload : bad) {
                invalid(Forge.signBytes("HS256", KEY, HS256.getBytes(StandardCharsets.UTF_8), payload),
                        "Invalid payload string: not valid UTF-8");
                invalid(Forge.signBytes("HS256", KEY, payload, "{\"sub\":\"u\"}".getBytes(StandardCharsets.UTF_8)),
                        "Invalid header string: not valid UTF-8");
            }
        }

        /** An escaped lone surrogate is not a Unicode scalar value: refused like bad UTF-8 (A24). */
        @ParameterizedTest
        @ValueSource(strings = {"\\ud800", "\\uDBFF", "\\udc00", "\\uDFFF", "a\\ud800b", "\\udc00\\ud800",
                "\\ud83d", "\\ud83d\\u0041", "x\\ude00"})
        void escapedLoneSurrogatesAreRefusedInEveryStringAndName(String escaped) {
            invalid(token("{\"sub\":\"" + escaped + "\"}"), "Invalid payload string: not valid UTF-8");
            invalid(token("{\"sub\":\"u\",\"role\":[\"" + escaped + "\"]}"), "Invalid payload string: not valid UTF-8");
            // In a member name, Jackson's byte parser already fails on it (its own message: "not valid JSON").
            assertThatThrownBy(() -> decoder().decode(token("{\"sub\":\"u\",\"" + escaped + "\":1}")))
                    .isInstanceOf(JwtException.class).hasMessageStartingWith("Invalid payload string: not valid");
            invalid(token("{\"sub\":\"u\",\"o\":{\"k\":\"" + escaped + "\"}}"), "Invalid payload string: not valid UTF-8");
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"kid\":\"" + escaped + "\"}", "{\"sub\":\"u\"}"),
                    "Invalid header string: not valid UTF-8");
            // The non-object path (data binding over text) refuses it too, before "must be a json object".
            invalid(token("[\"" + escaped + "\"]"), "Invalid payload string: not valid UTF-8");
        }

        @Test
        void escapedSurrogatePairsAreOneCharacter() {
            assertThat(decoder().decode(token("{\"sub\":\"\\ud83d\\ude00\"}")).identity()).isEqualTo("\ud83d\ude00");
            assertThat(decoder().decode(token("{\"sub\":\"\\uD83D\\uDE00x\"}")).identity()).isEqualTo("\ud83d\ude00x");
            // A backslash that does not start a surrogate escape changes nothing.
            assertThat(decoder().decode(token("{\"sub\":\"a\\\\ud800\"}")).identity()).isEqualTo("a\\ud800");
        }

        /** With requireType, a token without a type claim is refused; by default it is an access token (E20). */
        @Test
        void typeClaimRequiredOnlyWhenConfigured() {
            String typeless = token("{\"sub\":\"u\"}");
            assertThat(decoder().decode(typeless).type()).isEqualTo("access");
            JwtException e = refused(decoder(b -> b.claims(c -> c.withRequireType(true))), typeless, "Missing claim: type");
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_TOKEN);
            assertThat(decoder(b -> b.claims(c -> c.withRequireType(true))).decode(token("{\"sub\":\"u\",\"type\":\"access\"}")).type()).isEqualTo("access");
            assertThat(decoder(b -> b.claims(c -> c.withRequireType(true))).decode(token("{\"sub\":\"u\",\"type\":\"refresh\"}")).type()).isEqualTo("refresh");
        }

        @Test
        void unicodeIdentitiesAreKeptAsTheyAre() {
            for (String id : new String[]{"\uff41\uff44\uff4d\uff49\uff4e", "admin\u200b", "e\u0301", "\u00e9", "\u202eadmin"}) {
                String json = "{\"sub\":\"" + id + "\"}";
                assertThat(decoder().decode(token(json)).identity()).isEqualTo(id).isNotEqualTo("admin");
            }
        }
    }

    @Nested
    class Header {
        @Test
        void kidMustBeAString() {
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"kid\":5}", "{\"sub\":\"u\"}"),
                    "Key ID header parameter must be a string");
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"kid\":null}", "{\"sub\":\"u\"}"),
                    "Key ID header parameter must be a string");
        }

        @Test
        void algorithm() {
            invalid(Forge.sign("HS256", KEY, "{\"typ\":\"JWT\"}", "{\"sub\":\"u\"}"), "Algorithm not specified");
            for (String alg : new String[]{"\"none\"", "\"None\"", "\"NONE\"", "\"nOnE\"", "\"hs256\"", "\"Hs256\"", "\"HS1024\"",
                    "\"RS256\"", "\"ES256\"", "\"dir\"", "\"\"", "256", "[\"HS256\"]", "{\"x\":1}", "null", "true"}) {
                invalid(Forge.sign("HS256", KEY, "{\"alg\":" + alg + "}", "{\"sub\":\"u\"}"),
                        alg.equals("null") ? "Algorithm not specified" : "The specified alg value is not allowed");
            }
            String header = Forge.b64("{\"alg\":\"none\"}");
            invalid(header + "." + Forge.b64("{\"sub\":\"u\"}") + ".", "The specified alg value is not allowed");
        }

        @Test
        void onlyAllowedAlgorithms() {
            String hs512 = Forge.sign("HS512", KEY, "{\"alg\":\"HS512\",\"typ\":\"JWT\"}", "{\"sub\":\"u\"}");
            invalid(hs512, "The specified alg value is not allowed");
            assertThat(decoder(b -> b.decode(x -> x.withAlgorithms(JwsAlgorithm.HS512))).decode(hs512).identity()).isEqualTo("u");
            // An HS512 header on an HS256 MAC: the key bound to HS512 does not verify it.
            String mixed = Forge.sign("HS256", KEY, "{\"alg\":\"HS512\"}", "{\"sub\":\"u\"}");
            refused(decoder(b -> b.decode(x -> x.withAlgorithms(JwsAlgorithm.HS512))), mixed, "Signature verification failed");
        }

        @Test
        void critIsRefused() {
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"sub\":\"u\"}"),
                    "Unsupported critical header parameter");
            invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"b64\":false,\"crit\":[\"b64\"]}", "{\"sub\":\"u\"}"),
                    "Unsupported critical header parameter");
        }

        @Test
        void anyB64MemberIsRefusedEvenWithoutCrit() {
            // Signed over the segments as they stand: the signature verifies, only the header rule refuses.
            for (String b64 : List.of("false", "true", "\"false\"", "0", "null")) {
                invalid(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"b64\":" + b64 + "}", "{\"sub\":\"u\"}"),
                        "Invalid header string: b64 is not allowed");
            }
            assertThatThrownBy(() -> decoder().verifyJws(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"b64\":false}", "{\"sub\":\"u\"}")))
                    .isInstanceOf(InvalidTokenException.class).hasMessage("Invalid header string: b64 is not allowed");
        }

        @Test
        void unknownHeadersAndEmbeddedKeysAreIgnored() {
            assertThat(decoder().decode(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"foo\":\"bar\"}", "{\"sub\":\"u\"}"))
                    .header()).containsEntry("foo", "bar");
            String otherKey = Forge.b64(bytes(OTHER_SECRET_64));
            String withJwk = Forge.sign("HS256", bytes(OTHER_SECRET_64),
                    "{\"alg\":\"HS256\",\"jwk\":{\"kty\":\"oct\",\"k\":\"" + otherKey + "\"}}", "{\"sub\":\"u\"}");
            invalid(withJwk, "Signature verification failed");
        }
    }

    @Nested
    class Signature {
        @Test
        void otherKeyOrTampering() {
            invalid(Forge.hs256(bytes(OTHER_SECRET_64), "{\"sub\":\"u\"}"), "Signature verification failed");
            String t = token("{\"sub\":\"u\"}");
            String[] p = t.split("\\.");
            invalid(p[0] + "." + Forge.b64("{\"sub\":\"admin\"}") + "." + p[2], "Signature verification failed");
            invalid(p[0] + "." + p[1] + ".", "Signature verification failed");
            invalid(p[0] + "." + p[1] + "." + Forge.b64(new byte[16]), "Signature verification failed");
            byte[] sig = java.util.Base64.getUrlDecoder().decode(p[2]);
            byte[] longer = java.util.Arrays.copyOf(sig, sig.length + 1);
            invalid(p[0] + "." + p[1] + "." + Forge.b64(longer), "Signature verification failed");
        }

        @Test
        void signatureIsCheckedBeforeExpiry() {
            String expiredForged = Forge.hs256(bytes(OTHER_SECRET_64), "{\"sub\":\"u\",\"exp\":" + (NOW_S - 100) + "}");
            invalid(expiredForged, "Signature verification failed");
        }
    }

    @Nested
    class Claims {
        @Test
        void minimalTokenGetsTheDefaults() {
            Jwt jwt = decoder().decode(token("{\"sub\":\"u\"}"));
            assertThat(jwt.identity()).isEqualTo("u");
            assertThat(jwt.type()).isEqualTo("access");
            assertThat(jwt.claim("fresh")).isEqualTo(false);
            assertThat(jwt.claims()).containsKey("jti");
            assertThat(jwt.jti()).isNull();
            assertThat(jwt.expiresAt()).isNull();
        }

        @Test
        void identityClaim() {
            invalid(token("{\"type\":\"access\"}"), "Missing claim: sub");
            refused(decoder(b -> b.claims(c -> c.withIdentity("identity"))), token("{\"sub\":\"u\"}"), "Missing claim: identity");
        }

        @ParameterizedTest
        @ValueSource(strings = {"123", "{}", "[]", "false", "null", "1.5"})
        void subMustBeAString(String sub) {
            invalid(token("{\"sub\":" + sub + "}"), "Subject must be a string");
            assertThat(decoder(b -> b.claims(c -> c.withVerifySub(false))).decode(token("{\"sub\":" + sub + "}")).claims()).containsKey("sub");
        }

        @Test
        void jtiMustBeAString() {
            invalid(token("{\"sub\":\"u\",\"jti\":5}"), "JWT ID must be a string");
        }

        @Test
        void issuer() {
            TokenDecoder d = decoder(b -> b.decode(x -> x.withIssuer("iss1", "iss2")));
            refused(d, token("{\"sub\":\"u\"}"), "Token is missing the \"iss\" claim");
            refused(d, token("{\"sub\":\"u\",\"iss\":\"other\"}"), "Invalid issuer");
            refused(d, token("{\"sub\":\"u\",\"iss\":[\"iss1\"]}"), "Invalid issuer");
            assertThat(d.decode(token("{\"sub\":\"u\",\"iss\":\"iss2\"}")).claim("iss")).isEqualTo("iss2");
        }

        @Test
        void audience() {
            assertThat(decoder().decode(token("{\"sub\":\"u\",\"aud\":\"anything\"}")).claim("aud")).isEqualTo("anything");
            TokenDecoder d = decoder(b -> b.decode(x -> x.withAudience("a1")));
            refused(d, token("{\"sub\":\"u\"}"), "Token is missing the \"aud\" claim");
            refused(d, token("{\"sub\":\"u\",\"aud\":\"a2\"}"), "Audience doesn't match");
            refused(d, token("{\"sub\":\"u\",\"aud\":[\"a2\",\"a3\"]}"), "Audience doesn't match");
            refused(d, token("{\"sub\":\"u\",\"aud\":[]}"), "Audience doesn't match");
            refused(d, token("{\"sub\":\"u\",\"aud\":5}"), "Invalid claim format in token");
            refused(d, token("{\"sub\":\"u\",\"aud\":[\"a1\",5]}"), "Invalid claim format in token");
            assertThat(d.decode(token("{\"sub\":\"u\",\"aud\":[\"a2\",\"a1\"]}")).identity()).isEqualTo("u");
        }

        @Test
        void csrf() {
            TokenDecoder d = decoder();
            String with = token("{\"sub\":\"u\",\"csrf\":\"c-1\"}");
            assertThat(d.decode(with, "c-1", false).claim("csrf")).isEqualTo("c-1");
            assertThatThrownBy(() -> d.decode(with, "c-2", false)).isInstanceOf(CsrfException.class)
                    .hasMessage("CSRF double submit tokens do not match")
                    .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.UNAUTHORIZED));
            assertThatThrownBy(() -> d.decode(token("{\"sub\":\"u\"}"), "c-1", false))
                    .hasMessage("Missing claim: csrf")
                    .satisfies(e -> assertThat(((JwtException) e).kind()).isEqualTo(ErrorKind.INVALID_TOKEN));
            assertThatThrownBy(() -> d.decode(token("{\"sub\":\"u\",\"csrf\":5}"), "5", false))
                    .isInstanceOf(CsrfException.class);
        }
    }

    @Nested
    class NumericDates {
        @ParameterizedTest
        @ValueSource(strings = {"\"1893456000\"", "\"soon\"", "true", "false", "null", "[]", "{}", "[1893456000]",
                "1e400", "-1e400", "1e300", "-1e300", "9223372036854775808", "-9223372036854775809", "253402300800",
                "1e19", "99999999999999999999"})
        void nonNumbersAndOutOfRangeNumbersAreRefused(String v) {
            invalid(token("{\"sub\":\"u\",\"exp\":" + v + "}"), "Expiration Time claim (exp) must be an integer.");
            invalid(token("{\"sub\":\"u\",\"nbf\":" + v + "}"), "Not Before claim (nbf) must be an integer.");
            invalid(token("{\"sub\":\"u\",\"iat\":" + v + "}"), "Issued At claim (iat) must be an integer.");
        }

        @Test
        void fractionsAreAccepted() {
            Jwt jwt = decoder().decode(token("{\"sub\":\"u\",\"exp\":" + (NOW_S + 100) + ".5,\"iat\":" + (NOW_S - 1) + ".25}"));
            assertThat(jwt.expiresAt().getEpochSecond()).isEqualTo(NOW_S + 100);
            assertThat(jwt.expiresAt().getNano()).isEqualTo(500_000_000);
            assertThat(decoder().decode(token("{\"sub\":\"u\",\"exp\":" + NOW_S + ".5}")).identity()).isEqualTo("u");
            refused(token("{\"sub\":\"u\",\"exp\":" + (NOW_S - 1) + ".5}"), "Token has expired");
        }

        @Test
        void negativeExpIsExpired() {
            refused(token("{\"sub\":\"u\",\"exp\":-1}"), "Token has expired");
        }

        @ParameterizedTest
        @CsvSource({
                // leeway, exp offset, expired?
                "0, 0, true", "0, 1, false", "0, -1, true",
                "60, -60, true", "60, -59, false", "60, 0, false"})
        void expBoundary(int leeway, int offset, boolean expired) {
            TokenDecoder d = decoder(b -> b.decode(x -> x.withLeeway(Duration.ofSeconds(leeway))));
            String t = token("{\"sub\":\"u\",\"exp\":" + (NOW_S + offset) + "}");
            if (expired) {
                JwtException e = refused(d, t, "Token has expired");
                assertThat(e).isInstanceOf(ExpiredTokenException.class);
                assertThat(e.kind()).isEqualTo(ErrorKind.EXPIRED_TOKEN);
                assertThat(e.claims()).containsEntry("sub", "u").containsEntry("type", "access");
                assertThat(d.decode(t, null, true).identity()).isEqualTo("u");
            } else {
                assertThat(d.decode(t).identity()).isEqualTo("u");
            }
        }

        @ParameterizedTest
        @CsvSource({"0, 0, false", "0, 1, true", "60, 60, false", "60, 61, true", "0, -1000, false"})
        void nbfAndIatBoundaries(int leeway, int offset, boolean refused) {
            TokenDecoder d = decoder(b -> b.decode(x -> x.withLeeway(Duration.ofSeconds(leeway))));
            String nbf = token("{\"sub\":\"u\",\"nbf\":" + (NOW_S + offset) + "}");
            String iat = token("{\"sub\":\"u\",\"iat\":" + (NOW_S + offset) + "}");
            if (refused) {
                refused(d, nbf, "The token is not yet valid (nbf)");
                refused(d, iat, "The token is not yet valid (iat)");
                assertThatThrownBy(() -> d.decode(nbf, null, true)).isInstanceOf(JwtException.class);
            } else {
                assertThat(d.decode(nbf).identity()).isEqualTo("u");
                assertThat(d.decode(iat).identity()).isEqualTo("u");
            }
        }

        @Test
        void timeChecksComeInPyJwtOrder() {
            // iat before nbf before exp; all three fail here.
            String t = token("{\"sub\":\"u\",\"iat\":" + (NOW_S + 10) + ",\"nbf\":" + (NOW_S + 10) + ",\"exp\":" + (NOW_S - 10) + "}");
            refused(t, "The token is not yet valid (iat)");
            refused(token("{\"sub\":\"u\",\"nbf\":" + (NOW_S + 10) + ",\"exp\":" + (NOW_S - 10) + "}"), "The token is not yet valid (nbf)");
            // expired beats a wrong issuer, a non-string sub and a missing identity
            refused(decoder(b -> b.decode(x -> x.withIssuer("i"))), token("{\"sub\":5,\"exp\":" + (NOW_S - 10) + "}"), "Token has expired");
        }

        @Test
        void aMalformedDateIsReportedAfterTheChecksOfTheDatesBeforeIt() {
            refused(token("{\"sub\":\"u\",\"iat\":" + (NOW_S + 10) + ",\"nbf\":\"x\"}"), "The token is not yet valid (iat)");
            refused(token("{\"sub\":\"u\",\"iat\":" + (NOW_S + 10) + ",\"exp\":\"x\"}"), "The token is not yet valid (iat)");
            refused(token("{\"sub\":\"u\",\"nbf\":" + (NOW_S + 10) + ",\"exp\":\"x\"}"), "The token is not yet valid (nbf)");
            refused(token("{\"sub\":\"u\",\"iat\":\"x\",\"nbf\":" + (NOW_S + 10) + "}"), "Issued At claim (iat) must be an integer.");
            refused(token("{\"sub\":\"u\",\"nbf\":\"x\",\"exp\":" + (NOW_S - 10) + "}"), "Not Before claim (nbf) must be an integer.");
        }
    }

    /** Each refusal of a token says which part failed and which header member or claim, for a catcher that tells them apart. */
    @Nested
    class Reasons {
        private void refusedFor(TokenDecoder d, String token, String csrf, String message, Reason reason, String member) {
            assertThatThrownBy(() -> d.decode(token, csrf, false)).as(message).hasMessage(message)
                    .isInstanceOfSatisfying(InvalidTokenException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_TOKEN);
                        assertThat(e.reason()).as("reason of " + message).isEqualTo(reason);
                        assertThat(e.member()).as("member of " + message).isEqualTo(member);
                        assertThat(e.header()).as("a refused token carries nothing").isEmpty();
                        assertThat(e.claims()).isEmpty();
                    });
        }

        private void refusedFor(String token, String message, Reason reason, String member) {
            refusedFor(decoder(), token, null, message, reason, member);
        }

        @Test
        void structureAndHeader() {
            refusedFor("abc", "Not enough segments", Reason.MALFORMED, null);
            refusedFor(Forge.sign("HS256", KEY, "not json", "{\"sub\":\"u\"}"), "Invalid header string: not valid JSON",
                    Reason.MALFORMED, null);
            refusedFor(token("[1]"), "Invalid payload string: must be a json object", Reason.MALFORMED, null);
            refusedFor(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"kid\":5}", "{\"sub\":\"u\"}"),
                    "Key ID header parameter must be a string", Reason.MALFORMED, "kid");
            refusedFor(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}", "{\"sub\":\"u\"}"),
                    "Unsupported critical header parameter", Reason.MALFORMED, "crit");
            refusedFor(Forge.sign("HS256", KEY, "{\"alg\":\"HS256\",\"b64\":false}", "{\"sub\":\"u\"}"),
                    "Invalid header string: b64 is not allowed", Reason.MALFORMED, "b64");
            refusedFor(Forge.sign("HS256", KEY, "{\"typ\":\"JWT\"}", "{\"sub\":\"u\"}"), "Algorithm not specified",
                    Reason.ALGORITHM, "alg");
            refusedFor(Forge.sign("HS256", KEY, "{\"alg\":\"none\"}", "{\"sub\":\"u\"}"), "The specified alg value is not allowed",
                    Reason.ALGORITHM, "alg");
            refusedFor(Forge.hs256(bytes(OTHER_SECRET_64), "{\"sub\":\"u\"}"), "Signature verification failed",
                    Reason.SIGNATURE, null);
        }

        @Test
        void claims() {
            refusedFor(token("{\"sub\":\"u\",\"iat\":" + (NOW_S + 10) + "}"), "The token is not yet valid (iat)", Reason.CLAIM, "iat");
            refusedFor(token("{\"sub\":\"u\",\"nbf\":" + (NOW_S + 10) + "}"), "The token is not yet valid (nbf)", Reason.CLAIM, "nbf");
            refusedFor(token("{\"sub\":\"u\",\"exp\":\"soon\"}"), "Expiration Time claim (exp) must be an integer.",
                    Reason.CLAIM, "exp");
            refusedFor(token("{\"sub\":5}"), "Subject must be a string", Reason.CLAIM, "sub");
            refusedFor(token("{\"sub\":\"u\",\"jti\":5}"), "JWT ID must be a string", Reason.CLAIM, "jti");
            refusedFor(decoder(b -> b.claims(c -> c.withIdentity("identity"))), token("{\"sub\":\"u\"}"), null, "Missing claim: identity",
                    Reason.CLAIM, "identity");
            refusedFor(decoder(b -> b.claims(c -> c.withRequireType(true))), token("{\"sub\":\"u\"}"), null, "Missing claim: type", Reason.CLAIM, "type");
            refusedFor(decoder(), token("{\"sub\":\"u\"}"), "c-1", "Missing claim: csrf", Reason.CLAIM, "csrf");
            TokenDecoder issuer = decoder(b -> b.decode(d -> d.withIssuer("iss1")));
            refusedFor(issuer, token("{\"sub\":\"u\"}"), null, "Token is missing the \"iss\" claim", Reason.CLAIM, "iss");
            refusedFor(issuer, token("{\"sub\":\"u\",\"iss\":\"other\"}"), null, "Invalid issuer", Reason.CLAIM, "iss");
            TokenDecoder audience = decoder(b -> b.decode(d -> d.withAudience("a1")));
            refusedFor(audience, token("{\"sub\":\"u\"}"), null, "Token is missing the \"aud\" claim", Reason.CLAIM, "aud");
            refusedFor(audience, token("{\"sub\":\"u\",\"aud\":5}"), null, "Invalid claim format in token", Reason.CLAIM, "aud");
            refusedFor(audience, token("{\"sub\":\"u\",\"aud\":\"a2\"}"), null, "Audience doesn't match", Reason.CLAIM, "aud");
        }
    }
}
