package io.github.jwtextended.token;

import io.github.jwtextended.config.JwtConfig;
import io.github.jwtextended.fixtures.MutableClock;
import io.github.jwtextended.fixtures.TestKeys;
import io.github.jwtextended.key.KeyResolver;
import io.github.jwtextended.key.KeyResolvers;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The issuer on its own, without the manager: types, the pair's family, family ids. */
class TokenIssuerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final JwtConfig config = TestKeys.config().build();
    private final KeyResolver keys = KeyResolvers.from(config.keys(), config.decode().algorithms(), clock, config.settingNames());
    private final TokenDecoder decoder = new TokenDecoder(config, keys, clock);

    private TokenIssuer issuer(boolean familyOnAccessTokens) {
        return new TokenIssuer(new TokenEncoder(config, keys, clock, null, null, null), familyOnAccessTokens);
    }

    @Test
    void issuesAccessAndRefreshTokens() {
        TokenIssuer issuer = issuer(true);
        Jwt access = decoder.decode(issuer.accessToken("kim", TokenOptions.defaults().withFresh(true)));
        Jwt refresh = decoder.decode(issuer.refreshToken("kim", TokenOptions.defaults()));
        assertThat(access.claim("type")).isEqualTo("access");
        assertThat(access.claim("fresh")).isEqualTo(true);
        assertThat(refresh.isRefresh()).isTrue();
        assertThat(access.family()).isNull();
    }

    @Test
    void aPairCarriesItsFamilyOnBothTokensUnlessTurnedOff() {
        TokenPair both = issuer(true).pair("kim", null, TokenOptions.defaults(), "fam-1");
        assertThat(both.family()).isEqualTo("fam-1");
        assertThat(decoder.decode(both.refreshToken()).family()).isEqualTo("fam-1");
        assertThat(decoder.decode(both.accessToken()).family()).isEqualTo("fam-1");

        TokenPair refreshOnly = issuer(false).pair("kim", TokenOptions.defaults(), TokenOptions.defaults(), "fam-2");
        assertThat(decoder.decode(refreshOnly.refreshToken()).family()).isEqualTo("fam-2");
        assertThat(decoder.decode(refreshOnly.accessToken()).family()).isNull();
    }

    @Test
    void familyIdsAreRandom128BitBase64Url() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = TokenIssuer.newFamilyId();
            assertThat(id).matches("[A-Za-z0-9_-]{22}");
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }
}
