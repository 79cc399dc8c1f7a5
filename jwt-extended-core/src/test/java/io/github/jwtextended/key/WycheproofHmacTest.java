package io.github.jwtextended.key;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.fixtures.TestVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Wycheproof's raw HMAC vectors ({@code hmac_sha256/384/512_test.json}) at the layer they belong
 * to, the MAC of {@link JwtKey}: with a key of the JWS minimum length (RFC 7518 §3.2) and a tag of the
 * full hash length, a {@code valid} vector verifies and our MAC is byte-identical, an {@code invalid}
 * one does not verify. A shorter key is refused when the key is made (J1); a truncated tag
 * never verifies, whatever its label (a JWS MAC is the whole hash output, C10).
 */
class WycheproofHmacTest {
    private static final String V = "testvectors/wycheproof/testvectors_v1/";

    @ParameterizedTest
    @CsvSource({"hmac_sha256_test.json, HS256, 174", "hmac_sha384_test.json, HS384, 174", "hmac_sha512_test.json, HS512, 174"})
    void rawMacVectors(String file, JwsAlgorithm alg, int expectedCases) {
        JsonNode root = TestVectors.json(V + file);
        HexFormat hex = HexFormat.of();
        int cases = 0;
        int verified = 0;
        int refusedInvalid = 0;
        int refusedTruncated = 0;
        int refusedShortKey = 0;
        for (JsonNode group : root.path("testGroups")) {
            for (JsonNode t : group.path("tests")) {
                cases++;
                byte[] key = hex.parseHex(t.path("key").asText());
                byte[] msg = hex.parseHex(t.path("msg").asText());
                byte[] tag = hex.parseHex(t.path("tag").asText());
                String result = t.path("result").asText();
                String id = file + " tcId " + t.path("tcId").asInt() + " (" + result + ", key " + key.length + " B, tag "
                        + tag.length + " B)";
                if (key.length < alg.minKeyBytes()) {
                    assertThatThrownBy(() -> JwtKey.hmac(alg, key, null)).as(id).isInstanceOf(IllegalArgumentException.class);
                    refusedShortKey++;
                    continue;
                }
                JwtKey k = JwtKey.hmac(alg, key, null);
                int full = k.sign(new byte[0]).length;
                if (tag.length != full) {
                    assertThat(k.verifySignature(msg, tag)).as(id).isFalse();
                    refusedTruncated++;
                } else if (result.equals("valid")) {
                    assertThat(k.verifySignature(msg, tag)).as(id).isTrue();
                    assertThat(k.sign(msg)).as(id).isEqualTo(tag);
                    verified++;
                } else {
                    assertThat(result).as(id).isEqualTo("invalid");
                    assertThat(k.verifySignature(msg, tag)).as(id).isFalse();
                    refusedInvalid++;
                }
            }
        }
        assertThat(cases).isEqualTo(expectedCases);
        assertThat(verified).as("valid full-length vectors verified").isPositive();
        assertThat(refusedInvalid).as("invalid full-length vectors refused").isPositive();
        System.out.printf("%s: %d cases; %d valid verified, %d invalid refused, %d truncated tags refused, %d short keys refused%n",
                file, cases, verified, refusedInvalid, refusedTruncated, refusedShortKey);
    }
}
