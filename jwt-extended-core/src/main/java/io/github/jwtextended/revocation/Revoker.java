package io.github.jwtextended.revocation;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.error.JwtException;
import io.github.jwtextended.event.JwtEvents;
import io.github.jwtextended.event.RevocationKind;
import io.github.jwtextended.error.StoreUnavailableException;
import io.github.jwtextended.extract.JwtRequest;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * <b>Where tokens are revoked</b> into a {@link RevocationStore}: one token until its expiry, every
 * token of an identity issued up to now (log out everywhere), a refresh-token family, and the
 * refresh token of a browser's cookie at logout. Each write goes through
 * {@link StoreUnavailableException#failClosed(Runnable)}: it is recorded or fails with
 * {@link StoreUnavailableException} (503), so that a caller never reports a revocation that did not
 * happen. Records are kept for the token lifetimes plus the leeway (forever when unlimited):
 * {@link RevocationRetention}.
 *
 * <p>Thread safety: immutable and thread safe if its store is.
 */
public final class Revoker {
    private final JwtConfig config;
    private final TokenDecoder decoder;
    private final Clock clock;
    /** How long each revocation is kept. */
    private final RevocationRetention retention;
    /** The store, or null: then every revocation but {@link #revokeFamily} is refused. */
    private final RevocationStore store;
    /** The store's refresh-token rotation, or null when it has none (or there is no store). */
    private final RefreshRotation rotation;
    /** Where each recorded revocation is reported. */
    private final JwtEvents events;

    /** Revokes into {@code store} (null: none), verifying encoded tokens with {@code decoder}. */
    public Revoker(JwtConfig config, TokenDecoder decoder, Clock clock, RevocationStore store) {
        this(config, decoder, clock, store, JwtEvents.NONE);
    }

    /** {@link #Revoker(JwtConfig, TokenDecoder, Clock, RevocationStore)} reporting each recorded revocation to {@code events}. */
    public Revoker(JwtConfig config, TokenDecoder decoder, Clock clock, RevocationStore store, JwtEvents events) {
        this.events = Objects.requireNonNull(events, "events");
        this.config = Objects.requireNonNull(config, "config");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = new RevocationRetention(config, clock);
        this.store = store;
        this.rotation = store == null ? null : store.rotation().orElse(null); // capabilities never change
    }

    /** The store's refresh-token rotation, or null when it has none (or there is no store). */
    public RefreshRotation rotation() {
        return rotation;
    }

    /**
     * Revokes a verified token until its expiry plus the leeway (forever when it has no {@code exp}).
     * Fails with {@link StoreUnavailableException} when the store cannot record it.
     */
    public void revoke(Jwt token) {
        Objects.requireNonNull(token, "token");
        if (!token.isPresent()) {
            throw new IllegalArgumentException("there is no token to revoke");
        }
        RevocationStore s = requireStore();
        String jti = token.jti();
        if (jti == null) {
            throw new IllegalArgumentException("a token without jti cannot be revoked");
        }
        Instant until = retention.afterExpiry(token.expiresAt());
        StoreUnavailableException.failClosed(() -> s.revoke(jti, until));
        events.revocation(RevocationKind.TOKEN);
    }

    /**
     * Revokes an encoded token after verifying its signature; an expired token is revoked too
     * (harmless) rather than refused. Returns the token revoked.
     */
    public Jwt revoke(String encodedToken) {
        Jwt jwt = decoder.decode(encodedToken, null, true);
        revoke(jwt);
        return jwt;
    }

    /**
     * Log out everywhere, access and refresh tokens alike, on every instance sharing the store,
     * with the record kept for the longest configured token lifetime plus the leeway (forever when
     * a lifetime is unlimited); see {@link #revokeAllFor(Object, Duration)}. Tokens created with a
     * per-call lifetime longer than the configured ones outlive the record: give their lifetime
     * to that method instead.
     */
    public Instant revokeAllFor(Object identity) {
        return revokeAllFor(identity, retention.longestLifetime());
    }

    /**
     * Revokes every token of {@code identity} (the identity claim's value, compared as a string)
     * issued up to now, its {@code iat} at or before now (see {@link RevocationCheck} for the
     * whole-second boundary), keeping the record for {@code longestTokenLifetime} plus the leeway
     * ({@code null}: forever). Returns the not-before instant recorded, once the clock has moved
     * into the next second (at most a second later), so that a token created after it returns is
     * never caught by the cut-off; a clock that does not move on its own (a test clock) is not
     * waited for.
     */
    public Instant revokeAllFor(Object identity, Duration longestTokenLifetime) {
        Objects.requireNonNull(identity, "identity");
        RevocationStore s = requireStore();
        Instant now = clock.instant();
        Instant keepUntil = retention.afterLifetime(now, longestTokenLifetime);
        StoreUnavailableException.failClosed(() -> s.revokeAllIssuedBefore(String.valueOf(identity), now, keepUntil));
        events.revocation(RevocationKind.EVERYWHERE);
        awaitNextSecond(now);
        return now;
    }

    /**
     * Revokes the refresh-token family of a verified token (every token carrying its {@code fam}
     * claim) for the refresh lifetime plus the leeway; false when the token has no family or the
     * store keeps none.
     */
    public boolean revokeFamily(Jwt token) {
        Objects.requireNonNull(token, "token");
        if (token.family() == null || rotation == null) {
            return false;
        }
        Instant keepUntil = retention.familyRevokedNow();
        StoreUnavailableException.failClosed(() -> rotation.revokeFamily(token.family(), keepUntil));
        events.revocation(RevocationKind.FAMILY);
        return true;
    }

    /**
     * Logout for browsers: revokes the refresh token in the request's refresh cookie
     * ({@code config.refresh().cookieName()}), which a browser sends along but a script cannot read,
     * so that it is dead as soon as the logout answers. Call it from the logout route, after its
     * guard has verified the request's access token (with the CSRF check) and {@link #revoke(Jwt)}
     * has revoked that one. The cookie's token is verified like {@link #revoke(String)} does (an
     * expired one is revoked too, harmlessly). Returns whether a token was revoked: false when the
     * request has no refresh cookie, or one holding no valid token with a {@code jti} (nothing to
     * revoke: it can never be used). Fails with {@link StoreUnavailableException} when the store
     * cannot record it, so that the logout does not claim success (503).
     */
    public boolean revokeRefreshCookie(JwtRequest request) {
        Objects.requireNonNull(request, "request");
        String cookie = request.cookie(config.refresh().cookieName());
        if (cookie == null || cookie.isEmpty()) {
            return false;
        }
        Jwt token;
        try {
            token = decoder.decode(cookie, null, true);
        } catch (StoreUnavailableException keysUnavailable) {
            throw keysUnavailable; // our outage (a remote JWKS): the logout must not report success
        } catch (JwtException notOurs) {
            return false;
        }
        if (token.jti() == null) {
            return false;
        }
        revoke(token);
        return true;
    }

    private RevocationStore requireStore() {
        if (store == null) {
            throw new IllegalStateException("no revocation store is configured");
        }
        return store;
    }

    /** Waits until the clock is past {@code cutOff}'s second, unless the clock stands still. */
    private void awaitNextSecond(Instant cutOff) {
        long target = cutOff.getEpochSecond() + 1;
        Instant seen = clock.instant();
        while (seen.getEpochSecond() < target) {
            long millis = Math.max(1, 1000 - seen.getNano() / 1_000_000);
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Instant next = clock.instant();
            if (next.equals(seen)) {
                return; // a clock that does not move by itself: the caller moves it
            }
            seen = next;
        }
    }
}
