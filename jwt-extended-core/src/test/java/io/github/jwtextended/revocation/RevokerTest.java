package io.github.jwtextended.revocation;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.KeyResolvers;
import io.github.jwtextended.token.Jwt;
import io.github.jwtextended.token.TokenDecoder;
import io.github.jwtextended.token.TokenEncoder;
import io.github.jwtextended.token.TokenIssuer;
import io.github.jwtextended.token.TokenOptions;
import io.github.jwtextended.token.TokenPair;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The revoker on its own, without the manager, over a real in-memory store. */
class RevokerTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(NOW);
    private final JwtConfig config = TestKeys.config().build();
    private final KeyResolver keys = KeyResolvers.from(config.keys(), config.decode().algorithms(), clock, config.settingNames());
    private final TokenDecoder decoder = new TokenDecoder(config, keys, clock);
    private final TokenIssuer issuer = new TokenIssuer(new TokenEncoder(config, keys, clock, null, null, null), true);

    private static boolean revoked(RevocationStore store, Jwt t) {
        return store.isRevoked(RevocationCheck.of(t.jti(), t.identityAsString(), t.issuedAt(), t.expiresAt(), t.family()));
    }

    @Test
    void revokesATokenAnEncodedTokenAFamilyAndAnIdentity() {
        InMemoryRevocationStore store = new InMemoryRevocationStore();
        Revoker revoker = new Revoker(config, decoder, clock, store);
        Jwt one = decoder.decode(issuer.accessToken("kim", TokenOptions.defaults()));
        Jwt other = decoder.decode(issuer.accessToken("kim", TokenOptions.defaults()));
        revoker.revoke(one);
        assertThat(revoked(store, one)).isTrue();
        assertThat(revoked(store, other)).as("only that token").isFalse();

        Jwt encoded = revoker.revoke(issuer.refreshToken("lee", TokenOptions.defaults()));
        assertThat(revoked(store, encoded)).isTrue();

        TokenPair pair = issuer.pair("max", null, TokenOptions.defaults(), "fam-9");
        assertThat(revoker.revokeFamily(decoder.decode(pair.refreshToken()))).isTrue();
        assertThat(revoked(store, decoder.decode(pair.accessToken()))).as("the family's access token too").isTrue();

        assertThat(revoker.revokeAllFor("kim")).as("a still clock is not waited for").isEqualTo(NOW);
        assertThat(revoked(store, other)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(revoked(store, decoder.decode(issuer.accessToken("kim", TokenOptions.defaults()))))
                .as("a login after the cut-off").isFalse();
    }

    @Test
    void withoutAStoreRevocationIsRefusedAndThereIsNoFamilyToRevoke() {
        Revoker revoker = new Revoker(config, decoder, clock, null);
        Jwt token = decoder.decode(issuer.pair("kim", null, TokenOptions.defaults(), "fam-1").refreshToken());
        assertThat(revoker.rotation()).isNull();
        assertThatThrownBy(() -> revoker.revoke(token)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> revoker.revokeAllFor("kim")).isInstanceOf(IllegalStateException.class);
        assertThat(revoker.revokeFamily(token)).isFalse();
    }
}
