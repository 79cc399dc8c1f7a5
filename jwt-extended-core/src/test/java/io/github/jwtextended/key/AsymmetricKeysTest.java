package io.github.jwtextended.key;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.FlaskConfig;
import io.github.jwtextended.config.InvalidSettingException;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.Forge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Public-key algorithms end to end through {@link JwtManager} and configuration: every algorithm
 * signs and verifies from PEM and JWK forms; every refusal of issue item 1 happens at startup (when
 * the configuration is built, or when the manager reads the keys), with a message that names the
 * setting and quotes no key material.
 */
class AsymmetricKeysTest {
    private static JwtManager manager(JwtConfig config) {
        return JwtManager.builder(config).clock(fixedClock()).build();
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    void everyAlgorithmSignsFromPemAndVerifiesWithThePublicKeyAlone(JwsAlgorithm alg) {
        KeyGenerator.Generated g = TestKeyPairs.of(alg);
        JwtManager issuer = manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withPem(p -> p.withPrivateKey(g.privatePem())).withPem(p -> p.withPublicKey(g.publicPem())))
                .keys(k -> k.withSigningKid(g.keyId())).build());
        String token = issuer.createAccessToken("alice");
        assertThat(Forge.segment(token, 0)).isEqualTo("{\"alg\":\"" + alg + "\",\"kid\":\"" + g.keyId() + "\",\"typ\":\"JWT\"}");
        assertThat(issuer.decodeToken(token).identity()).isEqualTo("alice");
        if (alg.signatureLength() > 0) {
            assertThat(Base64.getUrlDecoder().decode(token.split("\\.")[2])).hasSize(alg.signatureLength());
        }

        JwtManager verifier = manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withPem(p -> p.withPublicKey(g.publicPem()))).build());
        assertThat(verifier.decodeToken(token).identity()).isEqualTo("alice");
        assertThatThrownBy(() -> verifier.createAccessToken("bob")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only verif");

        // The private key alone (public key derived), and the JWK forms.
        assertThat(manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withPem(p -> p.withPrivateKey(g.privatePem()))).build()).decodeToken(token).identity())
                .isEqualTo("alice");
        JwtManager fromJwks = manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withJwks(j -> j.withJson("{\"keys\":[" + g.privateJwk() + "]}"))).build());
        assertThat(fromJwks.decodeToken(fromJwks.createAccessToken("carol")).identity()).isEqualTo("carol");
        JwtManager publicJwks = manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withJwks(j -> j.withJson("{\"keys\":[" + g.publicJwk() + "]}"))).build());
        assertThat(publicJwks.decodeToken(token).identity()).isEqualTo("alice");

        // A token signed by another key of the same algorithm is refused.
        KeyGenerator.Generated other = TestKeyPairs.fresh(alg, g.keyId());
        String forged = manager(JwtConfig.builder().keys(k -> k.withAlgorithm(alg).withPem(p -> p.withPrivateKey(other.privatePem())).withSigningKid(g.keyId())).build())
                .createAccessToken("alice");
        assertThatThrownBy(() -> verifier.decodeToken(forged)).isInstanceOf(JwtException.class)
                .hasMessage("Signature verification failed");
    }

    @Test
    void generatedKeysRoundTripThroughEveryForm() {
        for (JwsAlgorithm alg : List.of(JwsAlgorithm.RS256, JwsAlgorithm.ES384, JwsAlgorithm.EdDSA)) {
            KeyGenerator.Generated g = TestKeyPairs.of(alg);
            assertThat(g.publicJwk()).doesNotContain("\"d\"").doesNotContain("\"p\"").contains("\"use\":\"sig\"")
                    .contains("\"alg\":\"" + alg + "\"").contains("\"kid\":\"" + g.keyId() + "\"");
            assertThat(g.privateJwk()).contains("\"d\"");
            assertThat(g.privatePem()).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
            assertThat(g.publicPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
            JwtKey fromPrivJwk = JwtKey.fromJwk(g.privateJwk());
            JwtKey fromPubJwk = JwtKey.fromJwk(g.publicJwk());
            JwtKey fromPem = JwtKey.fromPem(alg, g.privatePem(), g.keyId());
            assertThat(fromPubJwk.canSign()).isFalse();
            byte[] msg = "m".getBytes(StandardCharsets.US_ASCII);
            assertThat(fromPubJwk.verifySignature(msg, fromPrivJwk.sign(msg))).isTrue();
            assertThat(fromPubJwk.verifySignature(msg, fromPem.sign(msg))).isTrue();
            assertThat(fromPem.publicJwk()).isEqualTo(g.publicJwk());
        }
        KeyGenerator.Generated noKid = KeyGenerator.generate(JwsAlgorithm.ES256, null);
        assertThat(noKid.keyId()).isEqualTo(noKid.key().thumbprint()).hasSize(43);
        KeyGenerator.Generated hs = KeyGenerator.generate(JwsAlgorithm.HS512, "h");
        assertThat(Base64.getUrlDecoder().decode(hs.secretBase64Url())).hasSize(64);
        assertThat(hs.publicJwk()).isNull();
        assertThat(hs.publicPem()).isNull();
    }

    @Test
    void traditionalPemFormsAndOneLineEnvironmentValues() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair kp = rsa.generateKeyPair();
        RSAPrivateCrtKey priv = (RSAPrivateCrtKey) kp.getPrivate();
        RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
        String pkcs1Private = pem("RSA PRIVATE KEY", seq(integer(BigInteger.ZERO), integer(priv.getModulus()), integer(priv.getPublicExponent()),
                integer(priv.getPrivateExponent()), integer(priv.getPrimeP()), integer(priv.getPrimeQ()), integer(priv.getPrimeExponentP()),
                integer(priv.getPrimeExponentQ()), integer(priv.getCrtCoefficient())));
        String pkcs1Public = pem("RSA PUBLIC KEY", seq(integer(pub.getModulus()), integer(pub.getPublicExponent())));
        JwtKey a = JwtKey.fromPem(JwsAlgorithm.PS256, pkcs1Private, null);
        JwtKey b = JwtKey.fromPem(JwsAlgorithm.PS256, pkcs1Public, null);
        byte[] msg = {1, 2, 3};
        assertThat(b.verifySignature(msg, a.sign(msg))).isTrue();
        // As a one-line environment variable with literal \n.
        JwtKey c = JwtKey.fromPem(JwsAlgorithm.PS256, pkcs1Private.replace("\n", "\\n"), null);
        assertThat(b.verifySignature(msg, c.sign(msg))).isTrue();

        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ekp = ec.generateKeyPair();
        byte[] d = unsigned(((ECPrivateKey) ekp.getPrivate()).getS(), 32);
        String sec1 = pem("EC PRIVATE KEY", seq(integer(BigInteger.ONE), tlv(0x04, d),
                tlv(0xa0, tlv(0x06, KeyChecks.hex("2a8648ce3d030107")))));
        JwtKey e = JwtKey.fromPem(JwsAlgorithm.ES256, sec1, null);
        assertThat(e.publicKey()).isEqualTo(ekp.getPublic()); // the public point was computed from d
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES384, sec1, null)).hasMessageContaining("P-384");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.RS256, sec1, null)).hasMessageContaining("RSA");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES256, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----", null))
                .hasMessageContaining("encrypted");
    }

    /**
     * A certificate stands for its public key, beside the private key in the same text; a text with
     * two public or two private keys, an unreadable certificate, or a block of the wrong family is
     * refused with a message that quotes none of it.
     */
    @Test
    void certificatesAndPemTextsHoldingTooMuchOrTheWrongKind(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("cert.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        String cert = pem("CERTIFICATE", ks.getCertificate("k").getEncoded());
        String priv = Pem.write("PRIVATE KEY", ks.getKey("k", "changeit".toCharArray()).getEncoded());

        JwtKey both = JwtKey.fromPem(JwsAlgorithm.ES256, cert + priv, null);
        assertThat(both.canSign()).isTrue();
        assertThat(both.publicKey()).isEqualTo(ks.getCertificate("k").getPublicKey());
        assertThat(JwtKey.fromPem(JwsAlgorithm.ES256, cert, null).canSign()).isFalse();

        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES256, cert + cert, null))
                .hasMessage("the PEM text holds more than one public key");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES256, priv + cert + priv, null))
                .hasMessage("the PEM text holds more than one private key");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES256, pem("CERTIFICATE", new byte[]{0x30, 0x03, 1, 2, 3}), null))
                .hasMessage("the PEM certificate cannot be read");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES384, cert, null)).hasMessageContaining("P-384");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.ES256, pem("RSA PUBLIC KEY", seq(integer(BigInteger.TEN), integer(BigInteger.TWO))), null))
                .hasMessageStartingWith("ES256 needs an EC P-256 key; the PEM does not hold one");
        assertThatThrownBy(() -> JwtKey.fromPem(JwsAlgorithm.RS256, pem("RSA PRIVATE KEY", seq(integer(BigInteger.ONE))), null))
                .hasMessageStartingWith("RS256 needs an RSA key; the PEM does not hold one");
    }

    @Test
    void weakAndMismatchedKeysAreRefusedAtStartup() throws Exception {
        KeyPairGenerator small = KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        KeyPair weak = small.generateKeyPair();
        String weakPem = Pem.write("PRIVATE KEY", weak.getPrivate().getEncoded());
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withPem(p -> p.withPrivateKey(weakPem))), "1024 bits", "2048");

        // An EC key on P-384 for ES256; an EdDSA key for ES256; an RSA key for EdDSA.
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withPem(p -> p.withPrivateKey(TestKeyPairs.of(JwsAlgorithm.ES384).privatePem()))), "P-256");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withPem(p -> p.withPublicKey(TestKeyPairs.of(JwsAlgorithm.EdDSA).publicPem()))), "ES256");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.EdDSA).withPem(p -> p.withPublicKey(TestKeyPairs.of(JwsAlgorithm.RS256).publicPem()))), "Ed25519");
        // A private key and a public key that are not a pair.
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withPem(p -> p.withPrivateKey(TestKeyPairs.of(JwsAlgorithm.ES256).privatePem())))
                .keys(k -> k.withPem(p -> p.withPublicKey(TestKeyPairs.fresh(JwsAlgorithm.ES256, "x").publicPem()))), "does not belong");
        // A JWK marked for encryption, or whose key_ops do not include verify.
        String jwk = TestKeyPairs.of(JwsAlgorithm.ES256).publicJwk();
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + jwk.replace("\"use\":\"sig\"", "\"use\":\"enc\"") + "]}"))), "use");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + jwk.replace("\"use\":\"sig\"", "\"key_ops\":[\"encrypt\"]") + "]}"))), "key_ops");
        // An EC point moved off the curve.
        Map<String, Object> m = JwtKey.fromJwk(jwk).publicJwkMap();
        byte[] y = Base64.getUrlDecoder().decode((String) m.get("y"));
        y[31] ^= 1;
        String offCurve = jwk.replace((String) m.get("y"), Base64.getUrlEncoder().withoutPadding().encodeToString(y));
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + offCurve + "]}"))), "keys.jwks.json/keys.jwks.file: ");
        // Mixed symmetric and asymmetric: in the allow-list, and in a key set.
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)).decode(d -> d.withAlgorithms(JwsAlgorithm.RS256, JwsAlgorithm.HS256)).keys(k -> k.withSecret(new byte[64]))
                .keys(k -> k.withPem(p -> p.withPublicKey(TestKeyPairs.of(JwsAlgorithm.RS256).publicPem()))), "cannot mix");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + jwk
                + ",{\"kty\":\"oct\",\"alg\":\"HS256\",\"kid\":\"h\",\"k\":\"" + "A".repeat(43) + "\"}]}"))), "cannot mix");
        // Duplicate kids.
        String other = TestKeyPairs.fresh(JwsAlgorithm.ES256, "ES256-1").publicJwk();
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + jwk + "," + other + "]}"))), "duplicate");
        // A key bound to an algorithm that is not allowed; an allowed algorithm without a key.
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson("{\"keys\":[" + jwk + "," + TestKeyPairs.of(JwsAlgorithm.ES384).publicJwk() + "]}"))), "ES384");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256)).decode(d -> d.withAlgorithms(JwsAlgorithm.ES256, JwsAlgorithm.PS256))
                .keys(k -> k.withJwks(j -> j.withJson("{\"keys\":[" + jwk + "]}"))), "PS256");
        // Two private keys and no JWT_SIGNING_KID; a JWT_SIGNING_KID naming no key; a signing key of another algorithm.
        String twoPrivate = "{\"keys\":[" + TestKeyPairs.of(JwsAlgorithm.ES256).privateJwk() + ","
                + TestKeyPairs.fresh(JwsAlgorithm.ES256, "ES256-2").privateJwk() + "]}";
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson(twoPrivate))), "Several configured keys can sign: set keys.signingKid");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson(twoPrivate)).withSigningKid("nope")), "keys.signingKid names no configured private key");
        assertThat(manager(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withJwks(j -> j.withJson(twoPrivate))
                .withSigningKid("ES256-2")).build()).keyResolver().signingKey().keyId()).isEqualTo("ES256-2");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES384)).decode(d -> d.withAlgorithms(JwsAlgorithm.ES256, JwsAlgorithm.ES384))
                .keys(k -> k.withJwks(j -> j.withJson("{\"keys\":[" + TestKeyPairs.of(JwsAlgorithm.ES256).privateJwk() + "," + TestKeyPairs.of(JwsAlgorithm.ES384).publicJwk() + "]}"))),
                "The signing key is bound to ES256 but keys.algorithm is ES384");
        // PEM keys with an HMAC algorithm; no key at all for a public-key algorithm (refused when the manager is built).
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.HS256).withSecret(new byte[32]).withPem(p -> p.withPublicKey(TestKeyPairs.of(JwsAlgorithm.RS256).publicPem()))), "public-key");
        assertThatThrownBy(() -> JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256)).build()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs keys");
        // JWKS URL: https only (http on loopback), and not with local keys.
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(java.net.URI.create("http://issuer.example/jwks.json")))), "https");
        refused(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.RS256).withRemote(r -> r.withUrl(java.net.URI.create("https://issuer.example/jwks.json"))))
                .keys(k -> k.withPem(p -> p.withPublicKey(TestKeyPairs.of(JwsAlgorithm.RS256).publicPem()))), "keys.remote.url cannot be combined");
    }

    /** Refused at startup: by the configuration (what it can tell without reading a key) or when the manager reads the keys. */
    private static void refused(JwtConfig.Builder b, String... fragments) {
        assertThatThrownBy(() -> JwtManager.builder(b.build()).build()).isInstanceOfAny(InvalidSettingException.class, IllegalStateException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(fragments);
                    assertThat(e.getMessage()).doesNotContain("BEGIN", "MII", "\"d\"", "\"x\"");
                });
    }

    @Test
    void flaskStyleSettingsReadKeysFromStringsFilesAndJwks(@TempDir Path dir) throws Exception {
        KeyGenerator.Generated g = TestKeyPairs.of(JwsAlgorithm.ES256);
        JwtConfig pem = FlaskConfig.load(Map.of("JWT_ALGORITHM", "ES256", "JWT_PRIVATE_KEY", g.privatePem(),
                "JWT_PUBLIC_KEY", g.publicPem(), "SECRET_KEY", "flask-session-secret")).build();
        assertThat(manager(pem).keyResolver().verificationKeys()).hasSize(1);
        assertThat(manager(pem).keyResolver().signingKey().algorithm()).isEqualTo(JwsAlgorithm.ES256);
        String token = manager(pem).createAccessToken("u");
        assertThat(Forge.segment(token, 0)).doesNotContain("kid"); // flask's PEM keys carry no kid

        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, "{\"keys\":[" + g.privateJwk() + "]}");
        Path pub = dir.resolve("pub.pem");
        Files.writeString(pub, g.publicPem());
        JwtConfig fromFile = FlaskConfig.load(Map.of("JWT_ALGORITHM", "ES256", "JWT_JWKS_FILE", jwks.toString(),
                "JWT_SIGNING_KID", g.keyId())).build();
        String t2 = manager(fromFile).createAccessToken("u");
        assertThat(Forge.segment(t2, 0)).contains("\"kid\":\"" + g.keyId() + "\"");
        JwtConfig verifyOnly = FlaskConfig.load(Map.of("JWT_ALGORITHM", "ES256", "JWT_PUBLIC_KEY_FILE", pub.toString())).build();
        assertThat(manager(verifyOnly).decodeToken(t2).identity()).isEqualTo("u");

        JwtConfig remote = FlaskConfig.load(Map.of("JWT_ALGORITHM", "RS256", "JWT_JWKS_URL", "https://issuer.example/.well-known/jwks.json",
                "JWT_JWKS_CACHE_TTL", "600", "JWT_JWKS_REFETCH_INTERVAL", "10", "JWT_JWKS_CONNECT_TIMEOUT", "0.5",
                "JWT_JWKS_READ_TIMEOUT", "1.5")).build();
        assertThat(remote.keys().remote().cacheTtl()).hasSeconds(600);
        assertThat(remote.keys().remote().connectTimeout()).hasMillis(500);
        assertThat(remote.keys().remote().readTimeout()).hasMillis(1500);
        assertThat(manager(remote).keyResolver()).isInstanceOf(RemoteJwksKeyResolver.class);
        assertThatThrownBy(() -> FlaskConfig.load(Map.of("JWT_JWKS_READ_TIMEOUT", "-1"))).hasMessageContaining("JWT_JWKS_READ_TIMEOUT");
        assertThatThrownBy(() -> manager(FlaskConfig.load(Map.of("JWT_ALGORITHM", "ES256", "JWT_JWKS_FILE", dir.resolve("missing").toString())).build()))
                .hasMessageContaining("JWT_JWKS_FILE cannot be read");
    }

    @Test
    void publishedJwksHoldsOnlyPublicMembersAndNoSecrets() {
        KeyGenerator.Generated rs = TestKeyPairs.of(JwsAlgorithm.PS256);
        KeyGenerator.Generated ed = TestKeyPairs.of(JwsAlgorithm.EdDSA);
        String doc = Jwks.publicJson(StaticKeyResolver.of(rs.key(), ed.key()));
        assertThat(doc).startsWith("{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"PS256\"")
                .contains("\"kty\":\"OKP\",\"use\":\"sig\",\"alg\":\"EdDSA\",\"kid\":\"EdDSA-1\",\"crv\":\"Ed25519\"")
                .doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"");
        List<JwtKey> back = Jwks.parsePublished(doc, null, null);
        assertThat(back).hasSize(2).noneMatch(JwtKey::canSign);
        assertThat(Jwks.publicJson(StaticKeyResolver.of(JwtKey.hmac(JwsAlgorithm.HS256, new byte[32], "h")))).isEqualTo("{\"keys\":[]}");
        assertThatThrownBy(() -> JwtKey.hmac(JwsAlgorithm.HS256, new byte[32], "h").publicJwk()).isInstanceOf(IllegalStateException.class);
        // A published document with a private key or a secret is refused as a whole.
        assertThatThrownBy(() -> Jwks.parsePublished("{\"keys\":[" + rs.privateJwk() + "]}", null, null)).hasMessageContaining("private");
        assertThatThrownBy(() -> Jwks.parsePublished("{\"keys\":[{\"kty\":\"oct\",\"k\":\"" + "A".repeat(43) + "\"}]}", null, null))
                .hasMessageContaining("symmetric");
    }

    /** A published set of mixed key types without alg: RSA keys take the default, EC/OKP keys their curve. */
    @Test
    void publishedKeysWithoutAlgTakeTheDefaultOrTheirCurve() {
        String rsa = TestKeyPairs.of(JwsAlgorithm.RS256).publicJwk().replace("\"alg\":\"RS256\",", "");
        String ec = TestKeyPairs.of(JwsAlgorithm.ES384).publicJwk().replace("\"alg\":\"ES384\",", "");
        String ed = TestKeyPairs.of(JwsAlgorithm.EdDSA).publicJwk().replace("\"alg\":\"EdDSA\",", "");
        List<JwtKey> keys = Jwks.parsePublished("{\"keys\":[" + rsa + "," + ec + "," + ed + "]}", JwsAlgorithm.PS256, null);
        assertThat(keys).extracting(JwtKey::algorithm).containsExactly(JwsAlgorithm.PS256, JwsAlgorithm.ES384, JwsAlgorithm.EdDSA);
        List<String> skipped = new java.util.ArrayList<>();
        assertThat(Jwks.parsePublished("{\"keys\":[" + rsa + "," + ec + "]}", null, skipped::add))
                .extracting(JwtKey::algorithm).containsExactly(JwsAlgorithm.ES384);
        assertThat(skipped).singleElement().asString().contains("has no alg");
    }

    @Test
    void ecdsaSignaturesMustBeRawRAndSNotDer() {
        JwtKey key = TestKeyPairs.of(JwsAlgorithm.ES256).key();
        byte[] msg = "payload".getBytes(StandardCharsets.US_ASCII);
        byte[] p1363 = key.sign(msg);
        assertThat(p1363).hasSize(64);
        assertThat(key.verifySignature(msg, p1363)).isTrue();
        byte[] der = seq(integer(new BigInteger(1, java.util.Arrays.copyOf(p1363, 32))),
                integer(new BigInteger(1, java.util.Arrays.copyOfRange(p1363, 32, 64))));
        assertThat(key.verifySignature(msg, der)).isFalse();
        assertThat(key.verifySignature(msg, new byte[64])).isFalse(); // CVE-2022-21449
        assertThat(key.verifySignature(msg, java.util.Arrays.copyOf(p1363, 65))).isFalse();
        assertThat(KeyChecks.acceptsZeroSignature()).as("this JVM must not accept psychic signatures").isFalse();
    }

    @Test
    void ed25519RefusesANonCanonicalS() {
        JwtKey key = TestKeyPairs.of(JwsAlgorithm.EdDSA).key();
        byte[] msg = "payload".getBytes(StandardCharsets.US_ASCII);
        byte[] sig = key.sign(msg);
        assertThat(key.verifySignature(msg, sig)).isTrue();
        // S + L is the same point arithmetic but not canonical (RFC 8032 §5.1.7): refused.
        byte[] s = new byte[32];
        for (int i = 0; i < 32; i++) {
            s[i] = sig[63 - i];
        }
        BigInteger sl = new BigInteger(1, s).add(KeyChecks.ED25519_L);
        byte[] be = unsigned(sl, 32);
        byte[] malleated = sig.clone();
        for (int i = 0; i < 32; i++) {
            malleated[32 + i] = be[31 - i];
        }
        assertThat(key.verifySignature(msg, malleated)).isFalse();
    }

    // ---- tiny DER writer for the traditional PEM forms -------------------------------------

    private static String pem(String type, byte[] der) {
        return Pem.write(type, der);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        byte[] content = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.length;
        if (len < 128) {
            out.write(len);
        } else if (len < 256) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] unsigned(BigInteger v, int len) {
        byte[] b = v.toByteArray();
        if (b.length == len) {
            return b;
        }
        byte[] out = new byte[len];
        int copy = Math.min(len, b.length);
        System.arraycopy(b, b.length - copy, out, len - copy, copy);
        return out;
    }
}
