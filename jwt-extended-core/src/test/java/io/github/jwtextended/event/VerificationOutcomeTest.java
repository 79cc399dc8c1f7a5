package io.github.jwtextended.event;

import io.github.jwtextended.error.InvalidTokenException;
import io.github.jwtextended.error.JwtException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure type has an outcome of its own, so the total fallback of {@link VerificationOutcome#of} is never what a metric counts. */
class VerificationOutcomeTest {
    @Test
    void everyFailureTypeButInvalidTokenHasItsOwnEntry() throws Exception {
        Field f = VerificationOutcome.class.getDeclaredField("BY_TYPE");
        f.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<Class<?>, VerificationOutcome> byType = (Map<Class<?>, VerificationOutcome>) f.get(null);
        Set<Class<?>> expected = new HashSet<>(Set.of(JwtException.class.getPermittedSubclasses()));
        expected.remove(InvalidTokenException.class); // its reason decides
        assertThat(byType.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(new HashSet<>(byType.values())).as("no two types share an outcome").hasSize(expected.size());
    }
}
