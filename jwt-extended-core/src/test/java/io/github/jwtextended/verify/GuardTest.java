package io.github.jwtextended.verify;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.GuardComponents;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GuardTest {

    @Test
    void requiredHasFlaskJwtRequiredDefaults() {
        assertThat(Guard.required()).isEqualTo(new Guard(false, false, false, List.of(), true, false));
        assertThat(Arrays.stream(Guard.class.getRecordComponents()).map(RecordComponent::getName))
                .containsExactly("optional", "fresh", "refresh", "locations", "verifyType", "skipRevocationCheck");
    }

    /** Each component has a wither of its name, which sets that component and no other. */
    @Test
    void everyComponentHasAWitherOfItsNameThatSetsOnlyIt() throws Exception {
        for (RecordComponent c : GuardComponents.all()) {
            Object other = otherThanDefault(c);
            Guard set = (Guard) Guard.class.getMethod(c.getName(), c.getType()).invoke(Guard.required(), other);
            assertThat(set).as(c.getName()).isEqualTo(GuardComponents.requiredWith(c.getName(), other));
            assertThat(GuardComponents.valueOf(set, c.getName())).as(c.getName()).isEqualTo(other);
        }
    }

    @Test
    void locationsAreCopiedAndMayNotHoldNull() {
        List<TokenLocation> mine = new ArrayList<>(List.of(TokenLocation.COOKIES));
        Guard g = Guard.required().locations(mine);
        mine.add(TokenLocation.HEADERS);
        assertThat(g.locations()).containsExactly(TokenLocation.COOKIES);
        assertThat(Guard.required().locations(TokenLocation.HEADERS, TokenLocation.JSON).locations())
                .containsExactly(TokenLocation.HEADERS, TokenLocation.JSON);
        assertThat(Guard.required().locations(TokenLocation.COOKIES).locations(List.of()).locations()).isEmpty();
        assertThatThrownBy(() -> Guard.required().locations(TokenLocation.COOKIES, null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Guard.required().locations(List.of(TokenLocation.JSON)).locations()).containsExactly(TokenLocation.JSON);
        assertThatThrownBy(() -> new Guard(false, false, false, null, true, false)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void equalSettingsAreEqualGuards() {
        Guard a = Guard.required().refresh(true).locations(TokenLocation.COOKIES);
        Guard b = Guard.required().locations(List.of(TokenLocation.COOKIES)).refresh(true);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(a.verifyType(false));
        assertThat(a.toString()).contains("refresh=true", "locations=" + List.of(TokenLocation.COOKIES));
    }

    /** A value of the component's type that {@link Guard#required()} does not have. */
    private static Object otherThanDefault(RecordComponent c) {
        Object current = GuardComponents.valueOf(Guard.required(), c.getName());
        if (current instanceof Boolean b) {
            return !b;
        }
        return List.of(TokenLocation.COOKIES, TokenLocation.HEADERS);
    }
}
