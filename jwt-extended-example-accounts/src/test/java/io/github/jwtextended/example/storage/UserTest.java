package io.github.jwtextended.example.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** User names: what {@link User#isValidUsername} lets through. */
class UserTest {
    @Test
    void namesWithUnpairedSurrogatesAreNotUserNames() {
        for (String bad : new String[] {"a\uD800", "\uDC00a", "a\uDE00\uD83Db", "\uD83D"}) {
            assertThat(User.isValidUsername(bad)).as("%s", bad.chars().boxed().toList()).isFalse();
            assertThat(User.hasUnpairedSurrogate(bad)).isTrue();
        }
        assertThat(User.isValidUsername("smile \uD83D\uDE00")).as("a pair is one character").isTrue();
        assertThat(User.hasUnpairedSurrogate("smile \uD83D\uDE00")).isFalse();
        assertThat(User.isValidUsername("alice")).isTrue();
        assertThat(User.isValidUsername(" alice")).isFalse();
        assertThat(User.isValidUsername("a\u0000b")).isFalse();
        assertThat(User.USERNAME_RULE).contains("unpaired surrogates");
    }
}
