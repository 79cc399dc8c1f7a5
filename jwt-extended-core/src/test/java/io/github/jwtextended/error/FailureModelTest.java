package io.github.jwtextended.error;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Modifier;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failure model: a sealed hierarchy whose types are exactly the listed ones, each of one kind,
 * each kind answered by one handler with the status and {@code WWW-Authenticate} header the wire
 * had before the types were merged (issue #15 item 5).
 *
 * <p>Java 17 has no switch over a sealed type (pattern matching for switch is a preview there), so
 * exhaustiveness is checked twice: the compiler checks {@link #loader} (a switch over the kinds
 * without a default), and {@link #theHierarchyIsSealedAndItsTypesAreTheListedOnes} checks the
 * permitted types against {@link #EXAMPLES}.
 */
class FailureModelTest {
    private static final Map<String, Object> HEADER = Map.of("alg", "HS256");
    private static final Map<String, Object> CLAIMS = Map.of("sub", "u");

    /** One failure of each type, with the kind it had before and must keep. */
    private static final Map<JwtException, ErrorKind> EXAMPLES = new LinkedHashMap<>();

    static {
        EXAMPLES.put(new MissingTokenException("Missing Authorization Header"), ErrorKind.UNAUTHORIZED);
        EXAMPLES.put(new CsrfException("Missing CSRF token"), ErrorKind.UNAUTHORIZED);
        EXAMPLES.put(new InvalidTokenException(InvalidTokenException.Reason.SIGNATURE, "Signature verification failed"),
                ErrorKind.INVALID_TOKEN);
        EXAMPLES.put(new ExpiredTokenException("Token has expired", HEADER, CLAIMS), ErrorKind.EXPIRED_TOKEN);
        EXAMPLES.put(new FreshTokenRequiredException("Fresh token required", HEADER, CLAIMS), ErrorKind.NEEDS_FRESH_TOKEN);
        EXAMPLES.put(new RevokedTokenException("Token has been revoked", HEADER, CLAIMS), ErrorKind.REVOKED_TOKEN);
        EXAMPLES.put(new UserLookupException("Error loading the user u", HEADER, CLAIMS), ErrorKind.USER_LOOKUP_FAILED);
        EXAMPLES.put(new UserClaimsVerificationException("User claims verification failed", HEADER, CLAIMS),
                ErrorKind.VERIFICATION_FAILED);
        EXAMPLES.put(new BadRequestException("Request body too large"), ErrorKind.BAD_REQUEST);
        EXAMPLES.put(new StoreUnavailableException(StoreUnavailableException.MESSAGE), ErrorKind.STORE_UNAVAILABLE);
    }

    /** flask-jwt-extended's handler for each kind; a switch without a default: a new kind does not compile. */
    private static String loader(JwtException e) {
        return switch (e.kind()) {
            case UNAUTHORIZED -> "unauthorized_loader";
            case INVALID_TOKEN -> "invalid_token_loader";
            case EXPIRED_TOKEN -> "expired_token_loader";
            case NEEDS_FRESH_TOKEN -> "needs_fresh_token_loader";
            case REVOKED_TOKEN -> "revoked_token_loader";
            case USER_LOOKUP_FAILED -> "user_lookup_error_loader";
            case VERIFICATION_FAILED -> "token_verification_failed_loader";
            case BAD_REQUEST -> "bad request (ours)";
            case STORE_UNAVAILABLE -> "store unavailable (ours)";
        };
    }

    @Test
    void theHierarchyIsSealedAndItsTypesAreTheListedOnes() {
        assertThat(JwtException.class.isSealed()).isTrue();
        assertThat(Modifier.isAbstract(JwtException.class.getModifiers())).isTrue();
        Set<Class<?>> permitted = Set.of(JwtException.class.getPermittedSubclasses());
        Set<Class<?>> listed = EXAMPLES.keySet().stream().map(Object::getClass).collect(Collectors.toSet());
        assertThat(listed).as("one example of each type").hasSize(EXAMPLES.size());
        assertThat(permitted).isEqualTo(listed);
        for (Class<?> type : permitted) {
            assertThat(Modifier.isFinal(type.getModifiers())).as(type + " is final").isTrue();
            assertThat(Modifier.isPublic(type.getModifiers())).as(type + " is public").isTrue();
            assertThat(RuntimeException.class).isAssignableFrom(type);
        }
    }

    @Test
    void eachTypeHasItsKindAndEveryKindHasAType() {
        EXAMPLES.forEach((e, kind) -> assertThat(e.kind()).as(e.getClass().getSimpleName()).isEqualTo(kind));
        assertThat(EnumSet.copyOf(EXAMPLES.values())).containsExactlyInAnyOrder(ErrorKind.values());
        assertThat(EXAMPLES.keySet().stream().map(FailureModelTest::loader)).containsExactly(
                "unauthorized_loader", "unauthorized_loader", "invalid_token_loader", "expired_token_loader",
                "needs_fresh_token_loader", "revoked_token_loader", "user_lookup_error_loader",
                "token_verification_failed_loader", "bad request (ours)", "store unavailable (ours)");
    }

    @Test
    void eachTypeIsAnsweredByTheHandlerOfItsKindAndNoOther() {
        ErrorHandlers handlers = ErrorHandlers.defaults("msg", ErrorStyle.FLASK);
        for (ErrorKind kind : ErrorKind.values()) {
            handlers = handlers.with(kind, e -> new ErrorResponse(460 + kind.ordinal(), Map.of("X-Handler", kind.name()),
                    Map.of("msg", e.getMessage())));
        }
        for (Map.Entry<JwtException, ErrorKind> example : EXAMPLES.entrySet()) {
            ErrorResponse r = handlers.handle(example.getKey());
            assertThat(r.headers()).as(example.getKey().getClass().getSimpleName())
                    .containsEntry("X-Handler", example.getValue().name());
            assertThat(r.status()).isEqualTo(460 + example.getValue().ordinal());
        }
    }

    /** The default answers per type, written out as the wire had them: status and WWW-Authenticate, per style. */
    @Test
    void theDefaultAnswersAreTheWiresOfBefore() {
        // type, FLASK status, FLASK challenge, RFC6750 status, RFC6750 challenge (null: no header)
        List<Object[]> wire = List.of(
                new Object[]{MissingTokenException.class, 401, "Bearer", 401, "Bearer"},
                new Object[]{CsrfException.class, 401, "Bearer", 401, "Bearer"},
                new Object[]{InvalidTokenException.class, 422, null, 401, "Bearer error=\"invalid_token\""},
                new Object[]{ExpiredTokenException.class, 401, "Bearer", 401, "Bearer error=\"invalid_token\""},
                new Object[]{FreshTokenRequiredException.class, 401, "Bearer", 401, "Bearer error=\"insufficient_scope\""},
                new Object[]{RevokedTokenException.class, 401, "Bearer", 401, "Bearer error=\"invalid_token\""},
                new Object[]{UserLookupException.class, 401, "Bearer", 401, "Bearer error=\"invalid_token\""},
                new Object[]{UserClaimsVerificationException.class, 400, null, 400, null},
                new Object[]{BadRequestException.class, 400, null, 400, "Bearer error=\"invalid_request\""},
                new Object[]{StoreUnavailableException.class, 503, null, 503, null});
        assertThat(wire.stream().map(row -> row[0])).containsExactlyElementsOf(
                EXAMPLES.keySet().stream().map(Object::getClass).collect(Collectors.toList()));
        ErrorHandlers flask = ErrorHandlers.defaults("msg", ErrorStyle.FLASK);
        ErrorHandlers rfc = ErrorHandlers.defaults("msg", ErrorStyle.RFC6750);
        for (JwtException e : EXAMPLES.keySet()) {
            Object[] row = wire.stream().filter(w -> w[0] == e.getClass()).findFirst().orElseThrow();
            assertAnswer(flask.handle(e), e, (Integer) row[1], (String) row[2]);
            assertAnswer(rfc.handle(e), e, (Integer) row[3], (String) row[4]);
        }
    }

    private static void assertAnswer(ErrorResponse r, JwtException e, int status, String challenge) {
        String what = e.getClass().getSimpleName() + " " + r;
        assertThat(r.status()).as(what).isEqualTo(status);
        assertThat(r.body()).as(what).containsExactly(Map.entry("msg", e.getMessage()));
        if (challenge == null) {
            assertThat(r.headers()).as(what).isEmpty();
        } else {
            assertThat(r.headers()).as(what).containsExactly(Map.entry("WWW-Authenticate", challenge));
        }
    }

    @Test
    void noTokenIsCarriedAsEmptyMapsAndAMemberIsOptional() {
        ExpiredTokenException bare = new ExpiredTokenException("Token has expired", null, null);
        assertThat(bare.header()).isEmpty();
        assertThat(bare.claims()).isEmpty();
        assertThat(new MissingTokenException("Missing Authorization Header").claims()).isEmpty();
        InvalidTokenException wrongType = new InvalidTokenException(InvalidTokenException.Reason.TOKEN_TYPE, "type",
                "Only refresh tokens are allowed", HEADER, CLAIMS);
        assertThat(wrongType.header()).isEqualTo(HEADER);
        assertThat(wrongType.claims()).isEqualTo(CLAIMS);
        assertThat(wrongType.member()).isEqualTo("type");
        assertThat(new InvalidTokenException(InvalidTokenException.Reason.MALFORMED, "Not enough segments").member()).isNull();
    }
}
