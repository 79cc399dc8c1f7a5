package io.github.jwtextended.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.TestVectors;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.StaticKeyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Project Wycheproof's JSON Web Signature vectors and the RFC 7520 HMAC examples, at the JWS
 * layer ({@link TokenDecoder#verifyJws}): strict compact structure, strict base64url, the
 * algorithm allow-list and the signature. The payloads are not JWT claims sets, so claims are not
 * read. See {@code testvectors/README.md}: tcId 372 and 373 are labelled valid but carry a
 * {@code ?} inside a segment; a strict parser rejects them and so must we.
 *
 * <p>A further label quirk (also in that README): tcId 367 ({@code invalidBase64Padding}) and 370
 * ({@code invalidBase64PaddingInPayload}) are labelled invalid, but their strings are byte for byte
 * the valid tcId 357 (the padding was lost when the file was converted to schema v1; Google's own
 * harness lists both as suppressed). A correct verifier accepts that string; the test proves the
 * identity and checks the padded forms the vectors meant, built here, instead.
 */
class WycheproofJwsTest {
    private static final String JWS_FILE = "testvectors/wycheproof/testvectors_v1/json_web_signature_test.json";
    private static final String CRYPTO_FILE = "testvectors/wycheproof/testvectors_v1/json_web_crypto_test.json";
    private static final String JWE_FILE = "testvectors/wycheproof/testvectors_v1/json_web_encryption_test.json";
    private static final String COOKBOOK = "testvectors/jose-cookbook/jws/";
    /** Labelled valid, rejected by a strict RFC 7515 parser (testvectors/README.md, "Known label quirks"). */
    private static final Set<Integer> LABEL_QUIRKS = Set.of(372, 373);
    /** Labelled invalid, but byte-identical to the valid tcId 357 (see the class comment). */
    private static final Set<Integer> SAME_AS_357 = Set.of(367, 370);

    private static final AtomicInteger RUN = new AtomicInteger();
    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger FOREIGN_REJECTED = new AtomicInteger();

    @AfterAll
    static void report() {
        System.out.printf("Wycheproof HMAC JWS vectors: run=%d accepted=%d rejected=%d; non-HMAC/JWE strings rejected=%d%n",
                RUN.get(), ACCEPTED.get(), REJECTED.get(), FOREIGN_REJECTED.get());
    }

    private static TokenDecoder verifierFor(JsonNode jwk) {
        assertThat(jwk.path("kty").asText()).isEqualTo("oct");
        JwsAlgorithm alg = JwsAlgorithm.fromName(jwk.path("alg").asText());
        assertThat(alg).as("algorithm of the group's key").isNotNull();
        byte[] secret = Base64.getUrlDecoder().decode(jwk.path("k").asText());
        String kid = jwk.hasNonNull("kid") ? jwk.get("kid").asText() : null;
        JwtConfig config = JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withSecret(secret)).build();
        return new TokenDecoder(config, StaticKeyResolver.of(JwtKey.hmac(alg, secret, kid)), fixedClock());
    }

    /** HS256 verifier bound to the first HMAC group's key: every foreign (RS/PS/ES/JWE) string must fail against it. */
    private static TokenDecoder hs256Verifier() {
        JsonNode root = TestVectors.json(JWS_FILE);
        for (JsonNode g : root.path("testGroups")) {
            if ("oct".equals(g.path("private").path("kty").asText())) {
                return verifierFor(g.get("private"));
            }
        }
        throw new AssertionError("no HMAC group in " + JWS_FILE);
    }

    private static List<DynamicTest> hmacCases(String file, String field) {
        JsonNode root = TestVectors.json(file);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode group : root.path("testGroups")) {
            JsonNode key = group.path("private");
            if (!"oct".equals(key.path("kty").asText()) || !group.path("type").asText().startsWith("JsonWeb")
                    || !group.path("tests").path(0).has(field)) {
                continue;
            }
            TokenDecoder decoder = verifierFor(key);
            for (JsonNode t : group.path("tests")) {
                int tcId = t.path("tcId").asInt();
                String jws = TestVectors.text(t.get(field));
                if (file.equals(JWS_FILE) && SAME_AS_357.contains(tcId)) {
                    continue; // see paddingVectorsLostTheirPadding
                }
                boolean valid = "valid".equals(t.path("result").asText()) && !LABEL_QUIRKS.contains(tcId);
                String name = file.substring(file.lastIndexOf('/') + 1) + " tcId " + tcId + " " + t.path("comment").asText()
                        + (valid ? " (accept)" : " (reject)");
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    RUN.incrementAndGet();
                    if (valid) {
                        byte[] payload = decoder.verifyJws(jws);
                        assertThat(payload).isEqualTo(Base64.getUrlDecoder().decode(jws.split("\\.")[1]));
                        ACCEPTED.incrementAndGet();
                    } else {
                        try {
                            decoder.verifyJws(jws);
                        } catch (JwtException expected) {
                            REJECTED.incrementAndGet();
                            return;
                        }
                        fail("accepted an invalid vector: tcId " + tcId);
                    }
                }));
            }
        }
        assertThat(tests).as("HMAC cases in " + file).isNotEmpty();
        return tests;
    }

    @TestFactory
    List<DynamicTest> jsonWebSignatureHmacVectors() {
        return hmacCases(JWS_FILE, "jws");
    }

    @TestFactory
    List<DynamicTest> jsonWebCryptoHmacVectors() {
        return hmacCases(CRYPTO_FILE, "jws");
    }

    @Test
    void theExpectedNumberOfHmacVectorsExists() {
        int hmac = 0;
        int valid = 0;
        for (JsonNode g : TestVectors.json(JWS_FILE).path("testGroups")) {
            if ("oct".equals(g.path("private").path("kty").asText())) {
                for (JsonNode t : g.path("tests")) {
                    hmac++;
                    if ("valid".equals(t.path("result").asText())) valid++;
                }
            }
        }
        // 17 (hs256) + 2 (RFC 7520 Figure 35) + 21 (base64 edge cases); 10 labelled valid, 372/373 among them.
        assertThat(hmac).isEqualTo(40);
        assertThat(valid).isEqualTo(10);
    }

    @Test
    void paddingVectorsLostTheirPadding() {
        String valid357 = null;
        List<String> quirks = new ArrayList<>();
        JsonNode keyNode = null;
        for (JsonNode g : TestVectors.json(JWS_FILE).path("testGroups")) {
            for (JsonNode t : g.path("tests")) {
                int tcId = t.path("tcId").asInt();
                if (tcId == 357) {
                    valid357 = t.path("jws").asText();
                    keyNode = g.get("private");
                } else if (SAME_AS_357.contains(tcId)) {
                    quirks.add(t.path("jws").asText());
                }
            }
        }
        assertThat(quirks).hasSize(2).allMatch(valid357::equals);
        TokenDecoder decoder = verifierFor(keyNode);
        assertThat(decoder.verifyJws(valid357)).isEqualTo("Test".getBytes(StandardCharsets.US_ASCII));
        RUN.addAndGet(2);
        ACCEPTED.addAndGet(2);

        // What the vectors were meant to be: the same token with base64 padding in one segment.
        String[] parts = valid357.split("\\.");
        for (String padded : List.of(
                parts[0] + "." + parts[1] + "." + parts[2] + "=",
                parts[0] + "." + parts[1] + "==." + parts[2],
                parts[0] + "=." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + "%3D%3D." + parts[2])) {
            assertThatThrownBy(() -> decoder.verifyJws(padded)).as(padded).isInstanceOf(JwtException.class);
        }
    }

    /** A keyset of two HS256 keys: the {@code kid} selects the key; a modified MAC fails. */
    @Test
    void jsonWebCryptoKeysetVectors() {
        int seen = 0;
        for (JsonNode g : TestVectors.json(CRYPTO_FILE).path("testGroups")) {
            if (!"jws_keyset".equals(g.path("comment").asText())) {
                continue;
            }
            List<JwtKey> keys = new ArrayList<>();
            for (JsonNode k : g.path("private").path("keys")) {
                keys.add(JwtKey.hmac(JwsAlgorithm.fromName(k.path("alg").asText()),
                        Base64.getUrlDecoder().decode(k.path("k").asText()), k.path("kid").asText()));
            }
            byte[] first = Base64.getUrlDecoder().decode(g.path("private").path("keys").path(0).path("k").asText());
            TokenDecoder decoder = new TokenDecoder(JwtConfig.builder().keys(k -> k.withSecret(first)).build(),
                    StaticKeyResolver.of(keys), fixedClock());
            for (JsonNode t : g.path("tests")) {
                String jws = t.path("jws").asText();
                RUN.incrementAndGet();
                seen++;
                if ("valid".equals(t.path("result").asText())) {
                    assertThat(decoder.verifyJws(jws)).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
                    ACCEPTED.incrementAndGet();
                } else {
                    assertThatThrownBy(() -> decoder.verifyJws(jws)).isInstanceOf(JwtException.class);
                    REJECTED.incrementAndGet();
                }
            }
        }
        assertThat(seen).isEqualTo(2);
    }

    private static boolean isKeyset(JsonNode group) {
        return group.path("private").has("keys") || group.path("public").has("keys");
    }

    /**
     * Every RS/PS/ES vector, valid or not, is refused by an HS-only verifier: the algorithm is not
     * allowed. (Keyset groups are not foreign: see {@link #jsonWebCryptoKeysetVectors}; the mixed
     * HS256+ES256 keyset of tcId 47 cannot be built at all, as keys are HMAC only.)
     */
    @Test
    void everyNonHmacSignatureVectorIsRefused() {
        TokenDecoder decoder = hs256Verifier();
        int n = 0;
        for (String file : List.of(JWS_FILE, CRYPTO_FILE)) {
            for (JsonNode g : TestVectors.json(file).path("testGroups")) {
                if ("oct".equals(g.path("private").path("kty").asText()) || isKeyset(g)) {
                    continue;
                }
                for (JsonNode t : g.path("tests")) {
                    JsonNode v = t.has("jws") ? t.get("jws") : t.get("jwe");
                    String s = TestVectors.text(v);
                    assertThatThrownBy(() -> decoder.verifyJws(s)).as(file + " tcId " + t.path("tcId"))
                            .isInstanceOf(JwtException.class);
                    n++;
                }
            }
        }
        FOREIGN_REJECTED.addAndGet(n);
        assertThat(n).isGreaterThan(350);
    }

    /** A compact JWE (five segments) is never decrypted or accepted. */
    @Test
    void everyJweIsRefused() {
        TokenDecoder decoder = hs256Verifier();
        int n = 0;
        for (JsonNode g : TestVectors.json(JWE_FILE).path("testGroups")) {
            for (JsonNode t : g.path("tests")) {
                String s = TestVectors.text(t.get("jwe"));
                assertThatThrownBy(() -> decoder.verifyJws(s)).as("JWE tcId " + t.path("tcId"))
                        .isInstanceOf(JwtException.class);
                assertThatThrownBy(() -> decoder.decode(s)).isInstanceOf(JwtException.class);
                n++;
            }
        }
        FOREIGN_REJECTED.addAndGet(n);
        assertThat(n).isEqualTo(139);
    }

    /** JSON serialization (general or flattened) is not a JWT, even with a valid signature inside. */
    @Test
    void jsonSerializationFormsAreRefused() {
        int n = 0;
        for (String file : List.of(JWS_FILE, CRYPTO_FILE)) {
            for (JsonNode g : TestVectors.json(file).path("testGroups")) {
                for (JsonNode t : g.path("tests")) {
                    JsonNode v = t.has("jws") ? t.get("jws") : t.get("jwe");
                    boolean flagged = t.path("flags").toString().contains("JsonSerialization");
                    String s = TestVectors.text(v);
                    if (flagged || s.startsWith("{")) {
                        JsonNode key = g.path("private");
                        TokenDecoder decoder = "oct".equals(key.path("kty").asText())
                                && JwsAlgorithm.fromName(key.path("alg").asText()) != null
                                ? verifierFor(key) : hs256Verifier();
                        assertThatThrownBy(() -> decoder.verifyJws(s)).isInstanceOf(JwtException.class);
                        n++;
                    }
                }
            }
        }
        assertThat(n).as("JSON-serialized vectors found").isGreaterThanOrEqualTo(3);
        for (String example : List.of("4_4.hmac-sha2_integrity_protection.json", "4_5.signature_with_detached_content.json",
                "4_6.protecting_specific_header_fields.json", "4_7.protecting_content_only.json")) {
            JsonNode root = TestVectors.json(COOKBOOK + example);
            TokenDecoder decoder = verifierFor(root.path("input").path("key"));
            for (String form : List.of("json", "json_flat")) {
                String s = TestVectors.text(root.path("output").get(form));
                assertThatThrownBy(() -> decoder.verifyJws(s)).as(example + " " + form).isInstanceOf(JwtException.class);
            }
        }
    }

    @Test
    void rfc7520HmacExampleVerifiesWithItsKey() {
        JsonNode root = TestVectors.json(COOKBOOK + "4_4.hmac-sha2_integrity_protection.json");
        TokenDecoder decoder = verifierFor(root.path("input").path("key"));
        String compact = root.path("output").path("compact").asText();
        byte[] payload = decoder.verifyJws(compact);
        assertThat(new String(payload, StandardCharsets.UTF_8)).isEqualTo(root.path("input").path("payload").asText());
        assertThat(decoder.unverifiedHeader(compact)).containsEntry("alg", "HS256")
                .containsEntry("kid", "018c0ae5-4d9b-471b-bfd6-eef314bc7037");

        // The same example is not a JWT: the full decoder refuses its payload.
        assertThatThrownBy(() -> decoder.decode(compact)).isInstanceOf(JwtException.class)
                .hasMessageStartingWith("Invalid payload string");

        // One flipped signature character, and the example no longer verifies.
        char last = compact.charAt(compact.length() - 1);
        String tampered = compact.substring(0, compact.length() - 1) + (last == 'p' ? 'q' : 'p');
        assertThatThrownBy(() -> decoder.verifyJws(tampered)).isInstanceOf(JwtException.class);
    }

    @Test
    void rfc7520DetachedContentVerifiesOnlyWithThePayloadAttached() {
        JsonNode root = TestVectors.json(COOKBOOK + "4_5.signature_with_detached_content.json");
        TokenDecoder decoder = verifierFor(root.path("input").path("key"));
        String detached = root.path("output").path("compact").asText();
        assertThat(detached).contains("..");
        assertThatThrownBy(() -> decoder.verifyJws(detached)).isInstanceOf(JwtException.class)
                .hasMessage("Signature verification failed");
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(root.path("input").path("payload").asText().getBytes(StandardCharsets.UTF_8));
        String attached = detached.replace("..", "." + payload + ".");
        assertThat(new String(decoder.verifyJws(attached), StandardCharsets.UTF_8))
                .isEqualTo(root.path("input").path("payload").asText());
    }
}
