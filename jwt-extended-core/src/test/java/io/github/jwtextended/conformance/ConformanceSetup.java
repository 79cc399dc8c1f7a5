package io.github.jwtextended.conformance;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.revocation.RevocationStoreException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

import static io.github.jwtextended.config.TokenLocation.COOKIES;
import static io.github.jwtextended.config.TokenLocation.HEADERS;

/**
 * The manager configurations the conformance cases run under (the reference probe's app
 * configurations, plus cookie attributes and the RFC 6750 style). Every adapter gets the same
 * {@link JwtManager}, built here, so every difference in an answer is the adapter's.
 *
 * <p>Thread safety: immutable.
 */
public enum ConformanceSetup {
    DEFAULT(c -> c, b -> b),
    REVOKE_ALL(c -> c, b -> b.tokenInBlocklist((h, claims) -> true)),
    STORE_DOWN(c -> c, b -> b.revocationStore(new RevocationStore() {
        @Override
        public void revoke(String jti, Instant until) {
            throw new RevocationStoreException("store down (test)");
        }

        @Override
        public void revokeAllIssuedBefore(String identity, Instant notBefore, Instant keepUntil) {
            throw new RevocationStoreException("store down (test)");
        }

        @Override
        public boolean isRevoked(RevocationCheck check) {
            throw new RevocationStoreException("store down (test)");
        }
    })),
    VERIFY_FAILS(c -> c, b -> b.claimsVerifier((h, claims) -> false)),
    NO_USER(c -> c, b -> b.userLookup((h, claims) -> null)),
    USER_LOOKUP(c -> c, b -> b.userLookup((h, claims) -> "user:" + claims.get("sub"))),
    BARE_X_TOKEN(c -> c.headerName("X-Token").headerType(""), b -> b),
    QUERY(c -> c.tokenLocations(TokenLocation.QUERY_STRING), b -> b),
    QUERY_PREFIX(c -> c.tokenLocations(TokenLocation.QUERY_STRING).queryStringValuePrefix("Bearer "), b -> b),
    JSON(c -> c.tokenLocations(TokenLocation.JSON), b -> b),
    COOKIES_HEADERS(c -> c.tokenLocations(COOKIES, HEADERS), b -> b),
    CSRF_FORM(c -> c.tokenLocations(COOKIES).csrfCheckForm(true), b -> b),
    NO_CSRF(c -> c.tokenLocations(COOKIES).csrfProtect(false), b -> b),
    COOKIE_ATTRIBUTES(c -> c.tokenLocations(COOKIES).cookieSecure(true).cookieDomain("example.test").cookieSameSite("Strict")
            .sessionCookie(false).accessCookieName("at").accessCookiePath("/api"), b -> b),
    ERROR_KEY(c -> c.errorMessageKey("error"), b -> b),
    RFC6750(c -> c.errorStyle(ErrorStyle.RFC6750), b -> b),
    AUD_ISS(c -> c.decodeAudience("aud1").decodeIssuer("iss1"), b -> b),
    LEEWAY(c -> c.leeway(Duration.ofSeconds(10)), b -> b),
    IDENTITY_CLAIM(c -> c.identityClaim("identity"), b -> b),
    NO_VERIFY_SUB(c -> c.verifySub(false), b -> b),
    /** flask-jwt-extended's exact {@code Bearer} comparison ({@code JWT_HEADER_TYPE_CASE_SENSITIVE}). */
    FLASK_SCHEME(c -> c.headerTypeCaseSensitive(true), b -> b),
    /** Tokens without a {@code type} claim refused ({@code JWT_REQUIRE_TYPE}; SECURITY.md row E20). */
    REQUIRE_TYPE(c -> c.requireType(true), b -> b),
    /** The configuration {@link io.github.jwtextended.fixtures.HostileInputs} is written for. */
    HOSTILE(c -> c.tokenLocations(HEADERS, COOKIES, TokenLocation.JSON), b -> b);

    /** A clearly fake test key (HS256 needs 32 bytes or more). */
    public static final String SECRET = "conformance-only-secret-key-long-enough-0123456789";
    /** Another fake key, for tokens the server must refuse. */
    public static final String OTHER_SECRET = "conformance-other-secret-key-also-long-enough-98765";
    /** The instant every manager lives at (a whole second), so answers never depend on timing. */
    public static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final UnaryOperator<JwtConfig.Builder> config;
    private final UnaryOperator<JwtManager.Builder> manager;

    ConformanceSetup(UnaryOperator<JwtConfig.Builder> config, UnaryOperator<JwtManager.Builder> manager) {
        this.config = config;
        this.manager = manager;
    }

    /** A new manager for this setup on the fixed clock. */
    public JwtManager newManager() {
        JwtConfig cfg = config.apply(JwtConfig.builder().secretKey(SECRET)).build();
        return manager.apply(JwtManager.builder(cfg).clock(CLOCK)).build();
    }

    /** The key error bodies use. */
    public String messageKey() {
        return this == ERROR_KEY ? "error" : "msg";
    }

    static byte[] secretBytes() {
        return SECRET.getBytes(StandardCharsets.UTF_8);
    }
}
