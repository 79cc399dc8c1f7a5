package io.github.jwtextended.verify;

import io.github.jwtextended.callback.BlocklistCheck;
import io.github.jwtextended.callback.ClaimsVerifier;
import io.github.jwtextended.callback.UserLookup;
import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.TokenType;
import io.github.jwtextended.event.VerificationOutcome;
import io.github.jwtextended.error.FreshTokenRequiredException;
import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.error.MissingTokenException;
import io.github.jwtextended.error.RevokedTokenException;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.error.UserClaimsVerificationException;
import io.github.jwtextended.error.UserLookupException;
import io.github.jwtextended.extract.ExtractedToken;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.extract.TokenExtractor;
import io.github.jwtextended.revocation.RevocationCheck;
import io.github.jwtextended.revocation.RevocationStore;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import static io.github.jwtextended.error.InvalidTokenException.Reason.TOKEN_TYPE;

/**
 * <b>Where a request is verified.</b> flask-jwt-extended's {@code verify_jwt_in_request}, step by step:
 * <ol>
 *   <li>OPTIONS requests pass untouched (an absent token);</li>
 *   <li>each location in order: extract (the CSRF value of a cookie token is checked for presence
 *       here) then decode and verify; only a <em>missing</em> token moves on to the next location,
 *       and when none has one the combined {@code Missing JWT in ...} message is raised (an optional
 *       guard answers with an absent token instead);</li>
 *   <li>then, in order: token type, freshness, revocation (store: the token's {@code jti} and its
 *       identity's not-before instant in one question; then the blocklist callback),
 *       custom claims verification, user lookup.</li>
 * </ol>
 * Each step fails with the {@link io.github.jwtextended.error.JwtException} that carries the
 * reference's status and message. Every outcome but an OPTIONS pass is reported to the
 * {@link JwtEvents} given (a {@link VerificationOutcome}, the type the guard reads and where the
 * token was found).
 *
 * <p>Thread safety: immutable and thread safe if its callbacks and store are.
 */
public final class RequestVerifier {
    private final JwtConfig config;
    private final TokenExtractor extractor;
    private final TokenDecoder decoder;
    private final Clock clock;
    private final RevocationStore store;
    private final BlocklistCheck blocklist;
    private final ClaimsVerifier claimsVerifier;
    private final UserLookup userLookup;
    private final JwtEvents events;

    /** A verifier that reports to no listener. */
    public RequestVerifier(JwtConfig config, TokenDecoder decoder, Clock clock, RevocationStore store,
                           BlocklistCheck blocklist, ClaimsVerifier claimsVerifier, UserLookup userLookup) {
        this(config, decoder, clock, store, blocklist, claimsVerifier, userLookup, JwtEvents.NONE);
    }

    /** A verifier reporting each outcome to {@code events}. */
    public RequestVerifier(JwtConfig config, TokenDecoder decoder, Clock clock, RevocationStore store,
                           BlocklistCheck blocklist, ClaimsVerifier claimsVerifier, UserLookup userLookup,
                           JwtEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.config = Objects.requireNonNull(config, "config");
        this.extractor = new TokenExtractor(config);
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = store;
        this.blocklist = blocklist;
        this.claimsVerifier = claimsVerifier;
        this.userLookup = userLookup;
    }

    /**
     * The verified token of {@code request} under {@code guard}; {@link Jwt#absent()} for OPTIONS
     * requests and for an optional guard when no location holds a token.
     */
    public Jwt verify(JwtRequest request, Guard guard) {
        if ("OPTIONS".equals(request.method().toUpperCase(Locale.ROOT))) {
            return Jwt.absent();
        }
        TokenType type = guard.refresh() ? TokenType.REFRESH : TokenType.ACCESS;
        Jwt jwt;
        try {
            jwt = decodeFromRequest(request, guard, type);
        } catch (MissingTokenException e) {
            if (guard.optional()) {
                events.verification(VerificationOutcome.ABSENT, type, null);
                return Jwt.absent();
            }
            events.verification(VerificationOutcome.MISSING, type, null);
            throw e;
        }
        try {
            jwt = checkDecoded(jwt, guard);
        } catch (JwtException e) {
            events.verificationFailed(e, type, jwt.location());
            throw e;
        }
        events.verification(VerificationOutcome.SUCCESS, type, jwt.location());
        return jwt;
    }

    /** The checks after decoding: type, freshness, revocation, the claims verifier, the user lookup. */
    private Jwt checkDecoded(Jwt jwt, Guard guard) {
        checkType(jwt, guard);
        if (guard.fresh()) {
            checkFresh(jwt);
        }
        if (!guard.skipRevocationCheck()) {
            checkRevoked(jwt);
        }
        if (claimsVerifier != null && !claimsVerifier.verify(jwt.header(), jwt.claims())) {
            throw new UserClaimsVerificationException("User claims verification failed", jwt.header(), jwt.claims());
        }
        if (userLookup != null) {
            Object user = userLookup.lookup(jwt.header(), jwt.claims());
            if (user == null) {
                throw new UserLookupException("Error loading the user " + jwt.identity(), jwt.header(), jwt.claims());
            }
            return jwt.withUser(user);
        }
        return jwt;
    }

    /** The decoded token of the first location holding one; a failure other than a missing token is reported here, where its location is known. */
    private Jwt decodeFromRequest(JwtRequest request, Guard guard, TokenType type) {
        List<TokenLocation> locations = guard.locations().isEmpty() ? config.tokenLocations() : guard.locations();
        List<String> errors = new ArrayList<>(locations.size());
        for (TokenLocation location : locations) {
            try {
                ExtractedToken found = extractor.extract(request, location, guard.refresh());
                return decoder.decode(found.token(), found.csrfValue(), false).withLocation(location);
            } catch (MissingTokenException e) {
                errors.add(e.getMessage());
            } catch (JwtException e) {
                events.verificationFailed(e, type, location);
                throw e;
            }
        }
        if (locations.size() == 1) {
            throw new MissingTokenException(errors.get(0));
        }
        StringBuilder msg = new StringBuilder("Missing JWT in ");
        for (int i = 0; i < locations.size(); i++) {
            if (i > 0) {
                msg.append(i == locations.size() - 1 ? " or " : ", ");
            }
            msg.append(locations.get(i).wireName());
        }
        msg.append(" (").append(String.join("; ", errors)).append(")");
        throw new MissingTokenException(msg.toString());
    }

    private static void checkType(Jwt jwt, Guard guard) {
        if (!guard.verifyType()) {
            return;
        }
        if (guard.refresh() && !"refresh".equals(jwt.claim("type"))) {
            throw new InvalidTokenException(TOKEN_TYPE, "type", "Only refresh tokens are allowed", jwt.header(), jwt.claims());
        }
        if (!guard.refresh() && "refresh".equals(jwt.claim("type"))) {
            throw new InvalidTokenException(TOKEN_TYPE, "type", "Only non-refresh tokens are allowed", jwt.header(), jwt.claims());
        }
    }

    private void checkFresh(Jwt jwt) {
        Object fresh = jwt.claim("fresh");
        boolean ok;
        if (fresh instanceof Boolean) {
            ok = (Boolean) fresh;
        } else if (fresh instanceof Number) {
            double until = ((Number) fresh).doubleValue();
            ok = !Double.isNaN(until) && until >= clock.millis() / 1000.0;
        } else {
            ok = false;
        }
        if (!ok) {
            throw new FreshTokenRequiredException("Fresh token required", jwt.header(), jwt.claims());
        }
    }

    private void checkRevoked(Jwt jwt) {
        boolean revoked = StoreUnavailableException.failClosed(
                () -> (store != null && store.isRevoked(RevocationCheck.of(jwt.jti(), jwt.identityAsString(),
                                jwt.issuedAt(), jwt.expiresAt(), jwt.family())))
                        || (blocklist != null && blocklist.isRevoked(jwt.header(), jwt.claims())));
        if (revoked) {
            throw new RevokedTokenException("Token has been revoked", jwt.header(), jwt.claims());
        }
    }
}
