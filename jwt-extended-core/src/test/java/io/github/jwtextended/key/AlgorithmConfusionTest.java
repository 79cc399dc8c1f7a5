package io.github.jwtextended.key;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.Forge;
import io.github.jwtextended.token.TokenDecoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.jwtextended.error.InvalidTokenException.Reason.ALGORITHM;
import static io.github.jwtextended.error.InvalidTokenException.Reason.SIGNATURE;
import static io.github.jwtextended.fixtures.Refusals.invalidToken;
import static io.github.jwtextended.fixtures.TestKeys.NOW_S;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Algorithm confusion and key headers against a server using a public-key algorithm (SECURITY.md
 * rows B1, B6, D3-D5, P10): an HS256 token whose HMAC key is the server's own public key, in every
 * byte form, is refused; so are the {@code none} variants; a key embedded in or pointed to by the
 * token is never used, and a local listener named by {@code jku}/{@code x5u} sees zero connections.
 */
class AlgorithmConfusionTest {
    private static final String CLAIMS = "{\"fresh\":false,\"iat\":" + NOW_S + ",\"jti\":\"j\",\"type\":\"access\",\"sub\":\"admin\",\"nbf\":"
            + NOW_S + ",\"exp\":" + (NOW_S + 900) + "}";

    private static ServerSocket listener;
    private static final AtomicInteger CONNECTIONS = new AtomicInteger();
    private static Thread acceptor;

    @BeforeAll
    static void startListener() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    CONNECTIONS.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        }, "jku-listener");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopListener() throws IOException {
        listener.close();
    }

    private static JwtManager server(KeyGenerator.Generated g) {
        return JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(g.algorithm()).withPem(p -> p.withPublicKey(g.publicPem()))).build())
                .clock(fixedClock()).build();
    }

    /** Every byte form in which an attacker may guess the server's public key was used as an HMAC secret. */
    private static Map<String, byte[]> publicKeyForms(KeyGenerator.Generated g) {
        Map<String, byte[]> forms = new LinkedHashMap<>();
        String pem = g.publicPem();
        forms.put("PEM with trailing newline", pem.getBytes(StandardCharsets.US_ASCII));
        forms.put("PEM without trailing newline", pem.strip().getBytes(StandardCharsets.US_ASCII));
        forms.put("PEM with CRLF", pem.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
        forms.put("DER SubjectPublicKeyInfo", g.key().publicKey().getEncoded());
        forms.put("JWK JSON", g.publicJwk().getBytes(StandardCharsets.UTF_8));
        forms.put("JWKS JSON", Jwks.publicJson(List.of(g.key())).getBytes(StandardCharsets.UTF_8));
        if (g.key().publicKey() instanceof RSAPublicKey) {
            RSAPublicKey rsa = (RSAPublicKey) g.key().publicKey();
            forms.put("raw modulus n", rsa.getModulus().toByteArray());
        }
        if (g.key().publicKey() instanceof ECPublicKey) {
            byte[] der = g.key().publicKey().getEncoded();
            forms.put("uncompressed EC point", java.util.Arrays.copyOfRange(der, der.length - 65, der.length));
        }
        return forms;
    }

    @ParameterizedTest
    @EnumSource(value = JwsAlgorithm.class, names = {"RS256", "PS256", "ES256", "EdDSA"})
    void hs256SignedWithTheServersPublicKeyIsRefusedInEveryByteForm(JwsAlgorithm alg) {
        KeyGenerator.Generated g = TestKeyPairs.of(alg);
        JwtManager server = server(g);
        int n = 0;
        for (Map.Entry<String, byte[]> form : publicKeyForms(g).entrySet()) {
            for (String header : List.of("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"alg\":\"HS256\",\"kid\":\"" + g.keyId() + "\",\"typ\":\"JWT\"}")) {
                String token = Forge.sign("HS256", form.getValue(), header, CLAIMS);
                assertThatThrownBy(() -> server.decodeToken(token)).as(alg + " " + form.getKey())
                        .satisfies(invalidToken(ALGORITHM, "alg")).hasMessage("The specified alg value is not allowed");
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(12);
    }

    /**
     * Even a resolver that hands out the RSA key for any algorithm cannot be used for HS256: the
     * decoder checks the key's own algorithm, and a key set mixing the two is refused at build.
     */
    @Test
    void aKeyIsNeverUsedWithAnotherAlgorithmThanItsOwn() {
        KeyGenerator.Generated g = TestKeyPairs.of(JwsAlgorithm.RS256);
        KeyResolver careless = new KeyResolver() {
            @Override
            public JwtKey signingKey() {
                return g.key();
            }

            @Override
            public JwtKey verificationKey(JwsAlgorithm algorithm, String kid) {
                return g.key(); // whatever the token asks for
            }
        };
        JwtConfig allowsHs = JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.HS256).withSecret(new byte[64])).build();
        TokenDecoder decoder = new TokenDecoder(allowsHs, careless, fixedClock());
        for (byte[] secret : publicKeyForms(g).values()) {
            String token = Forge.hs256(secret, CLAIMS);
            assertThatThrownBy(() -> decoder.decode(token)).satisfies(invalidToken(SIGNATURE));
        }
        assertThatThrownBy(() -> StaticKeyResolver.of(g.key(), JwtKey.hmac(JwsAlgorithm.HS256, new byte[32], "h")))
                .hasMessageContaining("mix");
    }

    @Test
    void noneVariantsAreRefused() {
        KeyGenerator.Generated g = TestKeyPairs.of(JwsAlgorithm.ES256);
        JwtManager server = server(g);
        String real = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.ES256).withPem(p -> p.withPrivateKey(g.privatePem()))).build())
                .clock(fixedClock()).build().createAccessToken("admin");
        String realSig = real.split("\\.")[2];
        for (String none : List.of("none", "None", "NONE", "nOnE", "noNE")) {
            String header = Forge.b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}");
            String body = Forge.b64(CLAIMS);
            for (String token : List.of(header + "." + body + ".", header + "." + body + "." + realSig, header + "." + body)) {
                assertThatThrownBy(() -> server.decodeToken(token)).as(token).isInstanceOf(JwtException.class);
            }
        }
    }

    private static String signWith(KeyGenerator.Generated attacker, Map<String, Object> header) {
        String h = Forge.b64(io.github.jwtextended.json.StrictJson.write(header));
        String input = h + "." + Forge.b64(CLAIMS);
        return input + "." + Forge.b64(attacker.key().sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void embeddedAndReferencedKeysAreNeverUsedNorFetched(@TempDir Path dir) throws Exception {
        KeyGenerator.Generated server = TestKeyPairs.of(JwsAlgorithm.RS256);
        KeyGenerator.Generated attacker = TestKeyPairs.fresh(JwsAlgorithm.RS256, server.keyId());
        JwtManager m = server(server);
        String local = "http://127.0.0.1:" + listener.getLocalPort() + "/jwks.json";
        List<Map<String, Object>> headers = new ArrayList<>();
        for (String kid : new String[]{null, server.keyId()}) {
            Map<String, Object> jwk = new LinkedHashMap<>(header(kid));
            jwk.put("jwk", attacker.key().publicJwkMap());
            headers.add(jwk);
            Map<String, Object> jku = new LinkedHashMap<>(header(kid));
            jku.put("jku", local);
            headers.add(jku);
            Map<String, Object> x5u = new LinkedHashMap<>(header(kid));
            x5u.put("x5u", local);
            headers.add(x5u);
        }
        for (Map<String, Object> h : headers) {
            String token = signWith(attacker, h);
            assertThatThrownBy(() -> m.decodeToken(token)).as(h.keySet().toString())
                    .satisfies(invalidToken(SIGNATURE)).hasMessage("Signature verification failed");
        }

        // x5c: a certificate the attacker made for their own key.
        SelfSigned cert = selfSigned(dir);
        JwtKey attackerRsa = JwtKey.rsa(JwsAlgorithm.RS256, (RSAPublicKey) cert.certificate.getPublicKey(),
                (java.security.interfaces.RSAPrivateKey) cert.privateKey, server.keyId());
        Map<String, Object> x5c = new LinkedHashMap<>(header(server.keyId()));
        x5c.put("x5c", List.of(Base64.getEncoder().encodeToString(cert.certificate.getEncoded())));
        String h = Forge.b64(io.github.jwtextended.json.StrictJson.write(x5c));
        String input = h + "." + Forge.b64(CLAIMS);
        String token = input + "." + Forge.b64(attackerRsa.sign(input.getBytes(StandardCharsets.US_ASCII)));
        assertThatThrownBy(() -> m.decodeToken(token)).satisfies(invalidToken(SIGNATURE));

        TimeUnit.MILLISECONDS.sleep(200);
        assertThat(CONNECTIONS.get()).as("connections to the jku/x5u listener").isZero();
        // The listener works: a real connection is counted (so zero above means none was tried).
        new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort()).close();
        for (int i = 0; i < 50 && CONNECTIONS.get() == 0; i++) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        assertThat(CONNECTIONS.get()).isEqualTo(1);
        CONNECTIONS.set(0);
    }

    private static Map<String, Object> header(String kid) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alg", "RS256");
        if (kid != null) {
            h.put("kid", kid);
        }
        h.put("typ", "JWT");
        return h;
    }

    private static final class SelfSigned {
        X509Certificate certificate;
        PrivateKey privateKey;
    }

    /** An attacker's self-signed certificate, made with the JDK's keytool. */
    private static SelfSigned selfSigned(Path dir) throws Exception {
        Path store = dir.resolve("attacker.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "a", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=attacker", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "fake-test-pass", "-keypass", "fake-test-pass").redirectErrorStream(true).start();
        try (InputStream out = p.getInputStream()) {
            out.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "fake-test-pass".toCharArray());
        }
        SelfSigned s = new SelfSigned();
        s.certificate = (X509Certificate) ks.getCertificate("a");
        s.privateKey = (PrivateKey) ks.getKey("a", "fake-test-pass".toCharArray());
        return s;
    }
}
