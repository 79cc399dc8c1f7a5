package io.github.jwtextended.verify;

import io.github.jwtextended.config.TokenLocation;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
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
        RecordComponent[] components = Guard.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Object other = otherThanDefault(c);
            Guard set = (Guard) Guard.class.getMethod(c.getName(), c.getType()).invoke(Guard.required(), other);
            assertThat(set).as(c.getName()).isEqualTo(requiredWith(i, other));
            assertThat(c.getAccessor().invoke(set)).as(c.getName()).isEqualTo(other);
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

    /** {@link Guard#required()} with component {@code index} set to {@code value}, through the canonical constructor. */
    static Guard requiredWith(int index, Object value) throws Exception {
        RecordComponent[] components = Guard.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = i == index ? value : components[i].getAccessor().invoke(Guard.required());
            types[i] = components[i].getType();
        }
        Constructor<Guard> canonical = Guard.class.getDeclaredConstructor(types);
        return canonical.newInstance(args);
    }

    /** A value of the component's type that {@link Guard#required()} does not have. */
    static Object otherThanDefault(RecordComponent c) throws Exception {
        Object current = c.getAccessor().invoke(Guard.required());
        if (current instanceof Boolean b) {
            return !b;
        }
        return List.of(TokenLocation.COOKIES, TokenLocation.HEADERS);
    }
}
