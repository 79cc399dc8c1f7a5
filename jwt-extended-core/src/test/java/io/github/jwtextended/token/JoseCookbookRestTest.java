package io.github.jwtextended.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.TestVectors;
import io.github.jwtextended.key.JwsAlgorithm;
import io.github.jwtextended.key.JwtKey;
import io.github.jwtextended.key.StaticKeyResolver;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The RFC 7520 / RFC 7797 / RFC 8037 cookbook files not covered by {@link WycheproofJwsTest} and
 * {@code key.WycheproofAsymmetricTest}, each at its layer: the JWKs of RFC 7520 §3 are read (the
 * encryption key refused for signatures, J5), every JWE output of RFC 7520 §5 and RFC 8037 is refused
 * by the JWS verifier with the key it was made for or ours (only compact JWS is read, nothing is ever
 * decrypted: A5, A6), the unencoded-payload JWS of RFC 7797 is refused (D2), and of the nested
 * example of RFC 7520 §6 the inner JWS verifies with its key while the outer JWE is refused. The last tests check that every
 * vector file in {@code testvectors/} is run by a named test class and is the upstream copy.
 */
class JoseCookbookRestTest {
    private static final String C = "testvectors/jose-cookbook/";
    private static final byte[] OUR_SECRET = "fake-test-secret-0123456789abcdef-fake-test-secret-0123456789abc"
            .getBytes(StandardCharsets.UTF_8);

    private static TokenDecoder hs256() {
        JwtConfig config = JwtConfig.builder().keys(k -> k.withSecret(OUR_SECRET)).build();
        return new TokenDecoder(config, StaticKeyResolver.of(JwtKey.hmac(JwsAlgorithm.HS256, OUR_SECRET, null)), fixedClock());
    }

    private static TokenDecoder decoderFor(JwtKey key) {
        JwtConfig config = key.algorithm().isSymmetric()
                ? JwtConfig.builder().keys(k -> k.withAlgorithm(key.algorithm()).withSecret(new byte[64])).build()
                : JwtConfig.builder().keys(k -> k.withAlgorithm(key.algorithm())).build();
        return new TokenDecoder(config, StaticKeyResolver.of(key), fixedClock());
    }

    @Test
    void rfc7520Section3Keys() {
        JwtKey ecPublic = JwtKey.fromJwk(TestVectors.text(TestVectors.json(C + "jwk/3_1.ec_public_key.json")), JwsAlgorithm.ES512);
        JwtKey ecPrivate = JwtKey.fromJwk(TestVectors.text(TestVectors.json(C + "jwk/3_2.ec_private_key.json")), JwsAlgorithm.ES512);
        assertThat(ecPublic.canSign()).isFalse();
        assertThat(ecPrivate.canSign()).isTrue();
        byte[] input = "eyJhbGciOiJFUzUxMiJ9.eyJ4IjoxfQ".getBytes(StandardCharsets.US_ASCII);
        assertThat(ecPublic.verifySignature(input, ecPrivate.sign(input))).isTrue();

        JwtKey rsaPublic = JwtKey.fromJwk(TestVectors.text(TestVectors.json(C + "jwk/3_3.rsa_public_key.json")), JwsAlgorithm.RS256);
        JwtKey rsaPrivate = JwtKey.fromJwk(TestVectors.text(TestVectors.json(C + "jwk/3_4.rsa_private_key.json")), JwsAlgorithm.RS256);
        assertThat(rsaPublic.canSign()).isFalse();
        assertThat(rsaPublic.verifySignature(input, rsaPrivate.sign(input))).isTrue();
        // §3.4's key signs §4.1's example byte for byte (RSASSA-PKCS1-v1_5 is deterministic).
        JsonNode ex = TestVectors.json(C + "jws/4_1.rsa_v15_signature.json");
        String compact = ex.path("output").path("compact").asText();
        assertThat(decoderFor(rsaPublic).verifyJws(compact)).isNotEmpty();

        // §3.5: an HS256 MAC key with use "sig"; it makes §4.4's MAC.
        JwtKey mac = JwtKey.fromJwk(TestVectors.text(TestVectors.json(C + "jwk/3_5.symmetric_key_mac_computation.json")));
        assertThat(mac.algorithm()).isEqualTo(JwsAlgorithm.HS256);
        String hmacCompact = TestVectors.json(C + "jws/4_4.hmac-sha2_integrity_protection.json").path("output").path("compact").asText();
        assertThat(decoderFor(mac).verifyJws(hmacCompact)).isNotEmpty();

        // §3.6: a key for encryption (use "enc", alg A256GCM) is never a signature key (J5).
        String encKey = TestVectors.text(TestVectors.json(C + "jwk/3_6.symmetric_key_encryption.json"));
        assertThatThrownBy(() -> JwtKey.fromJwk(encKey)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JwtKey.fromJwk(encKey, JwsAlgorithm.HS256)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Every output (compact and JSON) of every JWE example: refused, never decrypted. */
    @Test
    void everyJweExampleIsRefused() {
        List<String> files = new ArrayList<>();
        for (String f : TestVectors.files()) {
            if (f.startsWith(C + "jwe/") && f.endsWith(".json")) {
                files.add(f.substring(C.length()));
            }
        }
        files.add("curve25519/ecdh-es.json");
        assertThat(files).hasSize(14);
        int refused = 0;
        for (String f : files) {
            JsonNode root = TestVectors.json(C + f);
            List<String> outputs = new ArrayList<>();
            root.path("output").fields().forEachRemaining(e -> outputs.add(TestVectors.text(e.getValue())));
            assertThat(outputs).as(f).isNotEmpty();
            for (String out : outputs) {
                assertThatThrownBy(() -> hs256().verifyJws(out)).as(f).isInstanceOf(JwtException.class);
                assertThatThrownBy(() -> hs256().decode(out)).as(f).isInstanceOf(JwtException.class);
                refused++;
            }
        }
        System.out.println("RFC 7520 §5 / RFC 8037 JWE outputs refused by the JWS verifier: " + refused);
    }

    /** RFC 7797: b64=false with crit ["b64"]; the compact form verifies under RFC 7797's rules, never under ours. */
    @Test
    void unencodedPayloadIsRefused() {
        for (String f : List.of("rfc7797/hmac-sha2_b64_false.json", "rfc7797/4.2.hmac-sha2_b64_false.json")) {
            JsonNode root = TestVectors.json(C + f);
            JwtKey key = JwtKey.fromJwk(TestVectors.text(root.path("input").path("key")), JwsAlgorithm.HS256);
            TokenDecoder d = decoderFor(key);
            root.path("output").fields().forEachRemaining(e -> {
                String out = TestVectors.text(e.getValue());
                assertThatThrownBy(() -> d.verifyJws(out)).as(f + " " + e.getKey()).isInstanceOf(JwtException.class);
            });
            // Even with the payload encoded as RFC 7515 wants, the crit b64 header makes it invalid here.
            String protectedB64 = io.github.jwtextended.fixtures.Forge.b64(TestVectors.text(root.path("signing").path("protected")));
            String attached = protectedB64 + "." + io.github.jwtextended.fixtures.Forge.b64(root.path("input").path("payload").asText());
            String signed = attached + "." + io.github.jwtextended.fixtures.Forge.b64(key.sign(attached.getBytes(StandardCharsets.US_ASCII)));
            assertThatThrownBy(() -> d.verifyJws(signed)).as(f).isInstanceOf(JwtException.class)
                    .hasMessage("Unsupported critical header parameter");
        }
    }

    /** RFC 7520 §6: the inner JWS (a JWT) verifies with its RSA key; the outer JWE is refused. */
    @Test
    void nestedExample() {
        JsonNode root = TestVectors.json(C + "6.nesting_signatures_and_encryption.json");
        JsonNode sign = root.path("sign");
        JwsAlgorithm alg = JwsAlgorithm.fromName(sign.path("input").path("alg").asText());
        JwtKey key = JwtKey.fromJwk(TestVectors.text(sign.path("input").path("key")), alg);
        String inner = sign.path("output").path("compact").asText();
        assertThat(new String(decoderFor(key.publicOnly()).verifyJws(inner), StandardCharsets.UTF_8)).contains("\"iss\"");
        root.path("encrypt").path("output").fields().forEachRemaining(e -> {
            String out = TestVectors.text(e.getValue());
            assertThatThrownBy(() -> decoderFor(key.publicOnly()).verifyJws(out)).as(e.getKey()).isInstanceOf(JwtException.class);
            assertThatThrownBy(() -> hs256().decode(out)).as(e.getKey()).isInstanceOf(JwtException.class);
        });
    }

    /** Where each vector file of {@code testvectors/} is run (a file added to the manifest fails {@link #everyVectorFileIsRun} until it is placed here). */
    static final Map<String, String> WHERE = new TreeMap<>(Map.ofEntries(
            Map.entry("wycheproof/testvectors_v1/json_web_signature_test.json", "token.WycheproofJwsTest, key.WycheproofAsymmetricTest, javalin.WycheproofOverHttpTest, example.CatalogueOverHttpTest"),
            Map.entry("wycheproof/testvectors_v1/json_web_crypto_test.json", "token.WycheproofJwsTest, key.WycheproofAsymmetricTest, javalin.WycheproofOverHttpTest, example.CatalogueOverHttpTest"),
            Map.entry("wycheproof/testvectors_v1/json_web_encryption_test.json", "token.WycheproofJwsTest, javalin.WycheproofOverHttpTest, example.CatalogueOverHttpTest"),
            Map.entry("wycheproof/testvectors_v1/json_web_key_test.json", "key.WycheproofAsymmetricTest"),
            Map.entry("wycheproof/testvectors_v1/ecdsa_secp256r1_sha256_p1363_test.json", "key.WycheproofAsymmetricTest"),
            Map.entry("wycheproof/testvectors_v1/ecdsa_secp384r1_sha384_p1363_test.json", "key.WycheproofAsymmetricTest"),
            Map.entry("wycheproof/testvectors_v1/ecdsa_secp521r1_sha512_p1363_test.json", "key.WycheproofAsymmetricTest"),
            Map.entry("wycheproof/testvectors_v1/hmac_sha256_test.json", "key.WycheproofHmacTest"),
            Map.entry("wycheproof/testvectors_v1/hmac_sha384_test.json", "key.WycheproofHmacTest"),
            Map.entry("wycheproof/testvectors_v1/hmac_sha512_test.json", "key.WycheproofHmacTest"),
            Map.entry("jose-cookbook/jws/4_1.rsa_v15_signature.json", "key.WycheproofAsymmetricTest"),
            Map.entry("jose-cookbook/jws/4_2.rsa-pss_signature.json", "key.WycheproofAsymmetricTest"),
            Map.entry("jose-cookbook/jws/4_3.ecdsa_signature.json", "key.WycheproofAsymmetricTest"),
            Map.entry("jose-cookbook/jws/4_4.hmac-sha2_integrity_protection.json", "token.WycheproofJwsTest"),
            Map.entry("jose-cookbook/jws/4_5.signature_with_detached_content.json", "token.WycheproofJwsTest"),
            Map.entry("jose-cookbook/jws/4_6.protecting_specific_header_fields.json", "token.WycheproofJwsTest"),
            Map.entry("jose-cookbook/jws/4_7.protecting_content_only.json", "token.WycheproofJwsTest"),
            Map.entry("jose-cookbook/jws/4_8.multiple_signatures.json", "key.WycheproofAsymmetricTest"),
            Map.entry("jose-cookbook/curve25519/jws.json", "key.WycheproofAsymmetricTest"),
            Map.entry("jose-cookbook/curve25519/ecdh-es.json", "token.JoseCookbookRestTest"),
            Map.entry("jose-cookbook/rfc7797/hmac-sha2_b64_false.json", "token.JoseCookbookRestTest"),
            Map.entry("jose-cookbook/rfc7797/4.2.hmac-sha2_b64_false.json", "token.JoseCookbookRestTest"),
            Map.entry("jose-cookbook/6.nesting_signatures_and_encryption.json", "token.JoseCookbookRestTest")));

    /**
     * Every JSON file of the manifest ({@code testvectors/SHA256SUMS}, which any file a test reads must
     * be in) is run by a named test class, and every file named here is in the manifest and intact.
     */
    @Test
    void everyVectorFileIsRun() {
        List<String> unplaced = new ArrayList<>();
        for (String name : TestVectors.files()) {
            String f = name.substring(TestVectors.ROOT.length());
            boolean placed = WHERE.containsKey(f) || f.startsWith("jose-cookbook/jwe/") || f.startsWith("jose-cookbook/jwk/");
            if (f.endsWith(".json") && !placed) {
                unplaced.add(f);
            }
        }
        assertThat(unplaced).as("test-vector files no test runs (jwe/ and jwk/ run here)").isEmpty();
        for (String f : WHERE.keySet()) {
            assertThat(TestVectors.bytes(TestVectors.ROOT + f)).as(f).isNotEmpty();
        }
    }

    /** The copies are the upstream bytes, licences included (SHA-256 as recorded when they were copied). */
    @Test
    void everyListedFileIsPresentAndIntact() {
        assertThat(TestVectors.files()).contains(TestVectors.ROOT + "wycheproof/LICENSE", TestVectors.ROOT + "jose-cookbook/LICENSE");
        for (String name : TestVectors.files()) {
            assertThat(TestVectors.bytes(name)).as(name).isNotEmpty();
        }
    }

    /** A file outside the manifest, or absent, fails the test that reads it instead of being skipped. */
    @Test
    void anUnlistedOrMissingFileFailsLoudly() {
        assertThatThrownBy(() -> TestVectors.json(TestVectors.ROOT + "wycheproof/testvectors_v1/no_such_test.json"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not listed in testvectors/SHA256SUMS");
        assertThatThrownBy(() -> TestVectors.bytes(TestVectors.ROOT + "README.md"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("not listed");
    }
}
