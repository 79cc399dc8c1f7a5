package io.github.jwtextended.javalin;

import io.github.jwtextended.verify.Guard;
import io.javalin.security.RouteRole;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JwtGuard} is the core {@link Guard} and nothing more, as a Javalin {@link RouteRole}: no
 * setting of its own that could drift from the guard's.
 */
class JwtGuardTest {

    @Test
    void itHoldsAGuardAndNothingElse() {
        assertThat(JwtGuard.class.isRecord()).isTrue();
        assertThat(Arrays.stream(JwtGuard.class.getRecordComponents()).<Class<?>>map(c -> c.getType()).toList())
                .containsExactly(Guard.class);
        assertThat(RouteRole.class).isAssignableFrom(JwtGuard.class);
    }

    @Test
    void itCarriesTheGuardItWasGiven() {
        Guard g = Guard.required().refresh(true).skipRevocationCheck(true);
        assertThat(JwtGuard.of(g).guard()).isSameAs(g);
        assertThat(JwtGuard.required().guard()).isEqualTo(Guard.required());
        assertThat(JwtGuard.of(g)).isEqualTo(new JwtGuard(Guard.required().skipRevocationCheck(true).refresh(true)));
        assertThat(List.of(JwtGuard.required())).contains(JwtGuard.of(Guard.required()));
        assertThatThrownBy(() -> JwtGuard.of(null)).isInstanceOf(NullPointerException.class);
    }
}
