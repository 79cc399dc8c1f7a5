package io.github.jwtextended.token;

import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.TokenType;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * <b>Where tokens are issued.</b> Access and refresh tokens one at a time
 * ({@code create_access_token}, {@code create_refresh_token}) and as a {@link TokenPair} of one
 * refresh-token family (the {@code fam} claim on the refresh token and, unless turned off, on the
 * access token, so that revoking the family reaches both). The layout, lifetimes, additional
 * claims and headers and the identity loader are the {@link TokenEncoder}'s. Each token issued is
 * reported to its {@link JwtEvents}, which the rotation of refresh tokens reports to as well.
 *
 * <p>Thread safety: immutable and thread safe if the encoder's callbacks are.
 */
public final class TokenIssuer {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenEncoder encoder;
    private final boolean familyOnAccessTokens;
    private final JwtEvents events;

    /**
     * Issues with {@code encoder}; {@code familyOnAccessTokens}: whether a pair's access token
     * carries its family too. Reports to no listener.
     */
    public TokenIssuer(TokenEncoder encoder, boolean familyOnAccessTokens) {
        this(encoder, familyOnAccessTokens, JwtEvents.NONE);
    }

    /** {@link #TokenIssuer(TokenEncoder, boolean)} reporting each token issued to {@code events}. */
    public TokenIssuer(TokenEncoder encoder, boolean familyOnAccessTokens, JwtEvents events) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.familyOnAccessTokens = familyOnAccessTokens;
        this.events = Objects.requireNonNull(events, "events");
    }

    /** Where this issuer's tokens, and the rotations that issue them, are reported. */
    public JwtEvents events() {
        return events;
    }

    /** An access token with per-call options ({@code fresh}, {@code expires_delta}, additional claims and headers). */
    public String accessToken(Object identity, TokenOptions options) {
        String token = encoder.encode(identity, "access", options);
        events.tokenIssued(TokenType.ACCESS);
        return token;
    }

    /** A refresh token with per-call options; it is never fresh. */
    public String refreshToken(Object identity, TokenOptions options) {
        String token = encoder.encode(identity, "refresh", options);
        events.tokenIssued(TokenType.REFRESH);
        return token;
    }

    /**
     * A refresh token whose {@code jti} is {@code jti}: the successor that refresh-token rotation
     * names, so that every answer within its window continues one line.
     */
    public String refreshToken(Object identity, TokenOptions options, String jti) {
        String token = encoder.encode(identity, "refresh", options, Objects.requireNonNull(jti, "jti"));
        events.tokenIssued(TokenType.REFRESH);
        return token;
    }

    /**
     * An access token and a refresh token of {@code family}; null {@code accessOptions} are the
     * defaults.
     */
    public TokenPair pair(Object identity, TokenOptions accessOptions, TokenOptions refreshOptions, String family) {
        return pair(identity, accessOptions, refreshOptions, family, null);
    }

    /**
     * {@link #pair(Object, TokenOptions, TokenOptions, String)} with the refresh token's {@code jti}
     * given ({@code refreshJti}; null: a new random one).
     */
    public TokenPair pair(Object identity, TokenOptions accessOptions, TokenOptions refreshOptions, String family,
                          String refreshJti) {
        Objects.requireNonNull(refreshOptions, "refreshOptions");
        Objects.requireNonNull(family, "family");
        TokenOptions access = accessOptions == null ? TokenOptions.defaults() : accessOptions;
        if (familyOnAccessTokens) {
            access = access.withFamily(family);
        }
        String accessToken = accessToken(identity, access);
        String refresh = encoder.encode(identity, "refresh", refreshOptions.withFamily(family), refreshJti);
        events.tokenIssued(TokenType.REFRESH);
        return new TokenPair(accessToken, refresh, family);
    }

    /** A new random {@code jti}, as every token gets one. */
    public static String newJti() {
        return UUID.randomUUID().toString();
    }

    /** A new random family id: 128 bits, base64url. */
    public static String newFamilyId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
