package io.github.jwtextended.token;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Jwt#currentUser}: {@code get_current_user()} as every adapter hands it to a handler. */
class JwtCurrentUserTest {
    private static final Jwt TOKEN = Jwt.of(Map.of("alg", "HS256"), Map.of("sub", "alice"), "sub");

    @Test
    void theLoadedUserCastToTheAskedType() {
        assertThat(TOKEN.withUser("User:alice").currentUser(String.class)).isEqualTo("User:alice");
        assertThat(TOKEN.withUser(42).currentUser(Object.class)).isEqualTo(42);
        assertThatThrownBy(() -> TOKEN.withUser(42).currentUser(String.class)).isInstanceOf(ClassCastException.class);
    }

    @Test
    void nullWithoutAToken() {
        assertThat(Jwt.absent().currentUser(String.class)).isNull();
    }

    @Test
    void aTokenWithoutAUserMeansNoLookupIsConfigured() {
        assertThatThrownBy(() -> TOKEN.currentUser(Object.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("userLookup");
    }
}
