package io.github.jwtextended.key;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One key type per algorithm family: every algorithm gives its family's type, whichever way the key
 * is made; copies keep the family; a signing input read in place from a larger buffer verifies as the
 * whole array does.
 */
class KeyFamiliesTest {
    private static final byte[] INPUT = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1In0".getBytes(StandardCharsets.US_ASCII);

    private static Class<? extends JwtKey> familyType(JwsAlgorithm alg) {
        return switch (alg.family()) {
            case HMAC -> HmacKey.class;
            case RSA, RSA_PSS -> RsaKey.class;
            case ECDSA -> EcdsaKey.class;
            case EDDSA -> EdDsaKey.class;
        };
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void everyWayOfMakingAKeyGivesItsFamilysType(JwsAlgorithm alg) {
        KeyGenerator.Generated g = TestKeyPairs.of(alg);
        JwtKey key = g.key();
        assertThat(key).isExactlyInstanceOf(familyType(alg));
        assertThat(JwtKey.fromJwk(g.privateJwk())).isExactlyInstanceOf(familyType(alg));
        assertThat(key.withKeyId("other")).isExactlyInstanceOf(familyType(alg))
                .satisfies(k -> assertThat(k.keyId()).isEqualTo("other"))
                .satisfies(k -> assertThat(k.algorithm()).isEqualTo(alg))
                .satisfies(k -> assertThat(k.canSign()).isTrue());
        assertThat(key.publicOnly()).isExactlyInstanceOf(familyType(alg));
        if (alg.isAsymmetric()) {
            assertThat(JwtKey.fromJwk(g.publicJwk())).isExactlyInstanceOf(familyType(alg));
            assertThat(JwtKey.fromPem(alg, g.privatePem(), null)).isExactlyInstanceOf(familyType(alg));
            assertThat(key.publicOnly().canSign()).isFalse();
            assertThat(key.publicOnly().keyId()).isEqualTo(key.keyId());
        }
    }

    @ParameterizedTest
    @EnumSource(JwsAlgorithm.class)
    void aSignatureVerifiesInPlaceAsOnTheWholeInput(JwsAlgorithm alg) {
        JwtKey key = TestKeyPairs.of(alg).key();
        byte[] sig = key.sign(INPUT);
        JwtKey verifier = key.publicOnly();
        byte[] buffer = new byte[INPUT.length + 10];
        System.arraycopy(INPUT, 0, buffer, 3, INPUT.length);

        assertThat(verifier.verifySignature(INPUT, sig)).isTrue();
        assertThat(verifier.verifySignature(buffer, 3, INPUT.length, sig)).isTrue();
        assertThat(verifier.verifySignature(buffer, 4, INPUT.length, sig)).as("another range").isFalse();
        assertThat(verifier.verifySignature(buffer, 11, INPUT.length, sig)).as("past the end").isFalse();
        assertThat(verifier.verifySignature(buffer, -1, INPUT.length, sig)).isFalse();
        assertThat(verifier.verifySignature(null, 0, 0, sig)).isFalse();
        assertThat(verifier.verifySignature(INPUT, null)).isFalse();
        byte[] flipped = Arrays.copyOf(sig, sig.length);
        flipped[flipped.length / 2] ^= 1;
        assertThat(verifier.verifySignature(INPUT, flipped)).isFalse();
    }

    @Test
    void anHmacSecretHasNoPublicForm() {
        HmacKey key = JwtKey.hmac(JwsAlgorithm.HS256, new byte[32], "h");
        assertThat(key.publicOnly()).isSameAs(key);
        assertThat(key.publicKey()).isNull();
        assertThatThrownBy(key::publicJwk).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::publicPem).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::thumbprint).isInstanceOf(IllegalStateException.class);
        assertThat(key.withKeyId("h2").sign(INPUT)).isEqualTo(key.sign(INPUT));
    }

    @Test
    void aKeyThatOnlyVerifiesRefusesToSign() {
        AsymmetricKey key = ((AsymmetricKey) TestKeyPairs.of(JwsAlgorithm.ES256).key()).publicOnly();
        assertThatThrownBy(() -> key.sign(INPUT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::privatePem).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(key::privateJwk).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anRsaKeyTellsItsModulusSize() {
        RsaKey key = (RsaKey) TestKeyPairs.of(JwsAlgorithm.PS256).key();
        assertThat(key.modulusBits()).isEqualTo(2048);
        assertThat(key.sign(INPUT)).hasSize(256);
    }
}
