package io.github.jwtextended.example;

import io.github.jwtextended.example.flow.Client;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.key.JwsAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code keys} subcommand writes a key the server then signs with; the server publishes the
 * public key at {@code /.well-known/jwks.json}, and a verifier holding only that JWKS accepts
 * the server's tokens.
 */
class AsymmetricKeysTest {
    private Path dir;
    private Server server;

    @AfterEach
    void cleanUp() {
        if (server != null) {
            server.stop();
        }
        TestServers.delete(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EdDSA"})
    void generatedKeySignsTokensThatVerifyThroughThePublishedJwks(String alg) throws Exception {
        dir = TestServers.tempDir("jwt-keys");
        Path keys = dir.resolve("keys");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"keys", "generate", alg, "--kid", "k1", "--out", keys.toString()},
                Map.of(), System.in, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path privatePem = keys.resolve("k1.private.pem");
        assertThat(Files.getPosixFilePermissions(privatePem)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(keys.resolve("k1.private.jwk.json"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("JWT_PRIVATE_KEY_FILE=" + privatePem).doesNotContain("PRIVATE KEY-----");

        // The server signs with the generated key (the JWK Set file carries the kid).
        Map<String, String> env = TestServers.baseEnv(dir.resolve("data"));
        env.put("JWT_ALGORITHM", alg);
        env.put("JWT_JWKS", "{\"keys\":[" + Files.readString(keys.resolve("k1.private.jwk.json")).strip() + "]}");
        server = TestServers.start(env);
        Client client = new Client(server.port(), false);
        HttpResponse<String> login = client.login("testuser", "testpass");
        assertThat(login.statusCode()).isEqualTo(200);
        String access = Client.json(login).get("access_token").asText();
        assertThat(client.get("/protected", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);

        HttpResponse<String> jwks = client.get("/.well-known/jwks.json");
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(jwks.headers().firstValue("Cache-Control").orElse("")).contains("max-age");
        JsonNode doc = Client.json(jwks);
        assertThat(doc.get("keys")).hasSize(1);
        assertThat(doc.get("keys").get(0).get("kid").asText()).isEqualTo("k1");
        assertThat(jwks.body()).doesNotContain("\"d\"").doesNotContain("\"p\"").doesNotContain("\"q\"");

        // A verifier elsewhere, holding only the published JWKS, accepts the server's token.
        JwtManager verifier = JwtManager.builder(JwtConfig.builder().keys(k -> k.withAlgorithm(JwsAlgorithm.fromName(alg)).withJwks(j -> j.withJson(jwks.body()))).build())
                .build();
        assertThat(verifier.decodeToken(access).identity()).isEqualTo("testuser");
        assertThat(verifier.decodeToken(access).header().get("kid")).isEqualTo("k1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "PS256"})
    void keysGenerateRefusesToOverwrite(String alg) {
        dir = TestServers.tempDir("jwt-keys");
        String[] args = {"keys", "generate", alg, "--kid", "same", "--out", dir.toString()};
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(args, Map.of(), System.in, sink, sink)).isZero();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(args, Map.of(), System.in, sink, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refusing to overwrite");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "HS1024", "RS256x"})
    void keysGenerateRefusesUnknownAlgorithms(String alg) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"keys", "generate", alg}, Map.of(), System.in, sink,
                new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown algorithm");
    }
    /**
     * The key files are read and parsed once, with the settings: the server signs with the key that
     * was checked, even when the files are gone by the time it starts; a file that cannot be read
     * stops the start with one line naming its setting.
     */
    @org.junit.jupiter.api.Test
    void keyFilesAreReadOnceWithTheSettings() throws Exception {
        dir = TestServers.tempDir("jwt-keys");
        Path keys = dir.resolve("keys");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"keys", "generate", "ES256", "--kid", "k1", "--out", keys.toString()},
                Map.of(), System.in, sink, sink)).isZero();
        Map<String, String> env = TestServers.baseEnv(dir.resolve("data"));
        env.put("JWT_ALGORITHM", "ES256");
        env.put("JWT_PRIVATE_KEY_FILE", keys.resolve("k1.private.pem").toString());
        env.put("JWT_PUBLIC_KEY_FILE", keys.resolve("k1.public.pem").toString());
        ServerSettings settings = ServerSettings.from(env);
        TestServers.delete(keys); // read with the settings: not needed any more

        server = new Server(settings);
        server.start();
        Client client = new Client(server.port(), false);
        HttpResponse<String> login = client.login("testuser", "testpass");
        assertThat(login.statusCode()).isEqualTo(200);
        String access = Client.json(login).get("access_token").asText();
        assertThat(client.get("/protected", "Authorization", "Bearer " + access).statusCode()).isEqualTo(200);
        assertThat(server.manager().keyResolver()).isSameAs(settings.keys().orElseThrow());

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.run(new String[0], env, System.in, sink, new PrintStream(err, true, StandardCharsets.UTF_8))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("jwt-extended-example: invalid setting: JWT_PRIVATE_KEY_FILE cannot be read\n");
    }
}
