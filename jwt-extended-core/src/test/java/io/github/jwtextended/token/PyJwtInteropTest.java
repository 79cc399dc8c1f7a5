package io.github.jwtextended.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.Forge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.github.jwtextended.fixtures.TestKeys.OTHER_SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.SECRET_64;
import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tokens cross between this library and PyJWT (what flask-jwt-extended signs and verifies with),
 * through {@code src/test/resources/interop/pyjwt_interop.py} run by the system Python
 * ({@code /usr/bin/python3} with Debian's {@code python3-jwt}). Skipped when that Python or PyJWT is
 * missing, unless {@code -Djwt.requireServices=true}, which makes it fail instead (CI).
 */
class PyJwtInteropTest {
    private static final String PYTHON = System.getProperty("jwt.python", "/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Numbers compare by value: Python's 5 and Jackson's 5L, 1.5 and 1.50 are the same claim. */
    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    private static Path script;

    @BeforeAll
    static void requirePyJwt() throws Exception {
        boolean required = Boolean.getBoolean("jwt.requireServices");
        String problem = null;
        if (!Files.isExecutable(Path.of(PYTHON))) {
            problem = PYTHON + " not found";
        } else {
            Result r = run(List.of(PYTHON, "-c", "import jwt, sys; sys.stdout.write(jwt.__version__)"), "");
            if (r.exit != 0) {
                problem = "PyJWT is not importable by " + PYTHON + " (install the Debian package python3-jwt)";
            } else {
                System.out.println("PyJWT interop with PyJWT " + r.out);
            }
        }
        if (problem != null) {
            if (required) {
                fail(problem + " and jwt.requireServices=true");
            }
            assumeTrue(false, problem + ": skipping the PyJWT interoperability test");
        }
        script = Path.of(PyJwtInteropTest.class.getResource("/interop/pyjwt_interop.py").toURI());
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, String stdin) throws IOException, InterruptedException {
        Path err = Files.createTempFile("pyjwt", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python timed out");
            }
            return new Result(p.exitValue(), out, Files.readString(err));
        } finally {
            Files.deleteIfExists(err);
        }
    }

    private static JsonNode python(String mode, String secret, String stdin) throws Exception {
        Result r = run(List.of(PYTHON, script.toString(), mode, secret), stdin);
        assertThat(r.exit).as("python stderr: %s", r.err).isZero();
        return JSON.readTree(r.out);
    }

    private static void assertSameClaims(JsonNode expected, Map<String, Object> actual) {
        JsonNode ours = JSON.valueToTree(actual);
        assertThat(ours.equals(BY_VALUE, expected)).as("ours %s vs PyJWT %s", ours, expected).isTrue();
    }

    @Test
    void tokensSignedByPyJwtInTheReferenceLayoutAreAccepted() throws Exception {
        JwtManager m = JwtManager.builder(config().build()).build();
        JsonNode created = python("create", SECRET_64, "");
        assertThat(created).hasSize(7);
        for (JsonNode c : created) {
            String name = c.get("name").asText();
            String token = c.get("token").asText();
            assertThat(token).as(name).startsWith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.");
            Jwt jwt = m.decodeToken(token);
            JsonNode expected = c.get("claims");
            if (name.equals("minimal")) {
                // flask-jwt-extended's decode-side defaults.
                assertThat(jwt.claims()).containsEntry("sub", "erin").containsEntry("type", "access")
                        .containsEntry("fresh", false).containsEntry("jti", null);
                continue;
            }
            assertSameClaims(expected, jwt.claims());
            assertThat(List.copyOf(jwt.claims().keySet())).as(name).containsExactlyElementsOf(iterable(expected.fieldNames()));
            assertThat(jwt.header()).containsExactly(Map.entry("alg", "HS256"), Map.entry("typ", "JWT"));
            // Each one also passes the request pipeline's checks that depend on its content.
            if (name.equals("refresh")) {
                assertThat(jwt.isRefresh()).isTrue();
            }
            if (name.equals("fresh_float")) {
                assertThat(jwt.claim("fresh")).isInstanceOf(Double.class);
            }
            if (expected.has("csrf")) {
                assertThat(m.decodeToken(token, expected.get("csrf").asText(), false).identity()).isEqualTo(expected.get("sub").asText());
            }
        }
        JwtManager other = JwtManager.builder(config().keys(k -> k.withSecret(OTHER_SECRET_64)).build()).build();
        assertThatThrownBy(() -> other.decodeToken(created.get(0).get("token").asText()))
                .isInstanceOf(JwtException.class).hasMessage("Signature verification failed");
    }

    @Test
    void ourTokensAreVerifiedByPyJwtWithTheSameClaims() throws Exception {
        JwtManager m = JwtManager.builder(config().build()).build();
        List<String> tokens = new ArrayList<>();
        tokens.add(m.createAccessToken("alice"));
        tokens.add(m.createAccessToken("alice", TokenOptions.defaults().withFresh(true)));
        tokens.add(m.createAccessToken("bob", TokenOptions.defaults().withFreshFor(Duration.ofMinutes(10))));
        tokens.add(m.createAccessToken("bob", TokenOptions.defaults().withFreshUntil(Instant.now().plusSeconds(30))));
        tokens.add(m.createRefreshToken("alice"));
        tokens.add(m.createAccessToken("Zo\u00eb \u2603 \ud83d\ude00", TokenOptions.defaults()
                .withClaims(Map.of("roles", List.of("admin", "ops"), "n", 42, "ok", true, "nested", Map.of("a", List.of(1, 2))))));
        tokens.add(m.createAccessToken("dave", TokenOptions.defaults().withoutExpiry()));
        tokens.add(m.createAccessToken("kid-user", TokenOptions.defaults().withHeaders(Map.of("x-tenant", "t1"))));

        JsonNode verified = python("verify", SECRET_64, JSON.writeValueAsString(tokens));
        assertThat(verified).hasSize(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            JsonNode v = verified.get(i);
            assertThat(v.has("error")).as("PyJWT refused token %d: %s", i, v.path("error").asText()).isFalse();
            @SuppressWarnings("unchecked")
            Map<String, Object> ours = JSON.readValue(Forge.segment(tokens.get(i), 1), LinkedHashMap.class);
            assertSameClaims(v.get("claims"), ours);
            assertSameClaims(v.get("claims"), m.decodeToken(tokens.get(i)).claims());
            assertThat(iterable(v.get("claims").fieldNames())).as("claim order").containsExactlyElementsOf(ours.keySet());
        }
        assertThat(verified.get(0).get("header").toString()).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        assertThat(verified.get(7).get("header").get("x-tenant").asText()).isEqualTo("t1");

        JsonNode wrongKey = python("verify", OTHER_SECRET_64, JSON.writeValueAsString(tokens.subList(0, 1)));
        assertThat(wrongKey.get(0).get("error").asText()).isEqualTo("InvalidSignatureError");
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

}
