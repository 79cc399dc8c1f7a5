package io.github.jwtextended.verify;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.error.ErrorResponse;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.fixtures.FakeRequest;
import io.github.jwtextended.revocation.InMemoryRevocationStore;
import io.github.jwtextended.token.TokenOptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static io.github.jwtextended.fixtures.TestKeys.config;
import static io.github.jwtextended.fixtures.TestKeys.fixedClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * SECURITY.md's list of what answers echo, held against the code: the one answer that carries a
 * value of the token is the user lookup's 401 with the identity, worded as the document says, and
 * no answer carries any other claim value.
 */
class EchoedValuesTest {
    private static final String SECTION = "## What answers echo and logs record";
    private static final String TEMPLATE = "Error loading the user <identity>";

    @Test
    void theDocumentSaysWhatIsEchoedAndTheUserLookupAnswerIsExactlyThat() throws IOException {
        String doc = Files.readString(Path.of("../SECURITY.md"));
        assertThat(doc).contains(SECTION);
        String section = doc.substring(doc.indexOf(SECTION), doc.indexOf("\n## ", doc.indexOf(SECTION) + 1));
        assertThat(section).contains("`{\"msg\": \"" + TEMPLATE + "\"}`", "flask-jwt-extended's own message", "`user=<identity>`");
        assertThat(doc).contains("with one exception: the user lookup's 401 `" + TEMPLATE + "`");

        InMemoryRevocationStore store = new InMemoryRevocationStore();
        JwtManager m = JwtManager.builder(config().build()).clock(fixedClock()).revocationStore(store)
                .claimsVerifier((h, c) -> !"refuse".equals(c.get("role")))
                .userLookup((h, c) -> "ghost".equals(c.get("role")) ? null : "User")
                .build();
        String ghost = m.createAccessToken("alice", TokenOptions.defaults().withClaim("role", "ghost"));
        assertThat(answer(m, () -> m.verifyRequest(FakeRequest.get().bearer(ghost), Guard.required())).body())
                .isEqualTo(Map.of("msg", TEMPLATE.replace("<identity>", "alice")));

        // Every other refusal of a verified token echoes nothing of it.
        String refused = m.createAccessToken("alice", TokenOptions.defaults().withClaim("role", "refuse"));
        String notFresh = m.createAccessToken("alice", TokenOptions.defaults().withClaim("role", "ghost"));
        String revoked = m.createAccessToken("alice", TokenOptions.defaults().withClaim("role", "ghost"));
        m.revoke(revoked);
        for (Supplier<?> call : List.<Supplier<?>>of(
                () -> m.verifyRequest(FakeRequest.get().bearer(refused), Guard.required()),
                () -> m.verifyRequest(FakeRequest.get().bearer(notFresh), Guard.required().fresh(true)),
                () -> m.verifyRequest(FakeRequest.get().bearer(revoked), Guard.required()),
                () -> m.verifyRequest(FakeRequest.get().bearer(refused), Guard.required().refresh(true)))) {
            assertThat(answer(m, call).body().toString()).doesNotContain("alice", "refuse", "ghost");
        }
    }

    private static ErrorResponse answer(JwtManager m, Supplier<?> call) {
        JwtException e = catchThrowableOfType(call::get, JwtException.class);
        assertThat(e).isNotNull();
        return m.errorResponse(e);
    }
}
