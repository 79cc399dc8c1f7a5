package io.github.jwtextended.error;

import io.github.jwtextended.JwtManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Map;

import static io.github.jwtextended.fixtures.TestKeys.config;
import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlersTest {

    /** One exception of each kind. */
    static JwtException of(ErrorKind kind) {
        return switch (kind) {
            case UNAUTHORIZED -> new MissingTokenException("Missing Authorization Header");
            case INVALID_TOKEN -> new InvalidTokenException(InvalidTokenException.Reason.SIGNATURE, "Signature verification failed");
            case EXPIRED_TOKEN -> new ExpiredTokenException("Token has expired", Map.of("alg", "HS256"), Map.of("sub", "u"));
            case NEEDS_FRESH_TOKEN -> new FreshTokenRequiredException("Fresh token required", Map.of(), Map.of("sub", "u"));
            case REVOKED_TOKEN -> new RevokedTokenException("Token has been revoked", Map.of(), Map.of("sub", "u"));
            case USER_LOOKUP_FAILED -> new UserLookupException("Error loading the user u", Map.of(), Map.of("sub", "u"));
            case VERIFICATION_FAILED -> new UserClaimsVerificationException("User claims verification failed", Map.of(), Map.of());
            case BAD_REQUEST -> new BadRequestException("Multiple Authorization headers");
            case STORE_UNAVAILABLE -> new StoreUnavailableException("Token revocation status is temporarily unavailable");
        };
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void flaskDefaults(ErrorKind kind) {
        JwtException e = of(kind);
        assertThat(e.kind()).isEqualTo(kind);
        ErrorResponse r = ErrorHandlers.defaults("msg", ErrorStyle.FLASK).handle(e);
        assertThat(r.status()).isEqualTo(kind.defaultStatus());
        assertThat(r.body()).containsExactly(Map.entry("msg", e.getMessage()));
        if (r.status() == 401) {
            assertThat(r.headers()).containsExactly(Map.entry("WWW-Authenticate", "Bearer"));
        } else {
            assertThat(r.headers()).isEmpty();
        }
    }

    @Test
    void statusesAreTheReferenceOnes() {
        assertThat(ErrorKind.UNAUTHORIZED.defaultStatus()).isEqualTo(401);
        assertThat(ErrorKind.INVALID_TOKEN.defaultStatus()).isEqualTo(422);
        assertThat(ErrorKind.EXPIRED_TOKEN.defaultStatus()).isEqualTo(401);
        assertThat(ErrorKind.NEEDS_FRESH_TOKEN.defaultStatus()).isEqualTo(401);
        assertThat(ErrorKind.REVOKED_TOKEN.defaultStatus()).isEqualTo(401);
        assertThat(ErrorKind.USER_LOOKUP_FAILED.defaultStatus()).isEqualTo(401);
        assertThat(ErrorKind.VERIFICATION_FAILED.defaultStatus()).isEqualTo(400);
        assertThat(ErrorKind.BAD_REQUEST.defaultStatus()).isEqualTo(400);
        assertThat(ErrorKind.STORE_UNAVAILABLE.defaultStatus()).isEqualTo(503);
    }

    @Test
    void messageKeyIsConfigurable() {
        ErrorResponse r = ErrorHandlers.defaults("error", ErrorStyle.FLASK).handle(of(ErrorKind.UNAUTHORIZED));
        assertThat(r.body()).containsExactly(Map.entry("error", "Missing Authorization Header"));
    }

    @Test
    void rfc6750Style() {
        ErrorHandlers h = ErrorHandlers.defaults("msg", ErrorStyle.RFC6750);
        assertAnswer(h.handle(of(ErrorKind.INVALID_TOKEN)), 401, "Bearer error=\"invalid_token\"");
        assertAnswer(h.handle(of(ErrorKind.UNAUTHORIZED)), 401, "Bearer");
        assertAnswer(h.handle(of(ErrorKind.EXPIRED_TOKEN)), 401, "Bearer error=\"invalid_token\"");
        assertAnswer(h.handle(of(ErrorKind.REVOKED_TOKEN)), 401, "Bearer error=\"invalid_token\"");
        assertAnswer(h.handle(of(ErrorKind.USER_LOOKUP_FAILED)), 401, "Bearer error=\"invalid_token\"");
        assertAnswer(h.handle(of(ErrorKind.NEEDS_FRESH_TOKEN)), 401, "Bearer error=\"insufficient_scope\"");
        assertAnswer(h.handle(of(ErrorKind.BAD_REQUEST)), 400, "Bearer error=\"invalid_request\"");
        assertThat(h.handle(of(ErrorKind.VERIFICATION_FAILED)).status()).isEqualTo(400);
        assertThat(h.handle(of(ErrorKind.STORE_UNAVAILABLE)).status()).isEqualTo(503);
        assertThat(h.handle(of(ErrorKind.INVALID_TOKEN)).body()).containsExactly(Map.entry("msg", "Signature verification failed"));
    }

    private static void assertAnswer(ErrorResponse r, int status, String wwwAuthenticate) {
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.headers()).containsEntry("WWW-Authenticate", wwwAuthenticate);
    }

    @Test
    void aReplacedHandlerAnswersForItsKindOnly() {
        JwtManager m = JwtManager.builder(config().build())
                .errorHandler(ErrorKind.EXPIRED_TOKEN, e -> ErrorResponse.message(419, "detail", "expired for " + e.claims().get("sub")))
                .build();
        ErrorResponse r = m.errorResponse(of(ErrorKind.EXPIRED_TOKEN));
        assertThat(r.status()).isEqualTo(419);
        assertThat(r.body()).containsExactly(Map.entry("detail", "expired for u"));
        assertThat(m.errorResponse(of(ErrorKind.REVOKED_TOKEN)).status()).isEqualTo(401);
    }

    @Test
    void aHandlerThatThrowsOrReturnsNullFallsBackToTheDefault() {
        ErrorHandlers h = ErrorHandlers.defaults("msg", ErrorStyle.FLASK)
                .with(ErrorKind.INVALID_TOKEN, e -> { throw new IllegalStateException("handler bug"); })
                .with(ErrorKind.REVOKED_TOKEN, e -> null);
        ErrorResponse r = h.handle(of(ErrorKind.INVALID_TOKEN));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).containsExactly(Map.entry("msg", "Signature verification failed"));
        assertThat(r.toString()).doesNotContain("IllegalStateException").doesNotContain("handler bug");
        assertThat(h.handle(of(ErrorKind.REVOKED_TOKEN)).status()).isEqualTo(401);
    }

    @Test
    void theFallbackKeepsTheConfiguredKeyAndStyle() {
        ErrorHandlers h = ErrorHandlers.defaults("error", ErrorStyle.RFC6750)
                .with(ErrorKind.INVALID_TOKEN, e -> { throw new IllegalStateException("handler bug"); });
        ErrorResponse r = h.handle(of(ErrorKind.INVALID_TOKEN));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).containsExactly(Map.entry("error", "Signature verification failed"));
        assertThat(r.headers()).containsEntry("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    @Test
    void theManagerUsesTheConfiguredKeyAndStyle() {
        JwtManager m = JwtManager.builder(config().errors(e -> e.withMessageKey("error").withStyle(ErrorStyle.RFC6750)).build()).build();
        ErrorResponse r = m.errorResponse(of(ErrorKind.INVALID_TOKEN));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).containsOnlyKeys("error");
    }

    @Test
    void exceptionsCarryNoStackTraceAndNoCause() {
        JwtException e = of(ErrorKind.INVALID_TOKEN);
        assertThat(e.getStackTrace()).isEmpty();
        assertThat(e.getCause()).isNull();
    }
}
