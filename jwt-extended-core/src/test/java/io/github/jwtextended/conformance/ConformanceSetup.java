package io.github.jwtextended.conformance;

import io.github.jwtextended.JwtManager;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.error.ErrorStyle;
import io.github.jwtextended.fixtures.UnavailableStore;

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
    DEFAULT(b -> b, b -> b),
    REVOKE_ALL(b -> b, b -> b.tokenInBlocklist((h, claims) -> true)),
    STORE_DOWN(b -> b, b -> b.revocationStore(UnavailableStore.down())),
    VERIFY_FAILS(b -> b, b -> b.claimsVerifier((h, claims) -> false)),
    NO_USER(b -> b, b -> b.userLookup((h, claims) -> null)),
    USER_LOOKUP(b -> b, b -> b.userLookup((h, claims) -> "user:" + claims.get("sub"))),
    BARE_X_TOKEN(b -> b.header(h -> h.withName("X-Token").withType("")), b -> b),
    QUERY(b -> b.tokenLocations(TokenLocation.QUERY_STRING), b -> b),
    QUERY_PREFIX(b -> b.tokenLocations(TokenLocation.QUERY_STRING).query(q -> q.withValuePrefix("Bearer ")), b -> b),
    JSON(b -> b.tokenLocations(TokenLocation.JSON), b -> b),
    COOKIES_HEADERS(b -> b.tokenLocations(COOKIES, HEADERS), b -> b),
    CSRF_FORM(b -> b.tokenLocations(COOKIES).csrf(c -> c.withCheckForm(true)), b -> b),
    NO_CSRF(b -> b.tokenLocations(COOKIES).csrf(c -> c.withProtect(false)), b -> b),
    COOKIE_ATTRIBUTES(b -> b.tokenLocations(COOKIES).cookies(c -> c.withSecure(true).withDomain("example.test").withSameSite("Strict").withSession(false)).access(a -> a.withCookieName("at").withCookiePath("/api")), b -> b),
    ERROR_KEY(b -> b.errors(e -> e.withMessageKey("error")), b -> b),
    RFC6750(c -> c.errors(e -> e.withStyle(ErrorStyle.RFC6750)), b -> b),
    AUD_ISS(b -> b.decode(d -> d.withAudience("aud1").withIssuer("iss1")), b -> b),
    LEEWAY(b -> b.decode(d -> d.withLeeway(Duration.ofSeconds(10))), b -> b),
    IDENTITY_CLAIM(b -> b.claims(c -> c.withIdentity("identity")), b -> b),
    NO_VERIFY_SUB(b -> b.claims(c -> c.withVerifySub(false)), b -> b),
    /** flask-jwt-extended's exact {@code Bearer} comparison ({@code JWT_HEADER_TYPE_CASE_SENSITIVE}). */
    FLASK_SCHEME(b -> b.header(h -> h.withTypeCaseSensitive(true)), b -> b),
    /** Tokens without a {@code type} claim refused ({@code JWT_REQUIRE_TYPE}, SECURITY.md row E20). */
    REQUIRE_TYPE(b -> b.claims(c -> c.withRequireType(true)), b -> b),
    /** The configuration {@link io.github.jwtextended.fixtures.HostileInputs} is written for. */
    HOSTILE(b -> b.tokenLocations(HEADERS, COOKIES, TokenLocation.JSON), b -> b);

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
        JwtConfig cfg = config.apply(JwtConfig.builder().keys(k -> k.withSecret(SECRET))).build();
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
